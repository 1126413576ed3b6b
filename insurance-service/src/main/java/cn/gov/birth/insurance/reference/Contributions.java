package cn.gov.birth.insurance.reference;

import static cn.gov.birth.kit.reference.ReferenceChecks.PROVINCE;
import static cn.gov.birth.kit.reference.ReferenceChecks.province;
import static cn.gov.birth.platform.table.Check.pattern;
import static cn.gov.birth.platform.table.Column.required;

import cn.gov.birth.platform.table.Dataset;
import cn.gov.birth.platform.table.Table;
import cn.gov.birth.platform.table.Type;
import java.math.BigDecimal;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** The resident contribution (城乡居民医保缴费标准) per province and year: the individual amount and the subsidy. */
@Component
public class Contributions extends Dataset {

    /** A non-negative amount in yuan with at most two decimals, below 100 million. */
    static final Type AMOUNT = Type.decimal(8, 2);

    Contributions(JdbcClient jdbc) {
        super(jdbc, Table.of("contributions", "resident_contribution", List.of("region", "year"),
                required("region", pattern(PROVINCE), province()), required("year", Type.INTEGER, pattern("20\\d{2}")),
                required("individual", AMOUNT), required("subsidy", AMOUNT)));
    }

    public record Contribution(String region, int year, BigDecimal individual, BigDecimal subsidy) {

        /** The full annual amount, due when the newborn enrolls after the window. */
        public BigDecimal full() {
            return individual.add(subsidy);
        }
    }

    public Optional<Contribution> find(String region, int year) {
        return byKey(Contribution.class, region, year);
    }
}

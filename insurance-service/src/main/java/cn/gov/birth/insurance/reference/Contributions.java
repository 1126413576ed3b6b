package cn.gov.birth.insurance.reference;

import cn.gov.birth.contracts.codes.Codes;
import cn.gov.birth.platform.reference.ReferenceDataset;
import cn.gov.birth.platform.reference.RowCheck;
import cn.gov.birth.platform.web.InvalidInputException.FieldError;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The resident contribution (城乡居民医保缴费标准) per province and year, {@code contributions.csv}:
 * region (province, GB/T 2260), year, individual (the individual amount), subsidy (the government
 * subsidy per person). Keyed by region and year.
 */
@Component
public class Contributions implements ReferenceDataset {

    private final JdbcClient jdbc;

    Contributions(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public record Contribution(String region, int year, BigDecimal individual, BigDecimal subsidy) {

        /** The full annual amount, due when the newborn enrolls after the window. */
        public BigDecimal full() {
            return individual.add(subsidy);
        }
    }

    public Optional<Contribution> find(String region, int year) {
        return jdbc.sql("select region, year, individual, subsidy from resident_contribution where region = ? and year = ?")
                .params(region, year)
                .query(Contribution.class)
                .optional();
    }

    @Override
    public String name() {
        return "contributions";
    }

    @Override
    public List<String> columns() {
        return List.of("region", "year", "individual", "subsidy");
    }

    @Override
    public List<FieldError> check(Map<String, String> row) {
        List<FieldError> errors = new ArrayList<>(RowCheck.of(row).required("region", "year", "individual", "subsidy")
                .matches("year", "20\\d{2}").errors());
        String region = row.get("region");
        if (region != null && (!region.endsWith("0000") || !Codes.DIVISIONS.contains(region))) {
            errors.add(new FieldError("region", "UNKNOWN_CODE", "region 应为省级行政区划代码（GB/T 2260），如 520000"));
        }
        Cells.amount(row, "individual", errors);
        Cells.amount(row, "subsidy", errors);
        return errors;
    }

    @Override
    public void upsert(Map<String, String> row) {
        jdbc.sql("""
                        insert into resident_contribution (region, year, individual, subsidy) values (?, ?, ?, ?)
                        on conflict (region, year) do update set individual = excluded.individual,
                                                                 subsidy = excluded.subsidy""")
                .params(row.get("region"), Integer.parseInt(row.get("year")), Cells.money(row.get("individual")),
                        Cells.money(row.get("subsidy")))
                .update();
    }

    @Override
    public long count() {
        return jdbc.sql("select count(*) from resident_contribution").query(Long.class).single();
    }
}

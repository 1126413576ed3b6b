package cn.gov.birth.sscard.reference;

import static cn.gov.birth.kit.reference.ReferenceChecks.county;
import static cn.gov.birth.platform.table.Check.pattern;
import static cn.gov.birth.platform.table.Column.required;

import cn.gov.birth.platform.table.Dataset;
import cn.gov.birth.platform.table.Table;
import java.util.List;
import java.util.Optional;
import org.springframework.core.annotation.Order;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** Branches where a card is picked up (领卡网点), each of one bank in one county. */
@Component
@Order(2)
public class BankBranches extends Dataset {

    BankBranches(JdbcClient jdbc, CardBanks banks) {
        super(jdbc, Table.of("branches", "bank_branch", List.of("code"),
                        required("bankCode", pattern(CardBanks.BANK_CODE)), required("county", county()),
                        required("code", pattern("[A-Z0-9-]{2,30}")), required("name"), required("address"))
                .stagedRule("bankCode", "UNKNOWN_BANK", "'银行 ' || s.bank_code || ' 不在制卡银行名录中（先导入 banks）'",
                        "s.bank_code is not null and not exists (select 1 from " + banks.table().sqlTable()
                                + " b where b.bank_code = s.bank_code)"));
    }

    public record Branch(String code, String bankCode, String county, String name, String address) {
    }

    /** The bank's pickup branch in the county: the first by code where it has several. */
    public Optional<Branch> inCounty(String bankCode, String county) {
        return jdbc.sql("""
                        select code, bank_code, county, name, address from bank_branch
                        where bank_code = ? and county = ? order by code limit 1""")
                .params(bankCode, county)
                .query(Branch.class)
                .optional();
    }
}

package cn.gov.birth.sscard.reference;

import cn.gov.birth.platform.reference.ReferenceDataset;
import cn.gov.birth.platform.reference.RowCheck;
import cn.gov.birth.platform.web.InvalidInputException.FieldError;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.core.annotation.Order;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** Branches where a card is picked up (领卡网点), {@code branches.csv}: bankCode, county, code, name, address. Keyed by code. */
@Component
@Order(2)
public class BankBranches implements ReferenceDataset {

    private final JdbcClient jdbc;
    private final CardBanks banks;

    BankBranches(JdbcClient jdbc, CardBanks banks) {
        this.jdbc = jdbc;
        this.banks = banks;
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

    @Override
    public String name() {
        return "branches";
    }

    @Override
    public List<String> columns() {
        return List.of("bankCode", "county", "code", "name", "address");
    }

    @Override
    public List<FieldError> check(Map<String, String> row) {
        List<FieldError> errors = new ArrayList<>(RowCheck.of(row)
                .required("bankCode", "county", "code", "name", "address")
                .matches("bankCode", "[A-Z0-9]{2,20}").county("county").matches("code", "[A-Z0-9-]{2,30}")
                .errors());
        String bank = row.get("bankCode");
        if (bank != null && !banks.exists(bank)) {
            errors.add(new FieldError("bankCode", "UNKNOWN_BANK", "银行 " + bank + " 不在制卡银行名录中（先导入 banks）"));
        }
        return errors;
    }

    @Override
    public void upsert(Map<String, String> row) {
        jdbc.sql("""
                        insert into bank_branch (code, bank_code, county, name, address) values (?, ?, ?, ?, ?)
                        on conflict (code) do update set bank_code = excluded.bank_code, county = excluded.county,
                               name = excluded.name, address = excluded.address""")
                .params(row.get("code"), row.get("bankCode"), row.get("county"), row.get("name"), row.get("address"))
                .update();
    }

    @Override
    public long count() {
        return jdbc.sql("select count(*) from bank_branch").query(Long.class).single();
    }
}

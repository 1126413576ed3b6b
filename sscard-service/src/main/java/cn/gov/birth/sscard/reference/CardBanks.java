package cn.gov.birth.sscard.reference;

import cn.gov.birth.contracts.codes.Codes;
import cn.gov.birth.platform.reference.ReferenceDataset;
import cn.gov.birth.platform.reference.RowCheck;
import cn.gov.birth.platform.web.InvalidInputException.FieldError;
import cn.gov.birth.sscard.card.CardProperties;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.core.annotation.Order;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Card-making banks (制卡银行) per province, {@code banks.csv}: region, bankCode, name, cardApiUrl
 * (base URL of the bank's card-making interface), active. Keyed by region and bank code.
 */
@Component
@Order(1) // before branches, which must name a known bank
public class CardBanks implements ReferenceDataset {

    private static final String URL = "https?://[^\\s?#]+[^\\s?#/]";

    private final JdbcClient jdbc;
    private final CardProperties.BankApi bankApi;

    CardBanks(JdbcClient jdbc, CardProperties properties) {
        this.jdbc = jdbc;
        this.bankApi = properties.bankApi();
    }

    public record Bank(String region, String bankCode, String name, String cardApiUrl, boolean active) {
    }

    public Optional<Bank> find(String region, String bankCode) {
        return jdbc.sql("""
                        select region, bank_code, name, card_api_url, active from card_bank
                        where region = ? and bank_code = ?""")
                .params(region, bankCode)
                .query(Bank.class)
                .optional();
    }

    /** Whether any province has a bank with that code (branches are per bank, not per province). */
    public boolean exists(String bankCode) {
        return jdbc.sql("select count(*) from card_bank where bank_code = ?").param(bankCode)
                .query(Long.class).single() > 0;
    }

    @Override
    public String name() {
        return "banks";
    }

    @Override
    public List<String> columns() {
        return List.of("region", "bankCode", "name", "cardApiUrl", "active");
    }

    @Override
    public List<FieldError> check(Map<String, String> row) {
        List<FieldError> errors = new ArrayList<>(RowCheck.of(row).required("region", "bankCode", "name", "cardApiUrl",
                        "active")
                .matches("region", "\\d{2}0000").code("region", Codes.DIVISIONS, "GB/T 2260 省级行政区划")
                .matches("bankCode", "[A-Z0-9]{2,20}").matches("cardApiUrl", URL)
                .bool("active").errors());
        String url = row.get("cardApiUrl");
        if (url != null && url.matches(URL) && !bankApi.allows(url)) {
            // Card data (a newborn's name and ID number) goes only where the province says banks are.
            errors.add(new FieldError("cardApiUrl", "URL_NOT_ALLOWED", "制卡接口地址不在允许的地址范围内"
                    + (bankApi.allowHttp() ? "" : "（须为 https）") + "（CARD_BANK_ALLOWED_URLS）"));
        }
        return errors;
    }

    @Override
    public void upsert(Map<String, String> row) {
        jdbc.sql("""
                        insert into card_bank (region, bank_code, name, card_api_url, active) values (?, ?, ?, ?, ?)
                        on conflict (region, bank_code) do update set name = excluded.name,
                               card_api_url = excluded.card_api_url, active = excluded.active""")
                .params(row.get("region"), row.get("bankCode"), row.get("name"), row.get("cardApiUrl"),
                        Boolean.parseBoolean(row.get("active")))
                .update();
    }

    @Override
    public long count() {
        return jdbc.sql("select count(*) from card_bank").query(Long.class).single();
    }
}

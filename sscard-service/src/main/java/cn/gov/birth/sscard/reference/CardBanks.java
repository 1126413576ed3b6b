package cn.gov.birth.sscard.reference;

import static cn.gov.birth.kit.reference.ReferenceChecks.PROVINCE;
import static cn.gov.birth.kit.reference.ReferenceChecks.province;
import static cn.gov.birth.platform.table.Check.pattern;
import static cn.gov.birth.platform.table.Column.required;

import cn.gov.birth.platform.table.Dataset;
import cn.gov.birth.platform.table.Row;
import cn.gov.birth.platform.table.Table;
import cn.gov.birth.platform.table.Type;
import java.util.List;
import java.util.Optional;
import org.springframework.core.annotation.Order;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** Card-making banks (制卡银行) per province, with the base URL of each one's card-making interface. */
@Component
@Order(1) // before branches, which must name a known bank
public class CardBanks extends Dataset {

    /** Upper-case letters and digits, as banks' codes are kept. */
    static final String BANK_CODE = "[A-Z0-9]{2,20}";

    CardBanks(JdbcClient jdbc, BankApi bankApi) {
        super(jdbc, Table.of("banks", "card_bank", List.of("region", "bankCode"),
                        required("region", pattern(PROVINCE), province()), required("bankCode", pattern(BANK_CODE)),
                        required("name"), required("cardApiUrl", pattern("https?://[^\\s?#]+[^\\s?#/]")),
                        required("active", Type.BOOLEAN))
                .rule(row -> urlAllowed(bankApi, row)));
    }

    public record Bank(String region, String bankCode, String name, String cardApiUrl, boolean active) {
    }

    public Optional<Bank> find(String region, String bankCode) {
        return byKey(Bank.class, region, bankCode);
    }

    /** Card data (a newborn's name and ID number) goes only where the province says banks are. */
    private static void urlAllowed(BankApi bankApi, Row row) {
        String url = row.value("cardApiUrl");
        if (url != null && !bankApi.allows(url)) {
            row.reject("cardApiUrl", "URL_NOT_ALLOWED", "制卡接口地址不在允许的地址范围内"
                    + (bankApi.allowHttp() ? "" : "（须为 https）") + "（CARD_BANK_ALLOWED_URLS）");
        }
    }
}

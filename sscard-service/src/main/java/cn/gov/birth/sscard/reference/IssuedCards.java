package cn.gov.birth.sscard.reference;

import static cn.gov.birth.kit.reference.ReferenceChecks.residentId;
import static cn.gov.birth.platform.table.Check.pattern;
import static cn.gov.birth.platform.table.Column.required;

import cn.gov.birth.platform.table.ColumnProtection;
import cn.gov.birth.platform.table.Dataset;
import cn.gov.birth.platform.table.Table;
import cn.gov.birth.platform.table.Type;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.springframework.core.annotation.Order;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** Social security cards already issued (一人一卡), the cards banks make for this service among them. */
@Component
@Order(3)
public class IssuedCards extends Dataset {

    IssuedCards(JdbcClient jdbc, ColumnProtection protection) {
        // A card made for an application has decided it: its number and bank stay. Whose card it is is
        // only looked up: its index is kept.
        super(jdbc, protection, Table.of("issued-cards", "issued_card", List.of("idNumber"),
                        required("idNumber", residentId()).indexed(), required("cardNumber", pattern("[A-Z0-9]{6,30}")),
                        required("bankCode", pattern(CardBanks.BANK_CODE)), required("issuedAt", Type.DATE_TIME))
                .fixedOnceSet("application_id", "cardNumber", "bankCode"));
    }

    public boolean hasCard(String idNumber) {
        return jdbc.sql("select count(*) from issued_card where id_number_index = ?")
                .param(protection.index(idNumber)).query(Long.class).single() > 0;
    }

    /** A card a bank made for an application; a card already on record for the person stays as it is. */
    public void made(String idNumber, String cardNumber, String bankCode, Instant issuedAt, UUID applicationId) {
        jdbc.sql("""
                        insert into issued_card (id_number_index, card_number, bank_code, issued_at, application_id)
                        values (?, ?, ?, ?, ?) on conflict (id_number_index) do nothing""")
                .params(protection.index(idNumber), cardNumber, bankCode, Timestamp.from(issuedAt), applicationId)
                .update();
    }
}

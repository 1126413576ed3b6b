package cn.gov.birth.sscard.reference;

import cn.gov.birth.platform.reference.ReferenceDataset;
import cn.gov.birth.platform.reference.RowCheck;
import cn.gov.birth.platform.web.InvalidInputException.FieldError;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.core.annotation.Order;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Social security cards already issued (一人一卡), {@code issued-cards.csv}: idNumber, cardNumber,
 * bankCode, issuedAt. Keyed by the holder's ID number; the cards banks make for this service are
 * recorded here too.
 */
@Component
@Order(3)
public class IssuedCards implements ReferenceDataset {

    private final JdbcClient jdbc;

    IssuedCards(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public boolean hasCard(String idNumber) {
        return jdbc.sql("select count(*) from issued_card where id_number = ?").param(idNumber)
                .query(Long.class).single() > 0;
    }

    /** A card a bank made for an application; a card already on record for the person stays as it is. */
    public void made(String idNumber, String cardNumber, String bankCode, Instant issuedAt, UUID applicationId) {
        jdbc.sql("""
                        insert into issued_card (id_number, card_number, bank_code, issued_at, application_id)
                        values (?, ?, ?, ?, ?) on conflict (id_number) do nothing""")
                .params(idNumber, cardNumber, bankCode, Timestamp.from(issuedAt), applicationId)
                .update();
    }

    @Override
    public String name() {
        return "issued-cards";
    }

    @Override
    public List<String> columns() {
        return List.of("idNumber", "cardNumber", "bankCode", "issuedAt");
    }

    @Override
    public List<FieldError> check(Map<String, String> row) {
        return RowCheck.of(row).required("idNumber", "cardNumber", "bankCode", "issuedAt")
                .residentId("idNumber").matches("cardNumber", "[A-Z0-9]{6,30}").matches("bankCode", "[A-Z0-9]{2,20}")
                .dateTime("issuedAt").errors();
    }

    @Override
    public void upsert(Map<String, String> row) {
        jdbc.sql("""
                        insert into issued_card (id_number, card_number, bank_code, issued_at) values (?, ?, ?, ?)
                        on conflict (id_number) do update set card_number = excluded.card_number,
                               bank_code = excluded.bank_code, issued_at = excluded.issued_at""")
                .params(row.get("idNumber"), row.get("cardNumber"), row.get("bankCode"),
                        Timestamp.from(OffsetDateTime.parse(row.get("issuedAt")).toInstant()))
                .update();
    }

    @Override
    public long count() {
        return jdbc.sql("select count(*) from issued_card").query(Long.class).single();
    }
}

package cn.gov.birth.sscard.card;

import cn.gov.birth.platform.crypto.EncryptedColumn;
import cn.gov.birth.platform.crypto.EncryptedColumns;
import cn.gov.birth.platform.outbound.OutboundTable;
import cn.gov.birth.platform.table.ColumnProtection;
import cn.gov.birth.platform.table.ProtectedColumn;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The card requests for the banks ({@code card_request}): recorded with the decision, claimed and
 * sent by the sender outside any transaction, closed by the bank's callback.
 */
@Repository
public class CardRequests implements EncryptedColumns {

    public static final String PENDING = "PENDING";
    public static final String SENT = "SENT";
    public static final String MADE = "MADE";
    public static final String FAILED = "FAILED";
    public static final String CANCELLED = "CANCELLED";

    /** Sent to the bank and one live request per person: sealed, and indexed. */
    static final ProtectedColumn CITIZEN_ID_NUMBER = ProtectedColumn.sealed("card_request", "request_id",
            "citizen_id_number").andIndexed();
    /** The bank's body: the citizen ID number again, and for a mailed card the recipient's phone and address. */
    static final ProtectedColumn PAYLOAD = ProtectedColumn.sealed("card_request", "request_id", "payload");

    private final JdbcClient jdbc;
    private final ColumnProtection protection;
    private final RowMapper<CardRequest> rows;
    private final OutboundTable<CardRequest> outbound;

    CardRequests(JdbcClient jdbc, ColumnProtection protection) {
        this.jdbc = jdbc;
        this.protection = protection;
        this.rows = protection.rows(CardRequest.class, CITIZEN_ID_NUMBER, PAYLOAD);
        this.outbound = new OutboundTable<>("card_request", "request_id", "state", List.of(PENDING, SENT), "attempts",
                "next_attempt_at", "last_error", rows);
    }

    /** What the sender keeps of a request (the bank deduplicates on the request id). */
    public OutboundTable<CardRequest> outbound() {
        return outbound;
    }

    @Override
    public List<EncryptedColumn> encryptedColumns() {
        return List.of(CITIZEN_ID_NUMBER.encryptedColumn(), PAYLOAD.encryptedColumn());
    }

    /** A request; its {@code payload} is the JSON body for the bank's card-making interface. */
    public record CardRequest(UUID requestId, UUID applicationId, String citizenIdNumber, String region,
                              String bankCode, String pickupBranch, String payload, String state, int attempts) {
    }

    /** Whether the person has a request at a bank that is not finished or made a card, for another application. */
    boolean hasLiveRequest(String citizenIdNumber, UUID otherThan) {
        return jdbc.sql("""
                        select count(*) from card_request
                        where citizen_id_number_index = ? and application_id <> ?
                          and state in ('PENDING', 'SENT', 'MADE')""")
                .params(protection.index(citizenIdNumber), otherThan)
                .query(Long.class).single() > 0;
    }

    /** Records a request to send; false when the person already has a live one (one card per person). */
    boolean record(CardRequest request, Instant now) {
        return jdbc.sql("""
                        insert into card_request (request_id, application_id, citizen_id_number,
                                                  citizen_id_number_index, region, bank_code, pickup_branch, payload,
                                                  state, next_attempt_at, created_at)
                        values (?, ?, ?, ?, ?, ?, ?, ?, 'PENDING', ?, ?) on conflict do nothing""")
                .params(request.requestId(), request.applicationId(),
                        protection.seal(CITIZEN_ID_NUMBER, request.citizenIdNumber()),
                        protection.index(request.citizenIdNumber()), request.region(), request.bankCode(),
                        request.pickupBranch(), protection.seal(PAYLOAD, request.payload()), Timestamp.from(now),
                        Timestamp.from(now))
                .update() == 1;
    }

    /** The request, locked until the caller's transaction ends. */
    Optional<CardRequest> lock(UUID requestId) {
        return jdbc.sql("""
                        select request_id, application_id, citizen_id_number, region, bank_code, pickup_branch,
                               payload, state, attempts from card_request
                        where request_id = ? for update""")
                .param(requestId).query(rows).optional();
    }

    /**
     * The bank took the request; a callback that came first already moved it on. Without a
     * callback by {@code resendAt} it is due again.
     */
    public void sent(UUID requestId, Instant now, Instant resendAt) {
        jdbc.sql("""
                        update card_request set state = 'SENT', sent_at = ?, next_attempt_at = ?, last_error = null
                        where request_id = ? and state in ('PENDING', 'SENT')""")
                .params(Timestamp.from(now), Timestamp.from(resendAt), requestId)
                .update();
    }

    /** The item was withdrawn before the request was sent. */
    public void cancelled(UUID requestId, Instant now) {
        finish(requestId, CANCELLED, null, null, now);
    }

    void finish(UUID requestId, String state, String cardNumber, String error, Instant now) {
        jdbc.sql("""
                        update card_request set state = ?, card_number = ?, last_error = ?, finished_at = ?
                        where request_id = ?""")
                .params(state, cardNumber, error, Timestamp.from(now), requestId)
                .update();
    }
}

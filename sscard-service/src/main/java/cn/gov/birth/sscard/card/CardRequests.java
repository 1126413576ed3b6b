package cn.gov.birth.sscard.card;

import cn.gov.birth.platform.outbound.OutboundTable;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.DataClassRowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The card requests for the banks ({@code card_request}): recorded with the decision, claimed and
 * sent by the sender outside any transaction, closed by the bank's callback.
 */
@Repository
public class CardRequests {

    public static final String PENDING = "PENDING";
    public static final String SENT = "SENT";
    public static final String MADE = "MADE";
    public static final String FAILED = "FAILED";
    public static final String CANCELLED = "CANCELLED";

    /** What the sender keeps of a request (the bank deduplicates on the request id). */
    public static final OutboundTable<CardRequest> OUTBOUND = new OutboundTable<>("card_request", "request_id",
            "state", List.of(PENDING, SENT), "attempts", "next_attempt_at", "last_error",
            new DataClassRowMapper<>(CardRequest.class));

    private final JdbcClient jdbc;

    CardRequests(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** A request; its {@code payload} is the JSON body for the bank's card-making interface. */
    public record CardRequest(UUID requestId, UUID applicationId, String citizenIdNumber, String region,
                              String bankCode, String pickupBranch, String payload, String state, int attempts) {
    }

    /** Whether the person has a request at a bank that is not finished or made a card, for another application. */
    boolean hasLiveRequest(String citizenIdNumber, UUID otherThan) {
        return jdbc.sql("""
                        select count(*) from card_request
                        where citizen_id_number = ? and application_id <> ? and state in ('PENDING', 'SENT', 'MADE')""")
                .params(citizenIdNumber, otherThan)
                .query(Long.class).single() > 0;
    }

    /** Records a request to send; false when the person already has a live one (one card per person). */
    boolean record(CardRequest request, Instant now) {
        return jdbc.sql("""
                        insert into card_request (request_id, application_id, citizen_id_number, region, bank_code,
                                                  pickup_branch, payload, state, next_attempt_at, created_at)
                        values (?, ?, ?, ?, ?, ?, ?::jsonb, 'PENDING', ?, ?) on conflict do nothing""")
                .params(request.requestId(), request.applicationId(), request.citizenIdNumber(), request.region(),
                        request.bankCode(), request.pickupBranch(), request.payload(), Timestamp.from(now),
                        Timestamp.from(now))
                .update() == 1;
    }

    /** The request, locked until the caller's transaction ends. */
    Optional<CardRequest> lock(UUID requestId) {
        return jdbc.sql("""
                        select request_id, application_id, citizen_id_number, region, bank_code, pickup_branch,
                               payload::text as payload, state, attempts from card_request
                        where request_id = ? for update""")
                .param(requestId).query(CardRequest.class).optional();
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

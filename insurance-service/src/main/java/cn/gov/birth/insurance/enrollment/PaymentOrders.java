package cn.gov.birth.insurance.enrollment;

import cn.gov.birth.insurance.review.InsuranceCase.Enrollment;
import cn.gov.birth.platform.outbound.OutboundTable;
import cn.gov.birth.platform.table.ColumnProtection;
import cn.gov.birth.platform.table.ProtectedColumn;
import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.DataClassRowMapper;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * The newborns' payment orders at the tax channel ({@code payment_order}), one attempt after
 * another; {@link PaymentOrderSender} sends them. Only ever used in the caller's transaction.
 */
@Repository
@Transactional(propagation = Propagation.MANDATORY)
class PaymentOrders {

    enum State { PENDING, ISSUED, PAID, EXPIRED, FAILED }

    record PaymentOrder(String orderId, UUID applicationId, int attempt, String citizenIdNumber, String region,
                        String insuredDivision, String newbornName, LocalDate birthDate, List<Integer> insuredYears,
                        BigDecimal amount, LocalDate payBy, State state, String paymentReference) {
    }

    /** Sent to the tax channel: sealed. */
    static final ProtectedColumn CITIZEN_ID_NUMBER = ProtectedColumn.sealed("payment_order", "order_id",
            "citizen_id_number");

    /**
     * Reads a row by its column names; the insured years are an {@code integer[]}, which JDBC gives as
     * an Array; the citizen ID number is opened.
     */
    static RowMapper<PaymentOrder> rows(ColumnProtection protection) {
        return new DataClassRowMapper<>(PaymentOrder.class) {
            @Override
            protected Object getColumnValue(ResultSet rs, int index, Class<?> type) throws SQLException {
                return type == List.class ? List.of((Integer[]) rs.getArray(index).getArray())
                        : CITIZEN_ID_NUMBER.column().equals(rs.getMetaData().getColumnName(index))
                        ? protection.open(CITIZEN_ID_NUMBER, rs.getString(index))
                        : super.getColumnValue(rs, index, type);
            }
        };
    }

    /** What the sender keeps of an order: issued ones are sent again when their report is overdue. */
    static OutboundTable<PaymentOrder> outbound(ColumnProtection protection) {
        return new OutboundTable<>("payment_order", "order_id", "state", List.of("PENDING", "ISSUED"),
                "send_attempts", "next_attempt_at", null, rows(protection));
    }

    private final JdbcClient jdbc;
    private final ColumnProtection protection;
    private final RowMapper<PaymentOrder> rows;
    private final Clock clock;

    PaymentOrders(JdbcClient jdbc, ColumnProtection protection, Clock clock) {
        this.jdbc = jdbc;
        this.protection = protection;
        this.rows = rows(protection);
        this.clock = clock;
    }

    /**
     * Records a new order to send, the application's next attempt. Its id is random (nothing about
     * the application can be read from it or guessed) and kept, so every resend of it is the same
     * order to the channel.
     */
    PaymentOrder create(UUID applicationId, Enrollment request, CoverageRule.Due due) {
        int attempt = jdbc.sql("select coalesce(max(attempt), 0) + 1 from payment_order where application_id = ?")
                .param(applicationId).query(Integer.class).single();
        String orderId = "MI-" + UUID.randomUUID().toString().replace("-", "");
        Timestamp now = Timestamp.from(clock.instant());
        jdbc.sql("""
                        insert into payment_order (order_id, application_id, attempt, citizen_id_number, region,
                                                   insured_division, newborn_name, birth_date, insured_years, amount,
                                                   pay_by, state, next_attempt_at, created_at)
                        values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'PENDING', ?, ?)""")
                .params(orderId, applicationId, attempt, protection.seal(CITIZEN_ID_NUMBER, request.citizenIdNumber()),
                        request.region(),
                        request.insuredDivision(), request.newbornName(), request.birthDate(),
                        due.years().toArray(Integer[]::new), due.amount(), due.payBy(), now, now)
                .update();
        return find(orderId).orElseThrow();
    }

    Optional<PaymentOrder> find(String orderId) {
        return jdbc.sql("select * from payment_order where order_id = ?").param(orderId).query(rows).optional();
    }

    /** The order by its id or, failing that, by the channel's reference, locked for the caller's transaction. */
    Optional<PaymentOrder> lock(String orderId, String paymentReference) {
        return jdbc.sql("""
                        select * from payment_order where order_id = ? or payment_reference = ?
                        order by (order_id = ?) desc limit 1 for update""")
                .params(orderId, paymentReference, orderId).query(rows).optional();
    }

    /**
     * Records the channel's reference and when to look again if it does not report; true only the
     * first time (the order was waiting to be sent), false for a re-sent order or a finished one.
     */
    boolean issued(String orderId, String paymentReference, Instant recheckAt) {
        Timestamp now = Timestamp.from(clock.instant());
        boolean first = jdbc.sql("""
                        update payment_order set state = 'ISSUED', payment_reference = ?, issued_at = ?,
                                                 send_attempts = 0, next_attempt_at = ?
                        where order_id = ? and state = 'PENDING'""")
                .params(paymentReference, now, Timestamp.from(recheckAt), orderId).update() == 1;
        if (!first) {
            jdbc.sql("""
                            update payment_order set send_attempts = 0, next_attempt_at = ?
                            where order_id = ? and state = 'ISSUED'""")
                    .params(Timestamp.from(recheckAt), orderId).update();
        }
        return first;
    }

    boolean failed(String orderId) {
        return jdbc.sql("update payment_order set state = 'FAILED' where order_id = ? and state = 'PENDING'")
                .param(orderId).update() == 1;
    }

    /** Sends a failed order again from the first backoff on (staff approved). */
    boolean resend(String orderId) {
        return jdbc.sql("""
                        update payment_order set state = 'PENDING', send_attempts = 0, next_attempt_at = ?
                        where order_id = ? and state = 'FAILED'""")
                .params(Timestamp.from(clock.instant()), orderId).update() == 1;
    }

    void paid(String orderId, String paymentReference, Instant paidAt) {
        jdbc.sql("""
                        update payment_order set state = 'PAID', paid_at = ?,
                               payment_reference = coalesce(payment_reference, ?)
                        where order_id = ?""")
                .params(Timestamp.from(paidAt), paymentReference, orderId).update();
    }

    void expired(String orderId) {
        jdbc.sql("update payment_order set state = 'EXPIRED' where order_id = ?").param(orderId).update();
    }
}

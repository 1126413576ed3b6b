package cn.gov.birth.platform.outbound;

import static org.assertj.core.api.Assertions.assertThat;

import cn.gov.birth.platform.TestDatabases;
import io.github.resilience4j.bulkhead.BulkheadConfig;
import io.github.resilience4j.bulkhead.BulkheadRegistry;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.github.resilience4j.retry.RetryConfig;
import io.github.resilience4j.retry.RetryRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The sender against a real PostgreSQL ({@code TEST_DB_HOST}, {@code TEST_DB_PORT},
 * {@code TEST_DB_USER}, {@code TEST_DB_PASSWORD}; defaults 127.0.0.1:5432 postgres; the database
 * behind {@code BIRTH_TEST_DB_PREFIX}), partners played by functions and time by a clock the test moves.
 */
class OutboundSenderTest {

    private static final Duration LEASE = Duration.ofMinutes(2);
    private static final OutboundSettings SETTINGS = new OutboundSettings(Duration.ofSeconds(1), 50, LEASE,
            Duration.ofSeconds(1), Duration.ofSeconds(4), "test");
    private static final OutboundTable<Request> TABLE = new OutboundTable<>("partner_request", "id", "state",
            List.of("PENDING"), "attempts", "next_attempt_at", "last_error",
            (rs, row) -> new Request(rs.getString("id"), rs.getString("partner"), rs.getBoolean("finished")));
    private static JdbcClient jdbc;
    private static TransactionTemplate transactions;

    private final TestClock clock = new TestClock();
    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    private Outbound outbound;

    record Request(String id, String partner, boolean finished) {
    }

    /** A partner as the test plays it: its answer to a request, or a failure. */
    interface Partner {
        String answer(Request request) throws Exception;
    }

    @BeforeAll
    static void database() {
        DataSource data = TestDatabases.fresh("platform_outbound");
        jdbc = JdbcClient.create(data);
        transactions = new TransactionTemplate(new DataSourceTransactionManager(data));
    }

    @BeforeEach
    void emptyTableAndFreshBreakers() {
        jdbc.sql("drop table if exists partner_request").update();
        jdbc.sql("""
                create table partner_request (
                    id text primary key, partner text not null, finished boolean not null default false,
                    state text not null default 'PENDING', attempts int not null default 0,
                    next_attempt_at timestamptz not null, last_error text, answer text)""").update();
        // Five calls decide, half of them failed open the breaker; it stays open for the test.
        CircuitBreakerConfig breaker = CircuitBreakerConfig.custom()
                .slidingWindowType(CircuitBreakerConfig.SlidingWindowType.COUNT_BASED).slidingWindowSize(5)
                .minimumNumberOfCalls(5).failureRateThreshold(50).waitDurationInOpenState(Duration.ofHours(1)).build();
        outbound = new Outbound(jdbc, transactions, CircuitBreakerRegistry.of(Map.of("test", breaker)),
                RetryRegistry.of(Map.of("test", RetryConfig.custom().maxAttempts(1).build())),
                BulkheadRegistry.of(Map.of("test", BulkheadConfig.ofDefaults())), meters, clock);
    }

    @Test
    void shouldSendEachDueRequestOnceAndRecordItsAnswer() {
        insert("due-1", "BANK-A", clock.instant());
        insert("due-2", "BANK-B", clock.instant().minusSeconds(60));
        insert("later", "BANK-A", clock.instant().plusSeconds(1));
        TestSender sender = new TestSender(request -> "taken " + request.id());

        sender.sendDue();
        sender.sendDue();

        assertThat(sender.called).containsOnlyKeys("due-1", "due-2").containsValues(1);
        assertThat(row("due-1")).isEqualTo(new Row("DONE", 1, "taken due-1", null));
        assertThat(row("later")).isEqualTo(new Row("PENDING", 0, null, null));
        assertThat(meters.counter("birth.outbound.sent", "partner", "BANK-A").count()).isEqualTo(1);
        assertThat(meters.timer("birth.outbound.call", "partner", "BANK-B").count()).isEqualTo(1);
    }

    @Test
    void shouldWriteTheOutcomesOfARoundInOneTransaction() {
        insert("taken-1", "BANK-A", clock.instant());
        insert("taken-2", "BANK-B", clock.instant());
        insert("refused", "BANK-A", clock.instant());
        TestSender sender = new TestSender(takingAllBut("refused"));

        sender.sendDue();

        assertThat(row("taken-1")).isEqualTo(new Row("DONE", 1, "taken", null));
        assertThat(row("refused")).isEqualTo(new Row("PENDING", 1, null, "PartnerAnswerException: HTTP 500"));
        assertThat(jdbc.sql("select count(distinct xmin::text) from partner_request").query(Long.class).single())
                .isEqualTo(1);
        assertThat(meters.counter("birth.outbound.retried", "partner", "BANK-A").count()).isEqualTo(1);
    }

    @Test
    void shouldWriteEachOutcomeOnItsOwnWhenTheRoundsFailTogetherAndSendAgainOneNotWrittenWhenItsLeaseEnds() {
        insert("taken", "BANK-A", clock.instant());
        insert("unwritable", "BANK-A", clock.instant());
        insert("refused", "BANK-B", clock.instant());
        TestSender sender = new TestSender(takingAllBut("refused"));
        sender.unwritable = "unwritable";

        sender.sendDue();

        assertThat(row("taken")).isEqualTo(new Row("DONE", 1, "taken", null));
        assertThat(row("refused")).isEqualTo(new Row("PENDING", 1, null, "PartnerAnswerException: HTTP 500"));
        assertThat(row("unwritable")).isEqualTo(new Row("PENDING", 1, null, null));
        assertThat(meters.counter("birth.outbound.retried", "partner", "BANK-B").count()).isEqualTo(1);

        sender.unwritable = null;
        clock.advance(LEASE.plusSeconds(1));
        sender.sendDue();
        assertThat(row("unwritable")).isEqualTo(new Row("DONE", 2, "taken", null));
    }

    @Test
    void shouldLeaveClaimedRequestsToTheirSenderUntilTheLeaseEndsThenLetAnotherSendThem() throws Exception {
        for (int i = 0; i < 3; i++) {
            insert("request-" + i, "BANK-A", clock.instant());
        }
        CountDownLatch partnerAnswers = new CountDownLatch(1);
        TestSender stuck = new TestSender(request -> {
            partnerAnswers.await();
            return "late";
        });
        TestSender other = new TestSender(request -> "taken over");
        Thread first = Thread.startVirtualThread(stuck::sendDue);
        Awaitility.await().until(() -> stuck.called.size() == 3);

        other.sendDue();
        assertThat(other.called).isEmpty();

        clock.advance(LEASE.plusSeconds(1));
        other.sendDue();
        assertThat(other.called).containsOnlyKeys("request-0", "request-1", "request-2");
        assertThat(row("request-0")).isEqualTo(new Row("DONE", 2, "taken over", null));
        partnerAnswers.countDown();
        first.join();
    }

    @Test
    void shouldNeverGiveOneRequestToTwoSendersAtOnce() throws Exception {
        for (int i = 0; i < 40; i++) {
            insert("request-" + i, "BANK-" + (i % 4), clock.instant());
        }
        Map<String, Integer> called = new ConcurrentHashMap<>();
        Partner partner = request -> {
            called.merge(request.id(), 1, Integer::sum);
            return "taken";
        };
        List<Thread> senders = List.of(Thread.startVirtualThread(new TestSender(partner)::sendDue),
                Thread.startVirtualThread(new TestSender(partner)::sendDue),
                Thread.startVirtualThread(new TestSender(partner)::sendDue));
        for (Thread sender : senders) {
            sender.join();
        }

        assertThat(called).hasSize(40);
        assertThat(called.values()).containsOnly(1);
    }

    @Test
    void shouldBackOffExponentiallyUpToTheCapAfterFailedCalls() {
        insert("request", "BANK-A", clock.instant());
        TestSender sender = new TestSender(request -> {
            throw new IOException("unreachable");
        });

        for (long expected : new long[] {1, 2, 4, 4, 4}) {
            sender.sendDue();
            Instant next = jdbc.sql("select next_attempt_at from partner_request").query(Timestamp.class).single()
                    .toInstant();
            assertThat(Duration.between(clock.instant(), next)).isEqualTo(Duration.ofSeconds(expected));
            clock.advance(Duration.ofSeconds(expected));
        }

        assertThat(row("request")).isEqualTo(new Row("PENDING", 5, null, "IOException: unreachable"));
        assertThat(sender.called).containsEntry("request", 5);
        assertThat(meters.counter("birth.outbound.failed", "partner", "BANK-A").count()).isEqualTo(5);
        assertThat(meters.counter("birth.outbound.retried", "partner", "BANK-A").count()).isEqualTo(5);
        assertThat(SETTINGS.backoff(1000)).isEqualTo(Duration.ofSeconds(4));
    }

    @Test
    void shouldMakeNoCallToAPartnerWhileItsBreakerIsOpenNorCountTheAttempt() {
        for (int i = 0; i < 5; i++) {
            insert("failing-" + i, "BANK-DOWN", clock.instant());
        }
        TestSender sender = new TestSender(request -> {
            if (request.partner().equals("BANK-DOWN")) {
                throw new PartnerAnswerException(503);
            }
            return "taken";
        });
        sender.sendDue();
        CircuitBreaker breaker = outbound.breakers().circuitBreaker("BANK-DOWN", "test");
        assertThat(breaker.getState()).isEqualTo(CircuitBreaker.State.OPEN);

        insert("waiting", "BANK-DOWN", clock.instant());
        insert("elsewhere", "BANK-UP", clock.instant());
        clock.advance(Duration.ofSeconds(1));
        sender.sendDue();

        assertThat(sender.called).doesNotContainKey("waiting").containsEntry("failing-0", 1).containsKey("elsewhere");
        assertThat(row("failing-0").attempts()).isEqualTo(1);
        assertThat(row("waiting")).isEqualTo(new Row("PENDING", 0, null,
                "CallNotPermittedException: CircuitBreaker 'BANK-DOWN' is OPEN and does not permit further calls"));
        assertThat(row("elsewhere").state()).isEqualTo("DONE");
        assertThat(meters.counter("birth.outbound.failed", "partner", "BANK-DOWN").count()).isEqualTo(5);
        assertThat(meters.counter("birth.outbound.retried", "partner", "BANK-DOWN").count()).isEqualTo(11);
    }

    @Test
    void shouldSendACallTheFullBulkheadTurnedAwayAtTheNextRoundWithoutCountingTheAttempt() {
        outbound = new Outbound(jdbc, transactions,
                CircuitBreakerRegistry.of(Map.of("test", CircuitBreakerConfig.ofDefaults())),
                RetryRegistry.of(Map.of("test", RetryConfig.custom().maxAttempts(1).build())),
                BulkheadRegistry.of(Map.of("test", BulkheadConfig.custom().maxConcurrentCalls(1)
                        .maxWaitDuration(Duration.ZERO).build())), meters, clock);
        insert("first", "BANK-BUSY", clock.instant());
        insert("second", "BANK-BUSY", clock.instant());
        CountDownLatch bothAsked = new CountDownLatch(2);
        TestSender sender = new TestSender(request -> {
            bothAsked.countDown();
            bothAsked.await(200, TimeUnit.MILLISECONDS);
            return "taken";
        });

        sender.sendDue();
        assertThat(sender.called).hasSize(1);
        String turnedAway = sender.called.containsKey("first") ? "second" : "first";
        String full = "BulkheadFullException: Bulkhead 'BANK-BUSY' is full and does not permit further calls";
        assertThat(row(turnedAway)).isEqualTo(new Row("PENDING", 0, null, full));

        clock.advance(SETTINGS.pollInterval());
        sender.sendDue();
        assertThat(row(turnedAway)).isEqualTo(new Row("DONE", 1, "taken", full));
    }

    @Test
    void shouldLetTheSenderGiveUpARequestAndParkOneNoLongerWanted() {
        insert("hopeless", "BANK-A", clock.instant());
        insert("withdrawn", "BANK-A", clock.instant());
        jdbc.sql("update partner_request set finished = true where id = 'withdrawn'").update();
        TestSender sender = new TestSender(request -> {
            throw new PartnerAnswerException(500);
        });
        sender.giveUpAfter = 2;

        sender.sendDue();
        clock.advance(Duration.ofSeconds(1));
        sender.sendDue();
        clock.advance(LEASE.multipliedBy(10));
        sender.sendDue();

        assertThat(sender.called).containsOnlyKeys("hopeless").containsEntry("hopeless", 2);
        assertThat(row("hopeless").state()).isEqualTo("GIVEN_UP");
        assertThat(jdbc.sql("select next_attempt_at = 'infinity' from partner_request where id = 'withdrawn'")
                .query(Boolean.class).single()).isTrue();
    }

    /** A partner that takes every request ("taken") but the one it refuses (HTTP 500). */
    private static Partner takingAllBut(String refused) {
        return request -> {
            if (request.id().equals(refused)) {
                throw new PartnerAnswerException(500);
            }
            return "taken";
        };
    }

    /** Sends the test table's requests to the test's partner, writing what the answers mean. */
    private final class TestSender extends OutboundSender<Request, String> {

        final Map<String, Integer> called = new ConcurrentHashMap<>();
        private final Partner partner;
        int giveUpAfter = Integer.MAX_VALUE;
        /** The request whose answer cannot be written (its write throws). */
        volatile String unwritable;

        TestSender(Partner partner) {
            super(outbound, TABLE, SETTINGS);
            this.partner = partner;
        }

        @Override
        protected String partner(Request request) {
            return request.partner();
        }

        @Override
        protected Callable<String> call(Request request) {
            return () -> {
                called.merge(request.id(), 1, Integer::sum);
                return partner.answer(request);
            };
        }

        @Override
        protected void answered(Request request, String answer) {
            if (request.id().equals(unwritable)) {
                throw new IllegalStateException("the answer to " + request.id() + " cannot be written");
            }
            jdbc.sql("update partner_request set state = 'DONE', answer = ? where id = ?")
                    .params(answer, request.id()).update();
        }

        @Override
        protected boolean wanted(Request request) {
            if (request.finished()) {
                park(request.id());
            }
            return !request.finished();
        }

        @Override
        protected boolean givenUp(Request request, int attempts) {
            if (attempts < giveUpAfter) {
                return false;
            }
            jdbc.sql("update partner_request set state = 'GIVEN_UP' where id = ?").param(request.id()).update();
            return true;
        }
    }

    record Row(String state, int attempts, String answer, String lastError) {
    }

    private static Row row(String id) {
        return jdbc.sql("select state, attempts, answer, last_error from partner_request where id = ?").param(id)
                .query(Row.class).single();
    }

    private static void insert(String id, String partner, Instant due) {
        jdbc.sql("insert into partner_request (id, partner, next_attempt_at) values (?, ?, ?)")
                .params(id, partner, Timestamp.from(due)).update();
    }


    /** Time as the test moves it. */
    private static final class TestClock extends Clock {

        private volatile Instant now = Instant.parse("2026-12-01T08:00:00Z");

        void advance(Duration by) {
            now = now.plus(by);
        }

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }
    }
}

package cn.gov.birth.platform.audit;

import static org.assertj.core.api.Assertions.assertThat;

import cn.gov.birth.platform.TestDatabases;
import cn.gov.birth.platform.crypto.FieldEncryption;
import cn.gov.birth.platform.events.EventCodec;
import cn.gov.birth.platform.events.TestEvents;
import cn.gov.birth.platform.outbox.Outbox;
import cn.gov.birth.platform.outbox.OutboxRelay;
import cn.gov.birth.security.crypto.Algorithm;
import cn.gov.birth.security.crypto.MasterKey;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;
import javax.sql.DataSource;
import org.assertj.core.groups.Tuple;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import org.springframework.transaction.support.TransactionTemplate;

/** A service's audit chain on the platform's tables: appended, published, and checked row by row. */
class AuditTrailTest {

    private static final String TOPIC = "birth.audit.v1";
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-12-01T08:30:00.123456789Z"), ZoneOffset.UTC);
    private static JdbcClient jdbc;
    private static TransactionTemplate transactions;
    private static FieldEncryption encryption;

    private AuditTrail trail;
    private AuditChain chain;

    @BeforeAll
    static void database() {
        DataSource dataSource = TestDatabases.fresh("platform_audit");
        Flyway.configure().dataSource(dataSource).locations("classpath:db/platform").load().migrate();
        jdbc = JdbcClient.create(dataSource);
        transactions = new TransactionTemplate(new DataSourceTransactionManager(dataSource));
        encryption = new FieldEncryption(new MasterKey("test", new byte[32]), Algorithm.AES_256_GCM, false,
                Duration.ofSeconds(30), jdbc, transactions);
    }

    @BeforeEach
    void emptyTrail() {
        jdbc.sql("truncate audit_entry, outbox_event").update();
        Outbox outbox = new Outbox(jdbc, new OutboxRelay(jdbc, transactions, null, encryption, "audit-test", 1, 1),
                new TestEvents<>(TOPIC, AuditRecorded.TYPE, AuditRecorded.class, AuditRecorded::eventId,
                        AuditRecorded::service), List.of(), encryption);
        trail = new AuditTrail(jdbc, transactions, outbox, TOPIC, "test-service", CLOCK);
        chain = new AuditChain(jdbc);
    }

    @AfterEach
    void signOut() {
        SecurityContextHolder.clearContext();
    }

    @Test
    void shouldChainEachEntryToItsPredecessorAndVerifyTheChainIntact() {
        UUID application = UUID.randomUUID();

        trail.record(AuditAction.READ_REVIEW_TASK, application, "task=1");
        trail.record(List.of(new AuditTrail.Entry(AuditAction.DECIDE, application, "decision=APPROVE"),
                new AuditTrail.Entry(AuditAction.IMPORT_REFERENCE_DATA, null, "dataset=hospitals,rows=3")));

        List<AuditEntry> rows = rows();
        assertThat(rows).extracting(AuditEntry::seq).containsExactly(1L, 2L, 3L);
        assertThat(rows.getFirst().prevHash()).isEqualTo(AuditEntry.GENESIS);
        assertThat(rows.get(1).prevHash()).isEqualTo(rows.get(0).hash());
        assertThat(rows.get(2).prevHash()).isEqualTo(rows.get(1).hash());
        assertThat(rows).allSatisfy(row -> assertThat(row.hash()).isEqualTo(row.expectedHash()).hasSize(64));
        assertThat(chain.verify()).isEqualTo(new AuditChain.Verification(true, 3, rows.get(2).hash(), null, null));
    }

    @Test
    void shouldPublishEachEntryWithItsServiceAndHashInTheSameTransaction() {
        UUID application = UUID.randomUUID();

        trail.record(AuditAction.DECIDE, application, "decision=RETURN");

        List<AuditRecorded> published = jdbc.sql("select payload from outbox_event where topic = ? order by id")
                .param(TOPIC).query((rs, n) -> EventCodec.mapper().readValue(
                        encryption.open(rs.getString(1), Outbox.PAYLOAD.place()), AuditRecorded.class))
                .list();
        AuditEntry row = rows().getFirst();
        assertThat(published).singleElement().satisfies(event -> {
            assertThat(event.service()).isEqualTo("test-service");
            assertThat(event.entry()).isEqualTo(row);
            assertThat(event.at()).isEqualTo(Instant.parse("2026-12-01T08:30:00.123456Z"));
        });
    }

    @Test
    void shouldRecordTheSignedInCallerAndSystemOutsideARequest() {
        Jwt jwt = Jwt.withTokenValue("t").header("alg", "RS256").subject("police-0042")
                .claim("roles", List.of("STAFF")).claim("department", "POLICE").build();
        SecurityContextHolder.getContext().setAuthentication(new JwtAuthenticationToken(jwt, List.of()));
        trail.record(AuditAction.DECIDE, UUID.randomUUID(), "decision=APPROVE");
        SecurityContextHolder.clearContext();
        trail.record(AuditAction.IMPORT_REFERENCE_DATA, null, "dataset=banks,rows=2");

        assertThat(rows()).extracting(AuditEntry::actor, AuditEntry::roles, AuditEntry::department)
                .containsExactly(Tuple.tuple("police-0042", "STAFF", "POLICE"),
                        Tuple.tuple(AuditTrail.SYSTEM, "", null));
    }

    @Test
    void shouldCommitOrRollBackWithTheCallersTransaction() {
        transactions.executeWithoutResult(status -> {
            trail.record(AuditAction.DECIDE, UUID.randomUUID(), "decision=REJECT");
            status.setRollbackOnly();
        });

        assertThat(rows()).isEmpty();
        assertThat(jdbc.sql("select count(*) from outbox_event").query(Long.class).single()).isZero();
    }

    @Test
    void shouldKeepTheChainGaplessWhenManyAppendAtOnce() throws Exception {
        List<Future<?>> appends = new ArrayList<>();
        try (ExecutorService callers = Executors.newFixedThreadPool(4)) {
            IntStream.range(0, 40).forEach(i -> appends.add(callers.submit(() ->
                    trail.record(AuditAction.READ_APPLICATION, UUID.randomUUID(), "via=list"))));
            for (Future<?> append : appends) {
                append.get();
            }
        }

        assertThat(chain.verify().intact()).isTrue();
        assertThat(chain.verify().entries()).isEqualTo(40);
    }

    @Test
    void shouldReportTheRowThatWasEdited() {
        IntStream.rangeClosed(1, 5).forEach(i -> trail.record(AuditAction.READ_APPLICATION, UUID.randomUUID(), "n=" + i));

        jdbc.sql("update audit_entry set detail = 'x' where seq = 3").update();

        AuditChain.Verification verification = chain.verify();
        assertThat(verification.intact()).isFalse();
        assertThat(verification.brokenAt()).isEqualTo(3);
        assertThat(verification.entries()).isEqualTo(2);
        assertThat(verification.problem()).contains("edited");
    }

    @Test
    void shouldReportARowWhoseHashWasRecomputedByItsSuccessor() {
        IntStream.rangeClosed(1, 5).forEach(i -> trail.record(AuditAction.READ_APPLICATION, UUID.randomUUID(), "n=" + i));
        AuditEntry third = rows().get(2);
        AuditEntry forged = new AuditEntry(3, third.at(), "someone-else", third.roles(), third.department(),
                third.action(), third.applicationId(), third.detail(), third.prevHash(), null).sealed();

        jdbc.sql("update audit_entry set actor = ?, hash = ? where seq = 3").params(forged.actor(), forged.hash())
                .update();

        assertThat(chain.verify().brokenAt()).isEqualTo(4);
        assertThat(chain.verify().problem()).contains("prev_hash");
    }

    @Test
    void shouldReportTheGapOfADeletedRow() {
        IntStream.rangeClosed(1, 5).forEach(i -> trail.record(AuditAction.READ_APPLICATION, UUID.randomUUID(), "n=" + i));

        jdbc.sql("delete from audit_entry where seq = 3").update();

        AuditChain.Verification verification = chain.verify();
        assertThat(verification.intact()).isFalse();
        assertThat(verification.brokenAt()).isEqualTo(3);
        assertThat(verification.problem()).contains("missing");
    }

    @Test
    void shouldFindAnEmptyTrailIntact() {
        assertThat(chain.verify()).isEqualTo(new AuditChain.Verification(true, 0, AuditEntry.GENESIS, null, null));
    }

    private static List<AuditEntry> rows() {
        return jdbc.sql("select " + AuditTrail.COLUMNS + " from audit_entry order by seq").query(AuditTrail::entry)
                .list();
    }
}

package cn.gov.birth.kit.reference;

import static cn.gov.birth.platform.table.Check.pattern;
import static cn.gov.birth.platform.table.Column.required;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.awaitility.Awaitility.await;

import cn.gov.birth.kit.reference.ReferenceImports.ImportView;
import cn.gov.birth.platform.audit.AuditAction;
import cn.gov.birth.platform.audit.AuditTrail;
import cn.gov.birth.platform.table.Table;
import cn.gov.birth.platform.table.TableImport;
import cn.gov.birth.platform.test.PlatformDatabase;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Uploads stored, then imported in the background one at a time, followed by their state; start-up files skipped by hash. */
class ReferenceImportsTest {

    private static final PlatformDatabase DATABASE = new PlatformDatabase("kit_reference_imports", "classpath:db/kit");
    private static final Table STATIONS = Table.of("stations", "station", List.of("code"),
            required("code", pattern("S\\d{3}")), required("name"));
    private static final Duration PATIENCE = Duration.ofSeconds(20);

    @TempDir
    Path spool;
    @TempDir
    Path data;
    private final List<Object> announced = new ArrayList<>();
    private final List<AuditTrail.Entry> audited = new ArrayList<>();
    private TableImport tables;
    private ReferenceImports imports;

    @BeforeEach
    void emptyTables() {
        DATABASE.jdbc().sql("drop table if exists station").update();
        DATABASE.jdbc().sql("create table station (code text primary key, name text not null)").update();
        DATABASE.jdbc().sql("truncate reference_import").update();
        // The audit chain is AuditTrailTest's concern: here the entries are only kept.
        AuditTrail audit = new AuditTrail(null, null, null, null, null, null) {
            @Override
            public void record(List<Entry> entries) {
                audited.addAll(entries);
            }
        };
        tables = new TableImport(List.of(STATIONS), DATABASE.dataSource(), DATABASE.transactions(), null, audit,
                announced::add);
        imports = new ReferenceImports(tables, DATABASE.jdbc(), DATABASE.transactions().getTransactionManager(),
                Clock.systemUTC(), spool, 1, Duration.ZERO);
    }

    @AfterEach
    void stop() {
        imports.close();
    }

    @Test
    void shouldStoreAnUploadThenImportItAndKeepItsHashRowsAndState() throws Exception {
        String csv = "code,name\nS001,云岩派出所\nS002,南明派出所\n";

        var upload = imports.upload("stations", body(csv), "admin-1");
        ImportView done = imports.await(upload, PATIENCE);

        assertThat(done.state()).isEqualTo("IMPORTED");
        assertThat(done.rowsRead()).isEqualTo(2);
        assertThat(done.sha256()).isEqualTo(sha256(csv));
        assertThat(done.bytes()).isEqualTo(csv.getBytes(StandardCharsets.UTF_8).length);
        assertThat(done.requestedBy()).isEqualTo("admin-1");
        assertThat(done.errors()).isEmpty();
        assertThat(tables.counts()).containsEntry("stations", 2L);
        assertThat(announced).containsExactly(new TableImport.TableImported("stations", 2));
        assertThat(audited).containsExactly(new AuditTrail.Entry(AuditAction.IMPORT_REFERENCE_DATA, null,
                "dataset=stations,rows=2"));
        // The upload was kept only until imported.
        try (var left = Files.list(spool)) {
            assertThat(left).isEmpty();
        }
    }

    @Test
    void shouldWriteProgressBesideTheCopyingTransactionOfALongImport() throws Exception {
        StringBuilder csv = new StringBuilder("code,name\n");
        for (int i = 0; i < 60_000; i++) {
            csv.append("S").append(i % 1000 < 10 ? "00" : i % 1000 < 100 ? "0" : "").append(i % 1000).append(",站")
                    .append(i).append('\n');
        }

        ImportView done = imports.await(imports.upload("stations", body(csv.toString()), "admin-1"), PATIENCE);

        assertThat(done.state()).isEqualTo("IMPORTED");
        assertThat(done.rowsRead()).isEqualTo(60_000);
        // Of a code on several lines the last line wins.
        assertThat(tables.counts()).containsEntry("stations", 1000L);
        assertThat(DATABASE.jdbc().sql("select name from station where code = 'S999'").query(String.class).single())
                .isEqualTo("站59999");
    }

    @Test
    void shouldRefuseAFileWhoseLastLineIsBadNameTheLineAndChangeNothing() throws Exception {
        var upload = imports.upload("stations", body("code,name\nS001,云岩派出所\nS002,南明派出所\nX3,\n"), "admin-1");

        ImportView refused = imports.await(upload, PATIENCE);

        assertThat(refused.state()).isEqualTo("REFUSED");
        assertThat(refused.errors()).extracting(e -> e.field() + " " + e.code())
                .containsExactlyInAnyOrder("line 4.code INVALID_FORMAT", "line 4.name REQUIRED");
        assertThat(imports.find(refused.id())).get().extracting(ImportView::errors).isEqualTo(refused.errors());
        assertThat(tables.counts()).containsEntry("stations", 0L);
        assertThat(announced).isEmpty();
        assertThat(audited).isEmpty();
    }

    @Test
    void shouldQueueASecondUploadBehindTheRunningOneInsteadOfInterleavingThem() throws Exception {
        CountDownLatch locked = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        // Another instance's import of the table holds it meanwhile.
        CompletableFuture<Void> other = CompletableFuture.runAsync(() -> DATABASE.transactions()
                .executeWithoutResult(status -> {
                    DATABASE.jdbc().sql("select pg_advisory_xact_lock(hashtextextended('table-import:station', 0))")
                            .query().singleRow();
                    locked.countDown();
                    waitFor(release);
                }));
        locked.await();

        var first = imports.upload("stations", body("code,name\nS001,旧名\n"), "admin-1");
        var second = imports.upload("stations", body("code,name\nS001,新名\n"), "admin-2");

        await().atMost(PATIENCE).until(() -> imports.find(first.id()).orElseThrow().state().equals("RUNNING"));
        assertThat(imports.find(second.id()).orElseThrow().state()).isEqualTo("QUEUED");
        release.countDown();
        other.get();
        assertThat(imports.await(second, PATIENCE).state()).isEqualTo("IMPORTED");
        assertThat(imports.find(first.id()).orElseThrow().state()).isEqualTo("IMPORTED");
        assertThat(DATABASE.jdbc().sql("select name from station where code = 'S001'").query(String.class).single())
                .isEqualTo("新名");
    }

    @Test
    void shouldSkipAStartUpFileAlreadyImportedAndImportAChangedOne() throws IOException {
        Path file = data.resolve("stations.csv");
        Files.writeString(file, "code,name\nS001,云岩派出所\n");

        imports.importFolder(data);
        imports.importFolder(data);
        Files.writeString(file, "code,name\nS001,云岩派出所\nS002,南明派出所\n");
        imports.importFolder(data);

        assertThat(imports.recent(10)).extracting(ImportView::source, ImportView::state, ImportView::rowsRead)
                .containsExactly(tuple("FILE", "IMPORTED", 2L), tuple("FILE", "IMPORTED", 1L));
        assertThat(tables.counts()).containsEntry("stations", 2L);
    }

    @Test
    void shouldMarkAnImportAbandonedByAStoppedInstanceInterrupted() {
        DATABASE.jdbc().sql("""
                insert into reference_import (id, dataset, source, sha256, bytes, state, requested_at, updated_at)
                values (gen_random_uuid(), 'stations', 'UPLOAD', 'x', 1, 'RUNNING', now() - interval '1 hour',
                        now() - interval '1 hour')""").update();

        imports.markAbandoned();

        assertThat(imports.recent(1)).singleElement().extracting(ImportView::state).isEqualTo("INTERRUPTED");
    }

    private static ByteArrayInputStream body(String csv) {
        return new ByteArrayInputStream(csv.getBytes(StandardCharsets.UTF_8));
    }

    private static String sha256(String text) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                .digest(text.getBytes(StandardCharsets.UTF_8)));
    }

    private static void waitFor(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}

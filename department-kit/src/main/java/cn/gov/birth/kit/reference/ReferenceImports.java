package cn.gov.birth.kit.reference;

import cn.gov.birth.platform.table.TableImport;
import cn.gov.birth.platform.web.InvalidInputException;
import cn.gov.birth.platform.web.InvalidInputException.FieldError;
import cn.gov.birth.platform.web.ProblemException;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import javax.crypto.Cipher;
import javax.crypto.CipherInputStream;
import javax.crypto.CipherOutputStream;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.concurrent.DelegatingSecurityContextRunnable;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * The department's reference-data imports, each a row of {@code reference_import}: an upload is
 * stored first (spooled to disk, encrypted under a key that lives in memory only for the import,
 * and hashed), then imported in the background, one at a time per
 * instance ({@link TableImport} queues imports of one table across instances), its progress kept
 * where every instance can read it. A start-up file whose hash is that of the dataset's last
 * import is not imported again.
 */
public class ReferenceImports implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(ReferenceImports.class);
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final TypeReference<List<FieldError>> ERRORS = new TypeReference<>() {
    };
    private static final SecureRandom RANDOM = new SecureRandom();
    /** An import not heard of for this long was running in an instance that stopped. */
    private static final Duration ABANDONED_AFTER = Duration.ofMinutes(10);

    private final TableImport data;
    private final JdbcClient jdbc;
    /** Progress is written beside the import's own transaction (its connection is busy copying), and seen at once. */
    private final TransactionTemplate apart;
    private final Clock clock;
    private final Path spool;
    /** How often a running import writes how far it has come (and logs it). */
    private final Duration progressEvery;
    private final ThreadPoolExecutor executor;

    public ReferenceImports(TableImport data, JdbcClient jdbc, PlatformTransactionManager transactionManager,
                            Clock clock, Path spool, int queued, Duration progressEvery) {
        this.progressEvery = progressEvery;
        this.data = data;
        this.jdbc = jdbc;
        this.apart = new TransactionTemplate(transactionManager);
        apart.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
        this.clock = clock;
        this.spool = spool;
        this.executor = new ThreadPoolExecutor(1, 1, 0, TimeUnit.SECONDS, new ArrayBlockingQueue<>(queued),
                runnable -> {
                    Thread thread = new Thread(runnable, "reference-import");
                    thread.setDaemon(true);
                    return thread;
                });
    }

    /** An import as its administrators follow it; {@code rowsPerSecond} once it has started. */
    public record ImportView(UUID id, String dataset, String source, String state, long bytes, String sha256,
                             long rowsRead, Long rowsPerSecond, List<FieldError> errors, String requestedBy,
                             Instant requestedAt, Instant startedAt, Instant finishedAt) {

        public boolean finished() {
            return !state.equals("QUEUED") && !state.equals("RUNNING");
        }
    }

    /** An upload stored and queued: its import, and the run of it to wait on. */
    public record Upload(UUID id, Future<?> run) {
    }

    /** The file as stored: where, the key it is sealed with, its hash and length. */
    private record Spooled(Path file, byte[] key, byte[] iv, String sha256, long bytes) {
    }

    /** Marks the imports an instance was running when it stopped (its spool went with it) as interrupted. */
    public void markAbandoned() {
        int abandoned = jdbc.sql("""
                        update reference_import set state = 'INTERRUPTED', finished_at = ?, updated_at = ?
                        where state in ('QUEUED', 'RUNNING') and updated_at < ?""")
                .params(now(), now(), Timestamp.from(clock.instant().minus(ABANDONED_AFTER)))
                .update();
        if (abandoned > 0) {
            log.warn("{} reference-data import(s) interrupted by a stop: upload them again", abandoned);
        }
    }

    /** Stores an upload of {@code dataset} and queues its import. */
    public Upload upload(String dataset, InputStream body, String requestedBy) throws IOException {
        data.table(dataset);
        Spooled spooled = spool(body);
        UUID id = UUID.randomUUID();
        jdbc.sql("""
                        insert into reference_import (id, dataset, source, sha256, bytes, state, requested_by,
                                                      requested_at, updated_at)
                        values (?, ?, 'UPLOAD', ?, ?, 'QUEUED', ?, ?, ?)""")
                .params(id, dataset, spooled.sha256(), spooled.bytes(), requestedBy, now(), now())
                .update();
        try {
            // Run as the administrator who uploaded it: the audit trail names them.
            return new Upload(id, executor.submit(new DelegatingSecurityContextRunnable(() -> run(id, dataset,
                    spooled))));
        } catch (RejectedExecutionException e) {
            delete(spooled.file());
            jdbc.sql("update reference_import set state = 'FAILED', finished_at = ?, updated_at = ? where id = ?")
                    .params(now(), now(), id).update();
            throw new ProblemException(HttpStatus.SERVICE_UNAVAILABLE, "Imports queued",
                    "Too many imports are waiting here; upload again once they are done.");
        }
    }

    /** Waits up to {@code within} for the upload's import to end; its state then. */
    public ImportView await(Upload upload, Duration within) {
        try {
            upload.run().get(within.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            // Still running: the caller follows it at its resource.
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException e) {
            // Its state says what happened.
        }
        return find(upload.id()).orElseThrow();
    }

    public Optional<ImportView> find(UUID id) {
        return jdbc.sql("select * from reference_import where id = ?").param(id).query(this::view).optional();
    }

    /** The latest imports, newest first. */
    public List<ImportView> recent(int limit) {
        return jdbc.sql("select * from reference_import order by requested_at desc limit ?").param(limit)
                .query(this::view).list();
    }

    /**
     * Imports {@code <dataset>.csv} from the folder for every dataset that has a file there, in the
     * order the datasets are declared, unless it is the file the dataset was last imported from.
     */
    public void importFolder(Path folder) throws IOException {
        for (String dataset : data.names()) {
            Path file = folder.resolve(dataset + ".csv");
            if (!Files.isRegularFile(file)) {
                continue;
            }
            String sha256 = sha256(file);
            Optional<String> last = jdbc.sql("""
                            select sha256 from reference_import where dataset = ? and state = 'IMPORTED'
                            order by finished_at desc limit 1""")
                    .param(dataset).query(String.class).optional();
            if (last.filter(sha256::equals).isPresent()) {
                log.info("{} is the file {} was last imported from: not imported again", file, dataset);
                continue;
            }
            UUID id = UUID.randomUUID();
            jdbc.sql("""
                            insert into reference_import (id, dataset, source, sha256, bytes, state, requested_at,
                                                          updated_at)
                            values (?, ?, 'FILE', ?, ?, 'QUEUED', ?, ?)""")
                    .params(id, dataset, sha256, Files.size(file), now(), now())
                    .update();
            try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
                importing(id, dataset, reader);
            } catch (InvalidInputException e) {
                // A start-up import has no one to answer: say which file and what is wrong in it.
                throw new IllegalStateException("Reference data file " + file + " not imported: " + e.errors()
                        .stream().limit(10).map(error -> error.field() + " " + error.code() + " " + error.message())
                        .reduce((a, b) -> a + "; " + b).orElse(""), e);
            }
        }
    }

    @Override
    public void close() {
        executor.shutdownNow();
    }

    private void run(UUID id, String dataset, Spooled spooled) {
        try (Reader reader = open(spooled)) {
            importing(id, dataset, reader);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            delete(spooled.file());
        }
    }

    /** Runs one import, keeping its state and progress; a refused file's problems are kept with it. */
    private void importing(UUID id, String dataset, Reader reader) {
        Instant started = clock.instant();
        jdbc.sql("update reference_import set state = 'RUNNING', started_at = ?, updated_at = ? where id = ?")
                .params(Timestamp.from(started), now(), id).update();
        Instant[] reported = {started};
        try {
            long rows = data.importCsv(dataset, reader, read -> {
                Instant at = clock.instant();
                if (Duration.between(reported[0], at).compareTo(progressEvery) >= 0) {
                    reported[0] = at;
                    progress(id, read);
                    log.info("Importing {}: {} rows read ({} rows/s)", dataset, read,
                            perSecond(read, started, at));
                }
            });
            finish(id, "IMPORTED", rows, null);
        } catch (InvalidInputException e) {
            finish(id, "REFUSED", 0, JSON.writeValueAsString(e.errors()));
            throw e;
        } catch (RuntimeException e) {
            finish(id, "FAILED", 0, JSON.writeValueAsString(List.of(new FieldError("$", "IMPORT_FAILED",
                    "导入未完成，数据未作任何更改：" + e.getClass().getSimpleName()))));
            log.error("Import {} of {} failed; nothing was changed", id, dataset, e);
            throw e;
        }
    }

    private void progress(UUID id, long rows) {
        apart.executeWithoutResult(status -> jdbc.sql("update reference_import set rows_read = ?, updated_at = ? "
                + "where id = ?").params(rows, now(), id).update());
    }

    private void finish(UUID id, String state, long rows, String errors) {
        jdbc.sql("""
                        update reference_import set state = ?, rows_read = greatest(rows_read, ?), errors = ?::jsonb,
                               finished_at = ?, updated_at = ?
                        where id = ?""")
                .params(state, rows, errors, now(), now(), id).update();
    }

    /**
     * Stores the body as it arrives, sealed, hashing and counting it. The body's stream itself
     * refuses more than the import limit ({@code RequestSizeLimit}: a 413); a partial file is deleted.
     */
    private Spooled spool(InputStream body) throws IOException {
        byte[] key = new byte[16];
        byte[] iv = new byte[16];
        RANDOM.nextBytes(key);
        RANDOM.nextBytes(iv);
        Files.createDirectories(spool);
        Path file = Files.createTempFile(spool, "import-", ".csv.sealed");
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            long bytes = 0;
            try (OutputStream out = new CipherOutputStream(new BufferedOutputStream(Files.newOutputStream(file),
                    1 << 16), cipher(Cipher.ENCRYPT_MODE, key, iv))) {
                byte[] buffer = new byte[1 << 16];
                for (int n; (n = body.read(buffer)) != -1; ) {
                    bytes += n;
                    digest.update(buffer, 0, n);
                    out.write(buffer, 0, n);
                }
            }
            return new Spooled(file, key, iv, HexFormat.of().formatHex(digest.digest()), bytes);
        } catch (GeneralSecurityException e) {
            delete(file);
            throw new IllegalStateException(e);
        } catch (IOException | RuntimeException e) {
            delete(file);
            throw e;
        }
    }

    private static Reader open(Spooled spooled) throws IOException {
        try {
            InputStream plain = new CipherInputStream(new BufferedInputStream(Files.newInputStream(spooled.file()),
                    1 << 16), cipher(Cipher.DECRYPT_MODE, spooled.key(), spooled.iv()));
            // A new decoder reports bytes that are not UTF-8 (the file is refused) rather than replacing them.
            return new BufferedReader(new InputStreamReader(plain, StandardCharsets.UTF_8.newDecoder()), 1 << 16);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Cipher cipher(int mode, byte[] key, byte[] iv) throws GeneralSecurityException {
        // CTR: a stream cipher, so the spool is written and read as it streams; the key is never reused.
        Cipher cipher = Cipher.getInstance("AES/CTR/NoPadding");
        cipher.init(mode, new SecretKeySpec(key, "AES"), new IvParameterSpec(iv));
        return cipher;
    }

    private static String sha256(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            byte[] buffer = new byte[1 << 16];
            for (int n; (n = in.read(buffer)) != -1; ) {
                digest.update(buffer, 0, n);
            }
            return HexFormat.of().formatHex(digest.digest());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void delete(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            log.warn("Could not delete the spooled import {}", file, e);
        }
    }

    private ImportView view(ResultSet rs, int row) throws SQLException {
        Instant started = instant(rs.getTimestamp("started_at"));
        Instant finished = instant(rs.getTimestamp("finished_at"));
        long rows = rs.getLong("rows_read");
        String errors = rs.getString("errors");
        return new ImportView(rs.getObject("id", UUID.class), rs.getString("dataset"), rs.getString("source"),
                rs.getString("state"), rs.getLong("bytes"), rs.getString("sha256"), rows,
                started == null ? null : perSecond(rows, started, finished != null ? finished
                        : instant(rs.getTimestamp("updated_at"))),
                errors == null ? List.of() : JSON.readValue(errors, ERRORS), rs.getString("requested_by"),
                instant(rs.getTimestamp("requested_at")), started, finished);
    }

    private static long perSecond(long rows, Instant from, Instant to) {
        long millis = Math.max(1, Duration.between(from, to).toMillis());
        return rows * 1000 / millis;
    }

    private static Instant instant(Timestamp timestamp) {
        return timestamp == null ? null : timestamp.toInstant();
    }

    private Timestamp now() {
        return Timestamp.from(clock.instant());
    }
}

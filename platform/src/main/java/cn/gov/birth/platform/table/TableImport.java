package cn.gov.birth.platform.table;

import cn.gov.birth.platform.audit.AuditAction;
import cn.gov.birth.platform.audit.AuditTrail;
import cn.gov.birth.platform.web.InvalidInputException;
import cn.gov.birth.platform.web.InvalidInputException.FieldError;
import cn.gov.birth.platform.web.ProblemException;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.LongConsumer;
import javax.sql.DataSource;
import org.postgresql.PGConnection;
import org.postgresql.copy.PGCopyOutputStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.datasource.DataSourceUtils;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Imports files into {@link Table tables}, all rows or none, at any size with bounded memory: in
 * one transaction the file is streamed row by row, each row checked on its own and {@code COPY}-ed,
 * as it is stored (personal data sealed or indexed), into a staging table; then the checks against
 * stored data run once in SQL over the whole stage ({@link Table.StagedRule}, rows fixed once used),
 * and only a file without a problem is merged into the table in one statement. Every problem is
 * reported by its line, so a half-imported register never decides a case. Imports of one table
 * queue behind each other (a transaction-scoped advisory lock, across instances too); each is an
 * entry in the audit trail, committed with it, and announced by {@link TableImported} once committed.
 */
public class TableImport {

    private static final Logger log = LoggerFactory.getLogger(TableImport.class);
    /** Enough problems to fix a file by; a file wrong on every line does not need them all. */
    private static final int MAX_REPORTED = 100;
    /** How often (in rows read) the caller hears how far the import has come. */
    private static final int PROGRESS_EVERY = 20_000;

    private final Map<String, Table> tables = new LinkedHashMap<>();
    private final DataSource dataSource;
    private final JdbcClient jdbc;
    private final TransactionTemplate transactions;
    private final ColumnProtection protection;
    private final AuditTrail audit;
    private final ApplicationEventPublisher events;

    public TableImport(List<Table> tables, DataSource dataSource, TransactionTemplate transactions,
                       ColumnProtection protection, AuditTrail audit, ApplicationEventPublisher events) {
        tables.forEach(table -> this.tables.put(table.name(), table));
        this.dataSource = dataSource;
        this.jdbc = JdbcClient.create(dataSource);
        this.transactions = transactions;
        this.protection = protection;
        this.audit = audit;
        this.events = events;
    }

    /** A table's import committed: {@code rows} rows read and merged. */
    public record TableImported(String table, long rows) {
    }

    public Map<String, Long> counts() {
        Map<String, Long> counts = new LinkedHashMap<>();
        tables.forEach((name, table) -> counts.put(name,
                jdbc.sql("select count(*) from " + table.sqlTable()).query(Long.class).single()));
        return counts;
    }

    /** Whether there is a table {@code name}; a {@link ProblemException 404} if not. */
    public Table table(String name) {
        Table table = tables.get(name);
        if (table == null) {
            throw new ProblemException(HttpStatus.NOT_FOUND, "Unknown reference dataset",
                    "No reference dataset " + name + "; known: " + String.join(", ", tables.keySet()) + ".");
        }
        return table;
    }

    public List<String> names() {
        return List.copyOf(tables.keySet());
    }

    /** Imports one CSV document (header line first) into the table {@code name}; returns the number of rows read. */
    public long importCsv(String name, Reader csv) {
        return importCsv(name, csv, rows -> {
        });
    }

    /**
     * Imports one CSV document (header line first) into the table {@code name}, telling
     * {@code progress} the rows read every so often; returns the number of rows read. A file with
     * problems is an {@link InvalidInputException} naming them by line, and changes nothing.
     */
    public long importCsv(String name, Reader csv, LongConsumer progress) {
        Table table = table(name);
        long started = System.nanoTime();
        long rows = transactions.execute(status -> {
            jdbc.sql("select pg_advisory_xact_lock(hashtextextended(?, 0))").param("table-import:" + table.sqlTable())
                    .query().singleRow();
            jdbc.sql(table.stageSql()).update();
            List<FieldError> errors = new ArrayList<>();
            long read = stage(table, csv, errors, progress);
            // Statistics of the stage, so the checks and the merge join it sensibly at any size.
            jdbc.sql("analyze " + Table.STAGE).update();
            staged(table, errors);
            if (!errors.isEmpty()) {
                throw new InvalidInputException(errors);
            }
            jdbc.sql(table.mergeSql()).update();
            table.merged().accept(jdbc);
            audit.record(AuditAction.IMPORT_REFERENCE_DATA, null, "dataset=" + name + ",rows=" + read);
            return read;
        });
        log.info("Imported {} rows into {} in {} ms", rows, name, (System.nanoTime() - started) / 1_000_000);
        events.publishEvent(new TableImported(name, rows));
        return rows;
    }

    /** Reads, checks and copies every row into the stage; returns the rows read. */
    private long stage(Table table, Reader csv, List<FieldError> errors, LongConsumer progress) {
        Connection connection = DataSourceUtils.getConnection(dataSource);
        long[] read = {0};
        try (Writer copy = new BufferedWriter(new OutputStreamWriter(new PGCopyOutputStream(
                connection.unwrap(PGConnection.class), table.copySql(), 1 << 16), StandardCharsets.UTF_8), 1 << 16)) {
            CsvReader.read(csv, table.columns().stream().map(Column::name).toList(), line -> {
                Row row = table.read(line);
                report(errors, row.line(), row.errors());
                writeRow(copy, table.storedValues(protection, row), row.line(), row.errors().isEmpty());
                if (++read[0] % PROGRESS_EVERY == 0) {
                    progress.accept(read[0]);
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot stream rows into the stage of " + table.sqlTable(), e);
        }
        progress.accept(read[0]);
        return read[0];
    }

    /** The checks of the whole stage against stored data, and the rows a decision has used. */
    private void staged(Table table, List<FieldError> errors) {
        for (Table.StagedRule rule : table.stagedRules()) {
            if (errors.size() >= MAX_REPORTED) {
                return;
            }
            jdbc.sql("select s.line, " + rule.messageSql() + " from " + Table.STAGE + " s where " + rule.condition()
                            + " order by s.line limit " + (MAX_REPORTED - errors.size()))
                    .query((rs, n) -> new FieldError("line " + rs.getInt(1) + "." + rule.column(), rule.code(),
                            rs.getString(2)))
                    .list().forEach(errors::add);
        }
        Table.Fixed fixed = table.fixed();
        if (fixed == null) {
            return;
        }
        jdbc.sql(table.fixedSql()).query(rs -> {
            for (int i = 0; i < fixed.columns().size(); i++) {
                if (rs.getBoolean(i + 2)) {
                    String column = fixed.columns().get(i).name();
                    report(errors, rs.getInt(1), List.of(new FieldError(column, "FIXED_ONCE_USED",
                            column + " 不能更改：该记录已用于办理（已有 " + fixed.sqlColumn() + "）")));
                }
            }
        });
    }

    private static void report(List<FieldError> errors, int line, List<FieldError> found) {
        found.stream().limit(Math.max(0, MAX_REPORTED - errors.size())).forEach(error -> errors.add(
                new FieldError("line " + line + "." + error.field(), error.code(), error.message())));
    }

    /** One line of {@code COPY}'s text format: tab-separated, {@code \N} for null, special characters escaped. */
    private static void writeRow(Writer copy, List<Object> values, int line, boolean valid) {
        try {
            for (Object value : values) {
                if (value == null) {
                    copy.write("\\N");
                } else {
                    escape(copy, switch (value) {
                        case Boolean b -> b ? "t" : "f";
                        case BigDecimal d -> d.toPlainString();
                        default -> value.toString();
                    });
                }
                copy.write('\t');
            }
            copy.write(Integer.toString(line));
            copy.write(valid ? "\tt\n" : "\tf\n");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void escape(Writer copy, String text) throws IOException {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '\\' -> copy.write("\\\\");
                case '\t' -> copy.write("\\t");
                case '\n' -> copy.write("\\n");
                case '\r' -> copy.write("\\r");
                default -> copy.write(c);
            }
        }
    }
}

package cn.gov.birth.platform.table;

import cn.gov.birth.platform.audit.AuditAction;
import cn.gov.birth.platform.audit.AuditTrail;
import cn.gov.birth.platform.web.InvalidInputException;
import cn.gov.birth.platform.web.InvalidInputException.FieldError;
import cn.gov.birth.platform.web.ProblemException;
import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Imports files into {@link Table tables}: in one transaction every row is read and checked, then
 * either all are stored or none is and every problem is reported by its line, so a half-imported
 * register never decides a case. Each import is an entry in the audit trail, committed with it.
 */
public class TableImport {

    private static final Logger log = LoggerFactory.getLogger(TableImport.class);
    /** Enough problems to fix a file by; a file wrong on every line does not need them all. */
    private static final int MAX_REPORTED = 100;

    private final Map<String, Table> tables = new LinkedHashMap<>();
    private final JdbcClient jdbc;
    private final TransactionTemplate transactions;
    private final ColumnProtection protection;
    private final AuditTrail audit;

    public TableImport(List<Table> tables, JdbcClient jdbc, TransactionTemplate transactions,
                       ColumnProtection protection, AuditTrail audit) {
        tables.forEach(table -> this.tables.put(table.name(), table));
        this.jdbc = jdbc;
        this.transactions = transactions;
        this.protection = protection;
        this.audit = audit;
    }

    public Map<String, Long> counts() {
        Map<String, Long> counts = new LinkedHashMap<>();
        tables.forEach((name, table) -> counts.put(name,
                jdbc.sql("select count(*) from " + table.sqlTable()).query(Long.class).single()));
        return counts;
    }

    /** Imports one CSV document (header line first) into the table {@code name}; returns the number of rows stored. */
    public int importCsv(String name, Reader csv) {
        Table table = tables.get(name);
        if (table == null) {
            throw new ProblemException(HttpStatus.NOT_FOUND, "Unknown reference dataset",
                    "No reference dataset " + name + "; known: " + String.join(", ", tables.keySet()) + ".");
        }
        int stored = transactions.execute(status -> {
            List<Row> rows = new ArrayList<>();
            List<FieldError> errors = new ArrayList<>();
            CsvReader.read(csv, table.columns().stream().map(Column::name).toList(), line -> {
                Row row = table.read(line);
                table.checkFixed(jdbc, protection, row);
                row.errors().stream().limit(MAX_REPORTED - errors.size()).forEach(error -> errors.add(
                        new FieldError("line " + row.line() + "." + error.field(), error.code(), error.message())));
                rows.add(row);
            });
            if (!errors.isEmpty()) {
                throw new InvalidInputException(errors);
            }
            rows.forEach(row -> table.store(jdbc, protection, row));
            audit.record(AuditAction.IMPORT_REFERENCE_DATA, null, "dataset=" + name + ",rows=" + rows.size());
            return rows.size();
        });
        log.info("Imported {} rows into {}", stored, name);
        return stored;
    }

    /** Imports {@code <table>.csv} from the folder for every table that has a file there. */
    public void importFolder(Path folder) throws IOException {
        for (String name : tables.keySet()) {
            Path file = folder.resolve(name + ".csv");
            if (Files.isRegularFile(file)) {
                try (Reader reader = Files.newBufferedReader(file)) {
                    importCsv(name, reader);
                } catch (InvalidInputException e) {
                    // A start-up import has no one to answer: say which file and what is wrong in it.
                    throw new IllegalStateException("Reference data file " + file + " not imported: " + e.errors()
                            .stream().limit(10).map(error -> error.field() + " " + error.code() + " " + error.message())
                            .collect(Collectors.joining("; ")), e);
                }
            }
        }
    }
}

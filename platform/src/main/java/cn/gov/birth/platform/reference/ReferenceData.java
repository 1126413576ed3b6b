package cn.gov.birth.platform.reference;

import cn.gov.birth.platform.web.InvalidInputException;
import cn.gov.birth.platform.web.InvalidInputException.FieldError;
import cn.gov.birth.platform.web.ProblemException;
import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.MappingIterator;
import tools.jackson.dataformat.csv.CsvMapper;
import tools.jackson.dataformat.csv.CsvReadFeature;
import tools.jackson.dataformat.csv.CsvSchema;

/**
 * Imports a department's reference data from CSV: every row is checked first, and either all
 * rows are stored in one transaction or none is and every problem is reported (by line), so a
 * half-imported register never decides a case.
 */
public class ReferenceData {

    private static final Logger log = LoggerFactory.getLogger(ReferenceData.class);
    /** Enough problems to fix a file by; a file wrong on every line does not need them all. */
    private static final int MAX_REPORTED = 100;
    private static final CsvMapper CSV = CsvMapper.builder().enable(CsvReadFeature.TRIM_SPACES).build();

    private final Map<String, ReferenceDataset> datasets = new LinkedHashMap<>();
    private final TransactionTemplate transactions;

    public ReferenceData(List<ReferenceDataset> datasets, TransactionTemplate transactions) {
        datasets.forEach(d -> this.datasets.put(d.name(), d));
        this.transactions = transactions;
    }

    /** Each dataset's name and how many rows it holds. */
    public Map<String, Long> counts() {
        Map<String, Long> counts = new LinkedHashMap<>();
        datasets.forEach((name, dataset) -> counts.put(name, dataset.count()));
        return counts;
    }

    /** Imports one CSV document (header line first) into {@code name}; returns the number of rows stored. */
    public int importCsv(String name, Reader csv) {
        ReferenceDataset dataset = datasets.get(name);
        if (dataset == null) {
            throw new ProblemException(HttpStatus.NOT_FOUND, "Unknown reference dataset",
                    "No reference dataset " + name + "; known: " + String.join(", ", datasets.keySet()) + ".");
        }
        List<Map<String, String>> rows = read(dataset, csv);
        transactions.executeWithoutResult(status -> rows.forEach(dataset::upsert));
        log.info("Imported {} rows into {}", rows.size(), name);
        return rows.size();
    }

    /** Imports {@code <dataset>.csv} from the folder for every dataset that has a file there. */
    public void importFolder(Path folder) throws IOException {
        for (String name : datasets.keySet()) {
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

    private static List<Map<String, String>> read(ReferenceDataset dataset, Reader csv) {
        List<Map<String, String>> rows = new ArrayList<>();
        List<FieldError> errors = new ArrayList<>();
        try (MappingIterator<Map<String, String>> lines = CSV.readerForMapOf(String.class)
                .with(CsvSchema.emptySchema().withHeader())
                .readValues(csv)) {
            int line = 1;
            while (lines.hasNextValue()) {
                Map<String, String> row = new HashMap<>(lines.nextValue());
                line++;
                if (line == 2) {
                    List<String> missing = dataset.columns().stream().filter(c -> !row.containsKey(c)).toList();
                    if (!missing.isEmpty()) {
                        throw new InvalidInputException(List.of(new FieldError("header", "MISSING_COLUMNS",
                                "缺少列：" + String.join("、", missing) + "（应有：" + String.join(",", dataset.columns())
                                        + "）")));
                    }
                }
                row.replaceAll((column, value) -> value == null || value.isBlank() ? null : value);
                for (FieldError error : dataset.check(row)) {
                    if (errors.size() < MAX_REPORTED) {
                        errors.add(new FieldError("line " + line + "." + error.field(), error.code(),
                                error.message()));
                    }
                }
                rows.add(row);
            }
        } catch (JacksonException e) {
            throw new InvalidInputException(List.of(new FieldError("$", "MALFORMED_CSV",
                    "CSV 格式不正确：" + e.getOriginalMessage())));
        }
        if (!errors.isEmpty()) {
            throw new InvalidInputException(errors);
        }
        return rows;
    }
}

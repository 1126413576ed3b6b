package cn.gov.birth.platform.reference;

import cn.gov.birth.platform.web.InvalidInputException.FieldError;
import java.util.List;
import java.util.Map;

/**
 * One kind of reference data a department owns (its hospitals, delivery records, population
 * register, ...), kept in its own tables and loaded as CSV through {@link ReferenceData}. Rows
 * have a natural key: importing a row again replaces it, so an import can be repeated.
 */
public interface ReferenceDataset {

    /** The name in the import path and the CSV file name without {@code .csv}, e.g. {@code delivery-records}. */
    String name();

    /** The CSV header; every column must be present (in any order), blank cells are empty values. */
    List<String> columns();

    /** The problems of one row, each naming its column in {@code field}; empty when the row can be stored. */
    List<FieldError> check(Map<String, String> row);

    /** Inserts or replaces one checked row; runs in the import's transaction. */
    void upsert(Map<String, String> row);

    long count();
}

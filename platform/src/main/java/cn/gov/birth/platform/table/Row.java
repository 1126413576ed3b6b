package cn.gov.birth.platform.table;

import cn.gov.birth.platform.web.InvalidInputException.FieldError;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * One row of a file as a {@link Table} read it: the cells' texts (blank is null), the values of
 * the cells that are valid, and the problems found, each naming its column.
 */
public final class Row {

    private final int line;
    private final Map<String, String> cells;
    private final Map<String, Object> values = new HashMap<>();
    private final List<FieldError> errors = new ArrayList<>();

    Row(int line, Map<String, String> cells) {
        this.line = line;
        this.cells = cells;
    }

    /** The row's line in its file, the header being line 1. */
    public int line() {
        return line;
    }

    /** The cell as written, null when blank. */
    public String text(String column) {
        return cells.get(column);
    }

    /** The cell's value as its column's type makes it; null when blank or not valid. */
    @SuppressWarnings("unchecked")
    public <T> T value(String column) {
        return (T) values.get(column);
    }

    public void reject(String column, String code, String message) {
        errors.add(new FieldError(column, code, message));
    }

    /** Whether the column's cell already has a problem. */
    boolean rejected(String column) {
        return errors.stream().anyMatch(error -> error.field().equals(column));
    }

    public List<FieldError> errors() {
        return List.copyOf(errors);
    }

    void set(String column, Object value) {
        values.put(column, value);
    }
}

package cn.gov.birth.contracts.codes;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A code table read once from a CSV resource: {@code #} comment lines, a header whose first two
 * columns are {@code code,name}, then one row per code. Tables are data so that a new edition of a
 * standard is a file change, not a code change. Immutable once loaded.
 */
public final class CodeTable {

    private final String resource;
    private final List<String> columns;
    private final Map<String, List<String>> rows;

    private CodeTable(String resource, List<String> columns, Map<String, List<String>> rows) {
        this.resource = resource;
        this.columns = columns;
        this.rows = rows;
    }

    /** Loads a table from the classpath; a malformed file or a repeated code fails, naming file and line. */
    public static CodeTable load(String resource) {
        InputStream in = CodeTable.class.getClassLoader().getResourceAsStream(resource);
        if (in == null) {
            throw new IllegalStateException("Code table " + resource + " is missing");
        }
        try (var reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            List<String> columns = null;
            Map<String, List<String>> rows = new LinkedHashMap<>();
            int number = 0;
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                number++;
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                List<String> cells = Arrays.stream(line.split(",", -1)).map(String::strip).toList();
                if (columns == null) {
                    if (cells.size() < 2 || !cells.get(0).equals("code") || !cells.get(1).equals("name")) {
                        throw malformed(resource, number, "the header must start with code,name");
                    }
                    columns = cells;
                } else if (cells.size() != columns.size() || cells.get(0).isEmpty() || cells.get(1).isEmpty()) {
                    throw malformed(resource, number, "expected " + columns.size() + " non-empty leading cells");
                } else if (rows.put(cells.get(0), cells) != null) {
                    throw malformed(resource, number, "code " + cells.get(0) + " appears twice");
                }
            }
            if (columns == null || rows.isEmpty()) {
                throw new IllegalStateException("Code table " + resource + " has no rows");
            }
            return new CodeTable(resource, columns, Map.copyOf(rows));
        } catch (IOException e) {
            throw new IllegalStateException("Cannot read code table " + resource, e);
        }
    }

    public boolean contains(String code) {
        return code != null && rows.containsKey(code);
    }

    public Optional<String> name(String code) {
        return value(code, "name");
    }

    /** The cell of another column of the table (a division's level, a country's alpha-2 code). */
    public Optional<String> value(String code, String column) {
        int index = columns.indexOf(column);
        if (index < 0) {
            throw new IllegalArgumentException("Code table " + resource + " has no column " + column);
        }
        return code == null ? Optional.empty() : Optional.ofNullable(rows.get(code)).map(row -> row.get(index));
    }

    public Set<String> codes() {
        return rows.keySet();
    }

    public int size() {
        return rows.size();
    }

    private static IllegalStateException malformed(String resource, int line, String problem) {
        return new IllegalStateException("Code table " + resource + " line " + line + ": " + problem);
    }
}

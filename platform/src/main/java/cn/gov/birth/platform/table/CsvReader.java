package cn.gov.birth.platform.table;

import cn.gov.birth.platform.web.InvalidInputException;
import cn.gov.birth.platform.web.InvalidInputException.FieldError;
import java.io.Reader;
import java.nio.charset.CharacterCodingException;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.MappingIterator;
import tools.jackson.dataformat.csv.CsvMapper;
import tools.jackson.dataformat.csv.CsvReadFeature;

/**
 * Reads CSV whose first line is a header: each record as its line number (the header is line 1)
 * and its cells by column name, spaces trimmed, a blank cell null. The header must name every
 * expected column, in any order; other columns are passed on as they are. Text that is not UTF-8
 * (the reader's decoder reporting it) is a malformed file.
 */
public final class CsvReader {

    private static final CsvMapper CSV = CsvMapper.builder()
            .enable(CsvReadFeature.TRIM_SPACES, CsvReadFeature.WRAP_AS_ARRAY, CsvReadFeature.SKIP_EMPTY_LINES)
            .build();

    public record Line(int number, Map<String, String> cells) {
    }

    /** Hands every record to {@code each}; a missing column or a malformed file is an {@link InvalidInputException}. */
    public static void read(Reader csv, List<String> columns, Consumer<Line> each) {
        try (MappingIterator<String[]> records = CSV.readerFor(String[].class).readValues(csv)) {
            List<String> header = records.hasNextValue() ? Arrays.asList(records.nextValue()) : List.of();
            if (header.stream().anyMatch(column -> column != null && column.chars().anyMatch(Character::isISOControl))) {
                // A column's name is quoted back in the problems of its cells: none is made of control characters.
                throw new InvalidInputException(List.of(new FieldError("header", "CONTROL_CHARACTER",
                        "表头不能含控制字符")));
            }
            List<String> missing = columns.stream().filter(column -> !header.contains(column)).toList();
            if (!missing.isEmpty()) {
                throw new InvalidInputException(List.of(new FieldError("header", "MISSING_COLUMNS",
                        "缺少列：" + String.join("、", missing) + "（应有：" + String.join(",", columns) + "）")));
            }
            for (int number = 2; records.hasNextValue(); number++) {
                String[] record = records.nextValue();
                if (record.length > header.size()) {
                    throw malformed("第 " + number + " 行有 " + record.length + " 列，多于表头的 " + header.size() + " 列");
                }
                Map<String, String> cells = new HashMap<>();
                for (int i = 0; i < record.length; i++) {
                    cells.put(header.get(i), record[i] == null || record[i].isBlank() ? null : record[i]);
                }
                each.accept(new Line(number, cells));
            }
        } catch (JacksonException e) {
            throw malformed(e.getCause() instanceof CharacterCodingException ? "不是 UTF-8 编码的文本"
                    : e.getOriginalMessage());
        }
    }

    /** The parser's description of the problem, with no control character of the file in it (it is kept as JSON). */
    private static InvalidInputException malformed(String problem) {
        return new InvalidInputException(List.of(new FieldError("$", "MALFORMED_CSV",
                "CSV 格式不正确：" + problem.replaceAll("\\p{Cntrl}", "?"))));
    }

    private CsvReader() {
    }
}

package cn.gov.birth.generator;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/** Files of a data set gathered in memory, then written at once: CSVs with their header row, and whole files. */
final class DataSet {

    private final Map<String, StringBuilder> files = new LinkedHashMap<>();

    /** Adds rows to a CSV, starting it with its header the first time. */
    void row(String path, String header, String... rows) {
        StringBuilder csv = files.computeIfAbsent(path, p -> new StringBuilder(header).append('\n'));
        for (String row : rows) {
            csv.append(row).append('\n');
        }
    }

    void file(String path, String content) {
        files.put(path, new StringBuilder(content));
    }

    void writeTo(Path out) {
        try {
            for (var file : files.entrySet()) {
                Path target = out.resolve(file.getKey());
                Files.createDirectories(target.getParent());
                Files.writeString(target, file.getValue(), StandardCharsets.UTF_8);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

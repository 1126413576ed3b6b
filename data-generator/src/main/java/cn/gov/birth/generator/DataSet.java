package cn.gov.birth.generator;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Files of a data set written as they are made, so that a province's families fit in little memory:
 * CSVs (header first) kept open and buffered until {@link #close}, and whole files handed to two
 * writers (a few hundred waiting at most), so that making the next family goes on while the
 * file system creates the last ones.
 */
final class DataSet implements AutoCloseable {

    private static final int BUFFER = 1 << 16;

    private final Path out;
    private final Map<String, Writer> csvs = new LinkedHashMap<>();
    private final Set<Path> folders = new HashSet<>();
    private final ThreadPoolExecutor writers = new ThreadPoolExecutor(2, 2, 0, TimeUnit.SECONDS,
            new ArrayBlockingQueue<>(256), new ThreadPoolExecutor.CallerRunsPolicy());
    private final AtomicReference<IOException> failed = new AtomicReference<>();

    DataSet(Path out) {
        this.out = out;
    }

    /** Adds rows to a CSV, starting it with its header the first time (an older file of that name is replaced). */
    void row(String path, String header, String... rows) {
        try {
            Writer csv = csvs.get(path);
            if (csv == null) {
                csv = new BufferedWriter(new OutputStreamWriter(Files.newOutputStream(target(path)), StandardCharsets.UTF_8),
                        BUFFER);
                csvs.put(path, csv);
                csv.write(header);
                csv.write('\n');
            }
            for (String row : rows) {
                csv.write(row);
                csv.write('\n');
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    void file(String path, byte[] content) {
        Path target;
        try {
            target = target(path);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        throwIfFailed();
        writers.execute(() -> {
            try {
                Files.write(target, content);
            } catch (IOException e) {
                failed.compareAndSet(null, e);
            }
        });
    }

    /** Waits for the files handed over, closes the CSVs; the first failure to write anything is thrown. */
    @Override
    public void close() {
        writers.close();
        for (Writer csv : csvs.values()) {
            try {
                csv.close();
            } catch (IOException e) {
                failed.compareAndSet(null, e);
            }
        }
        throwIfFailed();
    }

    private void throwIfFailed() {
        if (failed.get() != null) {
            throw new UncheckedIOException(failed.get());
        }
    }

    /** The file's place in the data set, its folder made (once: a folder holds up to a million forms). */
    private Path target(String path) throws IOException {
        Path target = out.resolve(path);
        if (folders.add(target.getParent())) {
            Files.createDirectories(target.getParent());
        }
        return target;
    }
}

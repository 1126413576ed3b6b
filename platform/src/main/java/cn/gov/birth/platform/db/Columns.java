package cn.gov.birth.platform.db;

import java.util.Collection;
import java.util.function.Function;
import java.util.function.IntFunction;

/**
 * One field of each row as an array: a column for {@code unnest(cast(? as …[]))}, which writes many rows in one
 * statement (see {@link WrittenAtCommit}).
 */
public final class Columns {

    private Columns() {
    }

    public static <R, T> T[] of(Collection<R> rows, Function<R, T> value, IntFunction<T[]> array) {
        return rows.stream().map(value).toArray(array);
    }
}

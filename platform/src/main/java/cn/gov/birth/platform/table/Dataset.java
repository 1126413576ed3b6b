package cn.gov.birth.platform.table;

import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;

/** A bean keeping a {@link Table} of imported rows, with the lookups the rest of its service makes in it. */
public abstract class Dataset {

    protected final JdbcClient jdbc;
    private final Table table;

    protected Dataset(JdbcClient jdbc, Table table) {
        this.jdbc = jdbc;
        this.table = table;
    }

    public Table table() {
        return table;
    }

    /** The stored row of a key (values in key order) as a {@code type} whose components are named as the columns. */
    protected <T> Optional<T> byKey(Class<T> type, Object... key) {
        return jdbc.sql(table.findSql()).params(key).query(type).optional();
    }
}

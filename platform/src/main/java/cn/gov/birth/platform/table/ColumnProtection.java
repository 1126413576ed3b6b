package cn.gov.birth.platform.table;

import cn.gov.birth.platform.crypto.FieldEncryption;
import cn.gov.birth.security.BlindIndex;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.springframework.jdbc.core.DataClassRowMapper;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.support.JdbcUtils;

/**
 * Writes and reads {@link ProtectedColumn}s: the blind index of a value (an ID number; {@link
 * BlindIndex}), a value sealed for its column and opened again ({@link FieldEncryption}). The index
 * key is asked for only by what indexes ({@link #requireIndexKey()}), so a service that indexes
 * nothing needs none.
 */
public final class ColumnProtection {

    private final FieldEncryption encryption;
    private final Supplier<BlindIndex> blindIndex;

    public ColumnProtection(FieldEncryption encryption, Supplier<BlindIndex> blindIndex) {
        this.encryption = encryption;
        this.blindIndex = blindIndex;
    }

    /** Fails now, not at the first lookup, when there is no index key (BLIND_INDEX_KEY outside {@code dev}). */
    public void requireIndexKey() {
        blindIndex.get();
    }

    /** What an indexed column holds for {@code value}, and what a lookup by {@code value} compares it with. */
    public String index(String value) {
        return blindIndex.get().idNumber(value);
    }

    /** What a sealed column holds for {@code value}; null for null. */
    public String seal(ProtectedColumn column, String value) {
        return encryption.seal(value, sealedPlace(column));
    }

    /** The value of what {@link #seal} stored in the column; null for null. */
    public String open(ProtectedColumn column, String stored) {
        return encryption.open(stored, sealedPlace(column));
    }

    /**
     * Maps rows to {@code type} as {@link DataClassRowMapper} does (components named as the columns),
     * with the values of the {@code sealed} columns opened.
     */
    public <T> RowMapper<T> rows(Class<T> type, ProtectedColumn... sealed) {
        Map<String, ProtectedColumn> byName = Arrays.stream(sealed)
                .collect(Collectors.toMap(ProtectedColumn::column, Function.identity()));
        return new DataClassRowMapper<>(type) {
            @Override
            protected Object getColumnValue(ResultSet rs, int index, Class<?> paramType) throws SQLException {
                ProtectedColumn column = byName.get(JdbcUtils.lookupColumnName(rs.getMetaData(), index));
                return column == null ? super.getColumnValue(rs, index, paramType) : open(column, rs.getString(index));
            }
        };
    }

    private static String sealedPlace(ProtectedColumn column) {
        if (!column.sealed()) {
            throw new IllegalArgumentException(column.place() + " is not sealed: only its index is stored");
        }
        return column.place();
    }
}

package cn.gov.birth.platform.table;

import cn.gov.birth.platform.crypto.EncryptedColumn;
import java.util.Objects;

/**
 * How a column of personal data (an ID number, a phone number, a bank account, an address) is
 * stored, declared once with its table. A value that is only looked up or compared is stored as
 * its blind index alone, in {@code <column>_index}; a value the service reads back (to send to a
 * partner, to show its owner) is sealed in {@code <column>} for the place {@code <table>.<column>},
 * and, when it is also looked up, indexed beside it in {@code <column>_index}. {@link
 * ColumnProtection} writes and reads them; a {@link Table}'s columns declare theirs with {@link
 * Column#sealed()} and {@link Column#indexed()}.
 *
 * @param table    the SQL table
 * @param idColumn its one-column key, by which a rotation walks a sealed column's rows; null for a
 *                 column only indexed
 * @param column   the column's SQL name (of the sealed value; its index is {@link #indexColumn()})
 */
public record ProtectedColumn(String table, String idColumn, String column, boolean sealed, boolean indexed) {

    public ProtectedColumn {
        Objects.requireNonNull(table, "table");
        Objects.requireNonNull(column, "column");
        if (!sealed && !indexed) {
            throw new IllegalArgumentException(table + "." + column + " is neither sealed nor indexed");
        }
        if (sealed && idColumn == null) {
            throw new IllegalArgumentException(table + "." + column + " is sealed: a rotation needs the table's "
                    + "one-column key to walk its rows by");
        }
    }

    /** A value read back: sealed in {@code column} (add {@link #andIndexed()} when it is also looked up). */
    public static ProtectedColumn sealed(String table, String idColumn, String column) {
        return new ProtectedColumn(table, idColumn, column, true, false);
    }

    /** A value only looked up or compared: its blind index alone, in {@code <column>_index}. */
    public static ProtectedColumn indexed(String table, String column) {
        return new ProtectedColumn(table, null, column, false, true);
    }

    /** Also looked up: its blind index beside the sealed value. */
    public ProtectedColumn andIndexed() {
        return new ProtectedColumn(table, idColumn, column, sealed, true);
    }

    /** What the value is sealed for: {@code <table>.<column>}. */
    public String place() {
        return table + "." + column;
    }

    /** The column holding the value's blind index. */
    public String indexColumn() {
        return column + "_index";
    }

    /** The sealed column, as a rotation re-encrypts it. */
    public EncryptedColumn encryptedColumn() {
        if (!sealed) {
            throw new IllegalStateException(place() + " is not sealed");
        }
        return new EncryptedColumn(table, idColumn, column, place());
    }
}

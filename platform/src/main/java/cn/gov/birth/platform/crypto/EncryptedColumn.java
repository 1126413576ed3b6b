package cn.gov.birth.platform.crypto;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A text column whose values a service stores {@link FieldEncryption#seal sealed}, declared as a bean
 * so that a {@link KeyRotation} re-encrypts it:
 * <pre>{@code
 * @Bean EncryptedColumn motherPhone() {
 *     return new EncryptedColumn("application", "id", "mother_phone", "application.mother_phone");
 * }}</pre>
 *
 * @param table    the table (optionally {@code schema.table})
 * @param idColumn its primary key (one column, of an ordered type: the rotation walks the rows by it)
 * @param column   the encrypted column (text)
 * @param place    what its values are sealed for (the {@code place} of {@link FieldEncryption#seal})
 */
public record EncryptedColumn(String table, String idColumn, String column, String place) {

    private static final Pattern NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]{0,62}");
    private static final Pattern TABLE = Pattern.compile(NAME + "(\\." + NAME + ")?");

    public EncryptedColumn {
        check(table, TABLE, "table");
        check(idColumn, NAME, "id column");
        check(column, NAME, "column");
        Objects.requireNonNull(place, "place");
    }

    /** {@code table.column}, as logs and reports name it. */
    public String name() {
        return table + "." + column;
    }

    // The names go into SQL: plain identifiers only.
    private static void check(String name, Pattern pattern, String what) {
        if (name == null || !pattern.matcher(name).matches()) {
            throw new IllegalArgumentException("an encrypted column's " + what + " is a plain SQL identifier, not "
                    + name);
        }
    }
}

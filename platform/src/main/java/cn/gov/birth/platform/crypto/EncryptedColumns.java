package cn.gov.birth.platform.crypto;

import java.util.List;

/**
 * A bean that stores some {@link EncryptedColumn}s and declares them together (a register, say, or
 * the component that owns a table), so that a {@link KeyRotation} re-encrypts them too.
 */
public interface EncryptedColumns {

    List<EncryptedColumn> encryptedColumns();
}

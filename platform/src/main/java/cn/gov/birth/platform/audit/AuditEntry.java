package cn.gov.birth.platform.audit;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.UUID;

/**
 * One row of a service's audit trail ({@code audit_entry}), and the one definition of its hash:
 * SHA-256 over every column and the predecessor's hash, each field written as a presence byte, its
 * UTF-8 length (4 bytes, big-endian) and its bytes, so that no two different rows encode alike.
 */
public record AuditEntry(long seq, Instant at, String actor, String roles, String department, String action,
                         UUID applicationId, String detail, String prevHash, String hash) {

    /** The predecessor of the first entry. */
    public static final String GENESIS = "0".repeat(64);
    /** Names the encoding, so that a future one cannot be mistaken for it. */
    private static final String VERSION = "birth-audit-v1";

    /** What this row's hash must be, from its other columns. */
    public String expectedHash() {
        ByteArrayOutputStream canonical = new ByteArrayOutputStream();
        for (String field : new String[] {VERSION, Long.toString(seq), at.toString(), actor, roles, department,
                action, applicationId == null ? null : applicationId.toString(), detail, prevHash}) {
            if (field == null) {
                canonical.write(0);
            } else {
                byte[] bytes = field.getBytes(StandardCharsets.UTF_8);
                canonical.write(1);
                canonical.writeBytes(ByteBuffer.allocate(Integer.BYTES).putInt(bytes.length).array());
                canonical.writeBytes(bytes);
            }
        }
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(canonical.toByteArray()));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
    }

    /** This entry with its hash computed. */
    AuditEntry sealed() {
        return new AuditEntry(seq, at, actor, roles, department, action, applicationId, detail, prevHash,
                expectedHash());
    }
}

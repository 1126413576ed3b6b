package cn.gov.birth.platform.crypto;

import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.actuate.endpoint.InvalidEndpointRequestException;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.actuate.endpoint.annotation.ReadOperation;
import org.springframework.boot.actuate.endpoint.annotation.WriteOperation;

/**
 * The field-encryption keys, for operations ({@code /actuator/fieldkeys}, role OPS like every
 * actuator route): {@code GET} shows the active key, the keys held and, per encrypted column, how
 * many values are not under the active key; {@code POST} rotates (body {@code {"action": "resume"}}:
 * no new key, only re-encrypt what an interrupted rotation left). {@code scripts/rotate-field-keys.sh}
 * calls it on every running service.
 */
@Endpoint(id = "fieldkeys")
public class FieldKeysEndpoint {

    /** What {@code GET /actuator/fieldkeys} answers. */
    public record Status(String activeKey, String algorithm, Set<String> keys, List<KeyRotation.Pending> columns) {
    }

    private final FieldEncryption encryption;
    private final KeyRotation rotation;

    public FieldKeysEndpoint(FieldEncryption encryption, KeyRotation rotation) {
        this.encryption = encryption;
        this.rotation = rotation;
    }

    @ReadOperation
    public Status status() {
        return new Status(encryption.activeKeyId(), encryption.algorithm().name(),
                new TreeSet<>(encryption.keyIds()), rotation.pending());
    }

    /**
     * {@code rotate} (the default): a new active key and every declared column re-encrypted under it;
     * {@code resume}: no new key, what is not under the active key re-encrypted.
     */
    @WriteOperation
    public KeyRotation.Report rotate(@Nullable String action) {
        if (action == null || action.equals("rotate")) {
            return rotation.rotate();
        }
        if (action.equals("resume")) {
            return rotation.reencrypt();
        }
        throw new InvalidEndpointRequestException("action is rotate or resume", "action is rotate or resume");
    }
}

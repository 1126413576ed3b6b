package cn.gov.birth.platform.crypto;

import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.actuate.endpoint.InvalidEndpointRequestException;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.actuate.endpoint.annotation.ReadOperation;
import org.springframework.boot.actuate.endpoint.annotation.WriteOperation;
import org.springframework.boot.actuate.endpoint.web.WebEndpointResponse;

/**
 * The field-encryption keys, for operations ({@code /actuator/fieldkeys}, role OPS like every
 * actuator route): {@code GET} shows the active key, the keys held and, per encrypted column, how
 * many values are not under the active key; {@code POST {"action": "rotate"}} rotates ({@code "resume"}:
 * no new key, only re-encrypt what an interrupted rotation left). {@code scripts/rotate-field-keys.sh}
 * calls it on every running service.
 */
@Endpoint(id = "fieldkeys")
public class FieldKeysEndpoint {

    /** What {@code GET /actuator/fieldkeys} answers. */
    public record Status(String activeKey, String algorithm, Set<String> keys, List<KeyRotation.Pending> columns) {
    }

    /** What a rotation answers while another one runs (WebEndpointResponse has no constant for it). */
    static final int CONFLICT = 409;

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
     * {@code rotate}: a new active key and every declared column re-encrypted under it; {@code resume}:
     * no new key, what is not under the active key re-encrypted. The action is never implied (an empty
     * body rotates nothing); 409 while another instance rotates.
     */
    @WriteOperation
    public WebEndpointResponse<Object> rotate(@Nullable String action) {
        if (!"rotate".equals(action) && !"resume".equals(action)) {
            throw new InvalidEndpointRequestException("action is rotate or resume", "action is rotate or resume");
        }
        try {
            return new WebEndpointResponse<>(action.equals("rotate") ? rotation.rotate() : rotation.reencrypt());
        } catch (KeyRotation.RotationRunning e) {
            return new WebEndpointResponse<>(e.getMessage(), CONFLICT);
        }
    }
}

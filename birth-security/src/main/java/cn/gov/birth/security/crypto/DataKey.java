package cn.gov.birth.security.crypto;

import java.time.Instant;
import java.util.Arrays;
import java.util.Objects;

/**
 * A data key as a service stores it: wrapped by a master key, never in the clear. Its id is written
 * into every cipher text it makes, so old cipher texts still find their key after a rotation.
 *
 * @param id          the id in the cipher texts ({@code [A-Za-z0-9_-]}, at most 64 characters)
 * @param algorithm   what it encrypts fields with
 * @param wrapped     the key, wrapped by the master key {@code masterKeyId}
 * @param created     when it was made
 * @param masterKeyId the {@link KeyWrapper#id()} that wrapped it
 */
public record DataKey(String id, Algorithm algorithm, byte[] wrapped, Instant created, String masterKeyId) {

    public DataKey {
        KeyIds.check(id, "data key id");
        Objects.requireNonNull(algorithm, "algorithm");
        wrapped = Objects.requireNonNull(wrapped, "wrapped").clone();
        Objects.requireNonNull(created, "created");
        KeyIds.check(masterKeyId, "master key id");
    }

    @Override
    public byte[] wrapped() {
        return wrapped.clone();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof DataKey that && id.equals(that.id) && algorithm == that.algorithm
                && Arrays.equals(wrapped, that.wrapped) && created.equals(that.created)
                && masterKeyId.equals(that.masterKeyId);
    }

    @Override
    public int hashCode() {
        return Objects.hash(id, algorithm, Arrays.hashCode(wrapped), created, masterKeyId);
    }

    @Override
    public String toString() {
        return "DataKey[id=" + id + ", algorithm=" + algorithm + ", created=" + created + ", masterKeyId="
                + masterKeyId + "]";
    }
}

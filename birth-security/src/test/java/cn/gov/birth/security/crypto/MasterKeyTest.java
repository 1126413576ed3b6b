package cn.gov.birth.security.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.Base64;
import org.junit.jupiter.api.Test;

class MasterKeyTest {

    private static final byte[] DATA_KEY = new byte[32];

    static {
        Arrays.fill(DATA_KEY, (byte) 7);
    }

    private static MasterKey master(String id, int fill) {
        byte[] key = new byte[32];
        Arrays.fill(key, (byte) fill);
        return new MasterKey(id, key);
    }

    @Test
    void shouldUnwrapWhatItWrappedUnderTheSameKeyId() {
        MasterKey master = master("m1", 1);
        byte[] wrapped = master.wrap(DATA_KEY, "k1");

        assertThat(wrapped).hasSize(Algorithm.NONCE_BYTES + DATA_KEY.length + Algorithm.TAG_BITS / 8);
        assertThat(master.unwrap(wrapped, "k1")).isEqualTo(DATA_KEY);
        assertThatThrownBy(() -> master.unwrap(wrapped, "k2"))
                .isInstanceOf(FieldCryptoException.class)
                .hasMessage("data key 'k2' does not unwrap under master key 'm1': another master key wrapped it,"
                        + " or it was altered");
    }

    @Test
    void shouldFailClearlyUnderAnotherMasterKey() {
        byte[] wrapped = master("m1", 1).wrap(DATA_KEY, "k1");

        assertThatThrownBy(() -> master("m1", 2).unwrap(wrapped, "k1"))
                .isInstanceOf(FieldCryptoException.class)
                .hasMessageContaining("does not unwrap under master key 'm1'");
    }

    @Test
    void shouldReadTheKeyFromBase64AsConfigurationHoldsIt() {
        byte[] raw = new byte[32];
        Arrays.fill(raw, (byte) 1);
        MasterKey fromText = MasterKey.fromBase64("m1", " " + Base64.getEncoder().encodeToString(raw) + "\n");

        assertThat(fromText.unwrap(master("m1", 1).wrap(DATA_KEY, "k1"), "k1")).isEqualTo(DATA_KEY);
        assertThat(fromText.id()).isEqualTo("m1");
    }

    @Test
    void shouldRefuseAShortMissingOrMalformedKeyWithAClearMessage() {
        assertThatThrownBy(() -> new MasterKey("m1", new byte[16]))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("master key 'm1' needs 32 bytes (AES-256), not 16");
        assertThatThrownBy(() -> MasterKey.fromBase64("m1", Base64.getEncoder().encodeToString(new byte[31])))
                .hasMessage("master key 'm1' needs 32 bytes (AES-256), not 31");
        assertThatThrownBy(() -> MasterKey.fromBase64("m1", "  "))
                .hasMessage("master key 'm1' is not set");
        assertThatThrownBy(() -> MasterKey.fromBase64("m1", "not base64!"))
                .hasMessage("master key 'm1' is not base64");
        assertThatThrownBy(() -> new MasterKey("m:1", new byte[32]))
                .hasMessage("a master key id is 1 to 64 characters of [A-Za-z0-9_-]");
    }
}

package cn.gov.birth.security.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class KeyringTest {

    private static MasterKey master(String id, int fill) {
        byte[] key = new byte[32];
        Arrays.fill(key, (byte) fill);
        return new MasterKey(id, key);
    }

    @Test
    void shouldMakeTheRotatedKeyActiveAndReturnItWrapped() {
        MasterKey master = master("m1", 1);
        Keyring keyring = Keyring.of(master, List.of(), null);

        DataKey first = keyring.rotate(Algorithm.AES_256_GCM);
        DataKey second = keyring.rotate(Algorithm.SM4_GCM);

        assertThat(keyring.activeId()).isEqualTo(second.id());
        assertThat(keyring.ids()).containsExactly(first.id(), second.id());
        assertThat(second.algorithm()).isEqualTo(Algorithm.SM4_GCM);
        assertThat(second.masterKeyId()).isEqualTo("m1");
        assertThat(master.unwrap(second.wrapped(), second.id())).hasSize(16);
        assertThat(first.id()).matches(KeyIds.PATTERN).isNotEqualTo(second.id());
    }

    @Test
    void shouldRefuseToEncryptBeforeTheFirstRotation() {
        Keyring keyring = Keyring.of(master("m1", 1), List.of(), null);

        assertThat(keyring.activeId()).isNull();
        assertThatThrownBy(() -> new FieldCipher(keyring).encrypt("13800138000"))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("the keyring has no active data key: rotate once to make one");
    }

    @Test
    void shouldLearnAndActivateAKeyAnotherInstanceMade() {
        MasterKey master = master("m1", 1);
        Keyring rotating = Keyring.of(master, List.of(), null);
        Keyring other = Keyring.of(master, List.of(rotating.rotate(Algorithm.AES_256_GCM)), null);
        DataKey next = rotating.rotate(Algorithm.SM4_GCM);
        String written = new FieldCipher(rotating).encrypt("贵阳市南明区");

        other.add(next);
        other.add(next);
        other.activate(next.id());

        assertThat(other.activeId()).isEqualTo(next.id());
        assertThat(new FieldCipher(other).decrypt(written)).isEqualTo("贵阳市南明区");
    }

    @Test
    void shouldRefuseKeysOfAnotherMasterKeyAndAnUnknownActiveKey() {
        DataKey foreign = Keyring.of(master("m2", 2), List.of(), null).rotate(Algorithm.AES_256_GCM);
        DataKey sameIdOtherKey = new DataKey(foreign.id(), foreign.algorithm(), foreign.wrapped(), foreign.created(),
                "m1");

        assertThatThrownBy(() -> Keyring.of(master("m1", 1), List.of(foreign), foreign.id()))
                .isInstanceOf(FieldCryptoException.class)
                .hasMessage("data key '" + foreign.id() + "' is wrapped by master key 'm2', not by 'm1'");
        assertThatThrownBy(() -> Keyring.of(master("m1", 1), List.of(sameIdOtherKey), foreign.id()))
                .isInstanceOf(FieldCryptoException.class)
                .hasMessageContaining("does not unwrap under master key 'm1'");
        assertThatThrownBy(() -> Keyring.of(master("m1", 1), List.of(), "k9"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("no data key 'k9' to activate; held: []");
    }

    @Test
    void shouldCompareStoredDataKeysByContentAndNeverPrintTheWrappedBytes() {
        DataKey key = Keyring.of(master("m1", 1), List.of(), null).rotate(Algorithm.AES_256_GCM);
        DataKey copy = new DataKey(key.id(), key.algorithm(), key.wrapped(), key.created(), key.masterKeyId());

        assertThat(copy).isEqualTo(key).hasSameHashCodeAs(key);
        assertThat(key.toString()).contains(key.id(), "AES_256_GCM", "m1").doesNotContain("wrapped");
        key.wrapped()[0] ^= 1;
        assertThat(copy).isEqualTo(key);
    }
}

package cn.gov.birth.security.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class FieldCipherTest {

    private static final String ID_NUMBER = "52010219940312002X";
    private static final String ADDRESS = "贵州省贵阳市南明区新华路 18 号";

    private static MasterKey master(int fill) {
        byte[] key = new byte[32];
        Arrays.fill(key, (byte) fill);
        return new MasterKey("m1", key);
    }

    private static Keyring keyring(Algorithm algorithm) {
        Keyring keyring = Keyring.of(master(1), List.of(), null);
        keyring.rotate(algorithm);
        return keyring;
    }

    @ParameterizedTest
    @EnumSource(Algorithm.class)
    void shouldReadBackWhatItWroteIncludingChineseTextAndTheEmptyString(Algorithm algorithm) {
        FieldCipher cipher = new FieldCipher(keyring(algorithm));

        for (String value : List.of(ID_NUMBER, ADDRESS, "")) {
            String written = cipher.encrypt(value);

            assertThat(written).startsWith(FieldCipher.PREFIX);
            assertThat(cipher.isEncrypted(written)).isTrue();
            assertThat(cipher.decrypt(written)).isEqualTo(value);
        }
    }

    @Test
    void shouldWriteTheFormatVersionAndTheKeyIdAndPassNullThrough() {
        Keyring keyring = keyring(Algorithm.AES_256_GCM);
        FieldCipher cipher = new FieldCipher(keyring);

        assertThat(cipher.encrypt(ID_NUMBER)).matches("ENC1:" + keyring.activeId() + ":[A-Za-z0-9_-]+")
                .doesNotContain(ID_NUMBER);
        assertThat(cipher.encrypt(null)).isNull();
        assertThat(cipher.decrypt(null)).isNull();
        assertThat(cipher.reencrypt(null)).isNull();
        assertThat(cipher.isEncrypted(null)).isFalse();
        assertThat(cipher.isEncrypted(ID_NUMBER)).isFalse();
        assertThat(cipher.isEncrypted("ENC1:k1:")).isFalse();
    }

    @Test
    void shouldEncryptOneValueDifferentlyEachTime() {
        FieldCipher cipher = new FieldCipher(keyring(Algorithm.SM4_GCM));

        assertThat(cipher.encrypt(ID_NUMBER)).isNotEqualTo(cipher.encrypt(ID_NUMBER));
    }

    @ParameterizedTest
    @EnumSource(Algorithm.class)
    void shouldRefuseACipherTextWithOneByteFlipped(Algorithm algorithm) {
        FieldCipher cipher = new FieldCipher(keyring(algorithm));
        String written = cipher.encrypt(ID_NUMBER);
        String head = written.substring(0, written.lastIndexOf(':') + 1);
        byte[] sealed = Base64.getUrlDecoder().decode(written.substring(head.length()));

        for (int index : new int[] {0, Algorithm.NONCE_BYTES + 3, sealed.length - 1}) {
            byte[] altered = sealed.clone();
            altered[index] ^= 1;
            String tampered = head + Base64.getUrlEncoder().withoutPadding().encodeToString(altered);

            assertThatThrownBy(() -> cipher.decrypt(tampered))
                    .isInstanceOf(FieldCryptoException.class)
                    .hasMessageContaining("does not decrypt: it was altered")
                    .message().doesNotContain(ID_NUMBER, tampered);
        }
    }

    @Test
    void shouldNotDecryptAValueBoundToOnePlaceInAnother() {
        FieldCipher cipher = new FieldCipher(keyring(Algorithm.AES_256_GCM));
        String written = cipher.encrypt(ID_NUMBER, "application.form");

        assertThat(cipher.decrypt(written, "application.form")).isEqualTo(ID_NUMBER);
        assertThatThrownBy(() -> cipher.decrypt(written, "payment.account"))
                .isInstanceOf(FieldCryptoException.class)
                .hasMessageContaining("belongs to another place than 'payment.account'");
        assertThatThrownBy(() -> cipher.decrypt(written)).isInstanceOf(FieldCryptoException.class);
    }

    @Test
    void shouldRefuseMalformedTextAndUnknownKeysWithoutRepeatingThem() {
        FieldCipher cipher = new FieldCipher(keyring(Algorithm.AES_256_GCM));
        String underAnotherKeyring = new FieldCipher(keyring(Algorithm.AES_256_GCM)).encrypt(ID_NUMBER);

        for (String malformed : List.of(ID_NUMBER, "ENC1:k1", "ENC2:k1:AAAA", "ENC1:k:1:AAAA", "ENC1:k1:A",
                "ENC1::AAAA", "ENC1:k1:AAA=", "ENC1:k1:AA AA", "ENC1:" + "k".repeat(65) + ":AAAA")) {
            assertThatThrownBy(() -> cipher.decrypt(malformed))
                    .isInstanceOf(FieldCryptoException.class)
                    .hasMessage("not a field cipher text (ENC1:<key id>:<base64url>)");
        }
        assertThatThrownBy(() -> cipher.decrypt(underAnotherKeyring))
                .isInstanceOf(FieldCryptoException.class)
                .hasMessageStartingWith("no data key '")
                .message().doesNotContain(ID_NUMBER, underAnotherKeyring);
        assertThatThrownBy(() -> cipher.needsReencryption(ID_NUMBER))
                .isInstanceOf(FieldCryptoException.class)
                .message().doesNotContain(ID_NUMBER);
    }

    @Test
    void shouldReadEveryRowAfterARotationAndWriteNewRowsUnderTheNewKey() {
        Keyring keyring = keyring(Algorithm.AES_256_GCM);
        FieldCipher cipher = new FieldCipher(keyring);
        String oldKey = keyring.activeId();
        List<String> rows = List.of(cipher.encrypt(ID_NUMBER, "application.form"),
                cipher.encrypt(ADDRESS, "application.form"));

        DataKey sm4 = keyring.rotate(Algorithm.SM4_GCM);
        String newRow = cipher.encrypt("13800138000", "application.form");

        assertThat(newRow).startsWith("ENC1:" + sm4.id() + ":");
        assertThat(cipher.needsReencryption(newRow)).isFalse();
        assertThat(cipher.reencrypt(newRow, "application.form")).isSameAs(newRow);
        assertThat(rows).allSatisfy(row -> {
            assertThat(row).startsWith("ENC1:" + oldKey + ":");
            assertThat(cipher.needsReencryption(row)).isTrue();
        });
        assertThat(rows).extracting(row -> cipher.decrypt(row, "application.form")).containsExactly(ID_NUMBER, ADDRESS);

        List<String> moved = rows.stream().map(row -> cipher.reencrypt(row, "application.form")).toList();

        assertThat(moved).allSatisfy(row -> {
            assertThat(row).startsWith("ENC1:" + sm4.id() + ":");
            assertThat(cipher.needsReencryption(row)).isFalse();
        });
        assertThat(moved).extracting(row -> cipher.decrypt(row, "application.form")).containsExactly(ID_NUMBER, ADDRESS);
    }

    @Test
    void shouldReadEverythingWithAKeyringRebuiltFromStoredDataKeysAndTheSameMasterKey() {
        Keyring keyring = Keyring.of(master(1), List.of(), null);
        FieldCipher cipher = new FieldCipher(keyring);
        List<DataKey> stored = new ArrayList<>();
        stored.add(keyring.rotate(Algorithm.SM4_GCM));
        String underSm4 = cipher.encrypt(ID_NUMBER);
        stored.add(keyring.rotate(Algorithm.AES_256_GCM));
        String underAes = cipher.encrypt(ADDRESS);

        Keyring rebuilt = Keyring.of(master(1), stored, keyring.activeId());
        FieldCipher restarted = new FieldCipher(rebuilt);

        assertThat(restarted.decrypt(underSm4)).isEqualTo(ID_NUMBER);
        assertThat(restarted.decrypt(underAes)).isEqualTo(ADDRESS);
        assertThat(rebuilt.activeId()).isEqualTo(keyring.activeId());
        assertThatThrownBy(() -> Keyring.of(master(2), stored, keyring.activeId()))
                .isInstanceOf(FieldCryptoException.class)
                .hasMessage("data key '" + stored.getFirst().id() + "' does not unwrap under master key 'm1':"
                        + " another master key wrapped it, or it was altered");
    }

    @Test
    void shouldServeManyThreadsWhileTheKeyRotates() throws Exception {
        Keyring keyring = keyring(Algorithm.AES_256_GCM);
        FieldCipher cipher = new FieldCipher(keyring);
        List<Future<Boolean>> results = new ArrayList<>();
        try (ExecutorService threads = Executors.newFixedThreadPool(4)) {
            for (int task = 0; task < 8; task++) {
                String value = ADDRESS + task;
                results.add(threads.submit(() -> {
                    for (int i = 0; i < 200; i++) {
                        if (!cipher.decrypt(cipher.encrypt(value, "place"), "place").equals(value)) {
                            return false;
                        }
                    }
                    return true;
                }));
            }
            for (int rotation = 0; rotation < 5; rotation++) {
                keyring.rotate(rotation % 2 == 0 ? Algorithm.SM4_GCM : Algorithm.AES_256_GCM);
            }
        }
        for (Future<Boolean> result : results) {
            assertThat(result.get()).isTrue();
        }
    }
}

package cn.gov.birth.security.crypto;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.security.Security;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;

class AlgorithmTest {

    private static final HexFormat HEX = HexFormat.of();
    private static final byte[] AAD = "application.form".getBytes(UTF_8);

    @Test
    void shouldEncryptTheSm4BlockOfGbT32907WithTheProviderItUses() throws Exception {
        byte[] key = HEX.parseHex("0123456789abcdeffedcba9876543210");
        Cipher block = Cipher.getInstance("SM4/ECB/NoPadding", Algorithm.BouncyCastle.PROVIDER);
        block.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(key, "SM4"));

        assertThat(HEX.formatHex(block.doFinal(key))).isEqualTo("681edf34d206965e86b3e94f536e4246");
    }

    @Test
    void shouldSealTheSm4GcmVectorOfRfc8998() throws Exception {
        // RFC 8998, appendix A.1.
        byte[] key = HEX.parseHex("0123456789ABCDEFFEDCBA9876543210");
        byte[] nonce = HEX.parseHex("00001234567800000000ABCD");
        byte[] aad = HEX.parseHex("FEEDFACEDEADBEEFFEEDFACEDEADBEEFABADDAD2");
        byte[] plaintext = HEX.parseHex("AAAAAAAAAAAAAAAABBBBBBBBBBBBBBBBCCCCCCCCCCCCCCCCDDDDDDDDDDDDDDDD"
                + "EEEEEEEEEEEEEEEEFFFFFFFFFFFFFFFFEEEEEEEEEEEEEEEEAAAAAAAAAAAAAAAA");
        Cipher cipher = Algorithm.SM4_GCM.cipher();
        cipher.init(Cipher.ENCRYPT_MODE, Algorithm.SM4_GCM.key(key), new GCMParameterSpec(Algorithm.TAG_BITS, nonce));
        cipher.updateAAD(aad);

        assertThat(HEX.formatHex(cipher.doFinal(plaintext))).isEqualToIgnoringCase(
                "17F399F08C67D5EE19D0DC9969C4BB7D5FD46FD3756489069157B282BB200735"
                        + "D82710CA5C22F0CCFA7CBF93D496AC15A56834CBCF98C397B4024A2691233B8D"
                        + "83DE3541E4C2B58177E065A9BF7B62EC");
    }

    @Test
    void shouldOpenWhatItSealedOnlyWithTheSameAssociatedData() throws Exception {
        for (Algorithm algorithm : Algorithm.values()) {
            var key = algorithm.key(algorithm.newKey());
            byte[] sealed = algorithm.seal(key, "出生一件事".getBytes(UTF_8), "here".getBytes(UTF_8));

            assertThat(sealed).hasSize(Algorithm.NONCE_BYTES + "出生一件事".getBytes(UTF_8).length + Algorithm.TAG_BITS / 8);
            assertThat(algorithm.open(key, sealed, "here".getBytes(UTF_8))).isEqualTo("出生一件事".getBytes(UTF_8));
            assertThatThrownBy(() -> algorithm.open(key, sealed, "there".getBytes(UTF_8)))
                    .isInstanceOf(AEADBadTagException.class);
        }
    }

    @Test
    void shouldSealAndOpenUnderAnyKeyAfterAFailedOpenAsTheCiphersAreUsedAgain() throws Exception {
        for (Algorithm algorithm : Algorithm.values()) {
            var first = algorithm.key(algorithm.newKey());
            var second = algorithm.key(algorithm.newKey());
            byte[] underFirst = algorithm.seal(first, "甲".getBytes(UTF_8), "here".getBytes(UTF_8));
            assertThatThrownBy(() -> algorithm.open(second, underFirst, "here".getBytes(UTF_8)))
                    .isInstanceOf(AEADBadTagException.class);

            byte[] underSecond = algorithm.seal(second, "乙".getBytes(UTF_8), "here".getBytes(UTF_8));

            assertThat(algorithm.open(first, underFirst, "here".getBytes(UTF_8))).isEqualTo("甲".getBytes(UTF_8));
            assertThat(algorithm.open(second, underSecond, "here".getBytes(UTF_8))).isEqualTo("乙".getBytes(UTF_8));
            assertThat(algorithm.seal(first, "甲".getBytes(UTF_8), "here".getBytes(UTF_8))).isNotEqualTo(underFirst);
        }
    }

    @Test
    void shouldSealAndOpenOnManyThreadsAtOnceEachValueUnderItsOwnKey() throws Exception {
        Algorithm algorithm = Algorithm.AES_256_GCM;
        try (ExecutorService threads = Executors.newFixedThreadPool(8)) {
            List<Future<Boolean>> roundTrips = IntStream.range(0, 400).mapToObj(i -> threads.submit(() -> {
                var key = algorithm.key(algorithm.newKey());
                byte[] value = ("value " + i).getBytes(UTF_8);
                return Arrays.equals(algorithm.open(key, algorithm.seal(key, value, AAD), AAD), value);
            })).toList();

            for (Future<Boolean> roundTrip : roundTrips) {
                assertThat(roundTrip.get()).isTrue();
            }
        }
    }

    @Test
    void shouldRefuseAKeyOfTheWrongLengthAndLeaveTheGlobalProvidersAlone() {
        assertThatThrownBy(() -> Algorithm.SM4_GCM.key(new byte[32]))
                .hasMessage("SM4_GCM needs a key of 16 bytes, not 32");
        assertThatThrownBy(() -> Algorithm.AES_256_GCM.key(new byte[16]))
                .hasMessage("AES_256_GCM needs a key of 32 bytes, not 16");
        assertThat(Security.getProvider("BC")).isNull();
    }
}

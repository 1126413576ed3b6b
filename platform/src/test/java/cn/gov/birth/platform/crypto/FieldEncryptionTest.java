package cn.gov.birth.platform.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import cn.gov.birth.security.crypto.Algorithm;
import cn.gov.birth.security.crypto.FieldCryptoException;
import cn.gov.birth.security.crypto.MasterKey;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Instances of one service sharing its data keys through its database. */
class FieldEncryptionTest {

    private static final MasterKey MASTER = MasterKey.fromBase64("m1", FieldEncryptionConfigurationTest.newMasterKey());
    private static CryptoDatabase database;

    @BeforeAll
    static void database() {
        database = new CryptoDatabase("platform_crypto_instances");
    }

    @BeforeEach
    void noKeysYet() {
        database.forgetKeys();
    }

    @Test
    void shouldMakeOneFirstKeyWhenInstancesStartAtOnce() throws Exception {
        int instances = 4;
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService threads = Executors.newFixedThreadPool(instances);
        try {
            List<Future<FieldEncryption>> started = new ArrayList<>();
            for (int i = 0; i < instances; i++) {
                started.add(threads.submit((Callable<FieldEncryption>) () -> {
                    start.await();
                    return instance(Duration.ofHours(1));
                }));
            }
            start.countDown();
            List<String> active = new ArrayList<>();
            for (Future<FieldEncryption> instance : started) {
                active.add(instance.get().activeKeyId());
            }

            assertThat(database.keys()).isEqualTo(1);
            assertThat(active).hasSize(instances).containsOnly(active.getFirst());
        } finally {
            threads.shutdownNow();
        }
    }

    @Test
    void shouldReadWhatAnotherInstanceSealedUnderTheKeyItRotatedTo() {
        FieldEncryption first = instance(Duration.ofHours(1));
        FieldEncryption second = instance(Duration.ofHours(1));
        String before = first.activeKeyId();
        assertThat(second.activeKeyId()).isEqualTo(before);

        String rotated = first.rotate();
        String sealed = first.seal("13800001111", "mother.phone");

        assertThat(rotated).isNotEqualTo(before);
        assertThat(sealed).startsWith("ENC1:" + rotated + ":");
        assertThat(second.keyIds()).doesNotContain(rotated);
        assertThat(second.open(sealed, "mother.phone")).isEqualTo("13800001111");
        // Having seen it, it takes it up as its active key too.
        assertThat(second.keyIds()).contains(before, rotated);
        assertThat(second.activeKeyId()).isEqualTo(rotated);
        assertThat(second.seal("13800002222", "mother.phone")).startsWith("ENC1:" + rotated + ":");
        assertThat(first.open(second.seal("13800002222", "mother.phone"), "mother.phone")).isEqualTo("13800002222");
    }

    @Test
    void shouldTakeUpAKeyAnotherInstanceActivatedWithinTheRefreshInterval() {
        FieldEncryption first = instance(Duration.ofHours(1));
        FieldEncryption second = instance(Duration.ZERO);

        String rotated = first.rotate();

        assertThat(second.seal("6222020200112233445", "bank.account")).startsWith("ENC1:" + rotated + ":");
        assertThat(first.open(second.seal("6222020200112233445", "bank.account"), "bank.account"))
                .isEqualTo("6222020200112233445");
    }

    @Test
    void shouldKeepReadingOldKeysAfterRestartingWithAnotherAlgorithm() {
        FieldEncryption aes = instance(Duration.ofHours(1));
        String underAes = aes.seal("520102199403121220", "person.id_number");

        FieldEncryption sm4 = new FieldEncryption(MASTER, Algorithm.SM4_GCM, false, Duration.ofHours(1),
                database.jdbc, database.transactions);
        String rotated = sm4.rotate();

        assertThat(database.jdbc.sql("select algorithm from data_key where id = ?").param(rotated)
                .query(String.class).single()).isEqualTo("SM4_GCM");
        assertThat(sm4.open(underAes, "person.id_number")).isEqualTo("520102199403121220");
        assertThat(aes.open(sm4.seal("520102199403121220", "person.id_number"), "person.id_number"))
                .isEqualTo("520102199403121220");
    }

    @Test
    void shouldStillRefuseAValueReadAtAnotherPlaceOrAlteredOnceItWasOpenedAtItsOwn() {
        FieldEncryption encryption = instance(Duration.ofHours(1));
        String sealed = encryption.seal("13800138000", "person.phone");
        String altered = sealed.substring(0, sealed.length() - 2)
                + (sealed.charAt(sealed.length() - 2) == 'A' ? 'B' : 'A') + sealed.charAt(sealed.length() - 1);

        assertThat(encryption.open(sealed, "person.phone")).isEqualTo("13800138000");
        assertThatThrownBy(() -> encryption.open(sealed, "person.address")).isInstanceOf(FieldCryptoException.class);
        assertThatThrownBy(() -> encryption.open(altered, "person.phone")).isInstanceOf(FieldCryptoException.class);
        assertThat(instance(Duration.ofHours(1)).open(sealed, "person.phone")).isEqualTo("13800138000");
    }

    private static FieldEncryption instance(Duration refreshInterval) {
        return new FieldEncryption(MASTER, Algorithm.AES_256_GCM, false, refreshInterval, database.jdbc,
                database.transactions);
    }
}

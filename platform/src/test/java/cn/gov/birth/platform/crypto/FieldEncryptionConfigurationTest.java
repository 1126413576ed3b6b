package cn.gov.birth.platform.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import cn.gov.birth.security.crypto.FieldCryptoException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.concurrent.atomic.AtomicReference;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

/** The {@link FieldEncryption} bean: its master key from configuration, made under dev, or none (no start). */
class FieldEncryptionConfigurationTest {

    private static final String ID_NUMBER = "520102199403121220";
    private static final String ADDRESS = "贵州省贵阳市南明区花果园大街 1 号";
    private static CryptoDatabase database;

    @TempDir
    Path devKeys;

    @BeforeAll
    static void database() {
        database = new CryptoDatabase("platform_crypto_configuration");
    }

    @BeforeEach
    void noKeysYet() {
        database.forgetKeys();
    }

    @Test
    void shouldSealAndOpenUnderAesWithAConfiguredMasterKey() {
        runner().withPropertyValues("birth.crypto.master-key=" + newMasterKey()).run(context -> {
            assertThat(context).hasNotFailed();
            FieldEncryption encryption = context.getBean(FieldEncryption.class);

            String sealed = encryption.seal(ID_NUMBER, "person.id_number");

            assertThat(sealed).startsWith("ENC1:" + encryption.activeKeyId() + ":").doesNotContain(ID_NUMBER);
            assertThat(encryption.seal(ID_NUMBER, "person.id_number")).isNotEqualTo(sealed);
            assertThat(encryption.open(sealed, "person.id_number")).isEqualTo(ID_NUMBER);
            assertThatThrownBy(() -> encryption.open(sealed, "person.phone")).isInstanceOf(FieldCryptoException.class)
                    .hasMessageNotContaining(ID_NUMBER);
            assertThatThrownBy(() -> encryption.open(ID_NUMBER, "person.id_number"))
                    .isInstanceOf(FieldCryptoException.class).hasMessageContaining("accept-plaintext")
                    .hasMessageNotContaining(ID_NUMBER);
            assertThat(encryption.seal(null, "person.id_number")).isNull();
            assertThat(encryption.open(null, "person.id_number")).isNull();
            assertThat(algorithmsStored()).isEqualTo("AES_256_GCM");
        });
    }

    @Test
    void shouldSealAndOpenUnderSm4WhereNationalAlgorithmsAreRequired() {
        runner().withPropertyValues("birth.crypto.master-key=" + newMasterKey(), "birth.crypto.algorithm=SM4_GCM")
                .run(context -> {
                    assertThat(context).hasNotFailed();
                    FieldEncryption encryption = context.getBean(FieldEncryption.class);

                    String sealed = encryption.seal(ADDRESS, "person.address");

                    assertThat(encryption.open(sealed, "person.address")).isEqualTo(ADDRESS);
                    assertThat(encryption.algorithm().name()).isEqualTo("SM4_GCM");
                    assertThat(algorithmsStored()).isEqualTo("SM4_GCM");
                });
    }

    @Test
    void shouldRefuseToStartOutsideDevWithoutAMasterKeyNamingItsVariable() {
        runner().run(context -> {
            assertThat(context).hasFailed();
            assertThat(rootCause(context.getStartupFailure())).isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("FIELD_MASTER_KEY is not set");
        });
        runner().withPropertyValues("birth.crypto.master-key=c2hvcnQ=").run(context -> {
            assertThat(context).hasFailed();
            assertThat(rootCause(context.getStartupFailure())).hasMessageContaining("FIELD_MASTER_KEY")
                    .hasMessageNotContaining("c2hvcnQ=");
        });
        assertThat(database.keys()).isZero();
    }

    @Test
    void shouldMakeAMasterKeyUnderDevOnTheFirstRunAndReuseItAfterwards() throws Exception {
        AtomicReference<String> sealed = new AtomicReference<>();
        Path keyFile = devKeys.resolve("field-master.key");
        runner().withPropertyValues("birth.security.local-dir=" + devKeys).run(context -> {
            assertThat(context).hasNotFailed();
            sealed.set(context.getBean(FieldEncryption.class).seal(ID_NUMBER, "person.id_number"));
        });
        assertThat(keyFile).exists();
        String made = Files.readString(keyFile);

        runner().withPropertyValues("birth.security.local-dir=" + devKeys).run(context -> {
            assertThat(context).hasNotFailed();
            assertThat(context.getBean(FieldEncryption.class).open(sealed.get(), "person.id_number"))
                    .isEqualTo(ID_NUMBER);
        });
        assertThat(Files.readString(keyFile)).isEqualTo(made);
        assertThat(database.keys()).isEqualTo(1);
    }

    @Test
    void shouldNotStartWithAnotherMasterKeyThanTheOneThatWrappedTheStoredKeys() {
        runner().withPropertyValues("birth.crypto.master-key=" + newMasterKey())
                .run(context -> assertThat(context).hasNotFailed());

        runner().withPropertyValues("birth.crypto.master-key=" + newMasterKey()).run(context -> {
            assertThat(context).hasFailed();
            assertThat(context.getStartupFailure()).hasStackTraceContaining("FIELD_MASTER_KEY");
        });
    }

    @Test
    void shouldReadValuesLeftInTheClearOnlyWhenPlaintextIsAccepted() {
        runner().withPropertyValues("birth.crypto.master-key=" + newMasterKey(), "birth.crypto.accept-plaintext=true")
                .run(context -> {
                    FieldEncryption encryption = context.getBean(FieldEncryption.class);

                    assertThat(encryption.open(ID_NUMBER, "person.id_number")).isEqualTo(ID_NUMBER);
                    assertThat(encryption.open(encryption.seal(ID_NUMBER, "person.id_number"), "person.id_number"))
                            .isEqualTo(ID_NUMBER);
                });
    }

    private static ApplicationContextRunner runner() {
        return new ApplicationContextRunner()
                .withBean(DataSource.class, () -> database.dataSource)
                .withBean(JdbcClient.class, () -> database.jdbc)
                .withBean(TransactionTemplate.class, () -> database.transactions)
                .withUserConfiguration(FieldEncryptionConfiguration.class);
    }

    private static String algorithmsStored() {
        return String.join(",", database.jdbc.sql("select algorithm from data_key order by activated_at")
                .query(String.class).list());
    }

    static String newMasterKey() {
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        return Base64.getEncoder().encodeToString(key);
    }

    private static Throwable rootCause(Throwable failure) {
        Throwable cause = failure;
        while (cause.getCause() != null) {
            cause = cause.getCause();
        }
        return cause;
    }
}

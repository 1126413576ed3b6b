package cn.gov.birth.platform.crypto;

import cn.gov.birth.platform.security.SecuritySettings;
import cn.gov.birth.security.LocalSecrets;
import cn.gov.birth.security.crypto.KeyWrapper;
import cn.gov.birth.security.crypto.MasterKey;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.List;
import java.util.stream.Stream;
import javax.sql.DataSource;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.sql.init.dependency.DependsOnDatabaseInitialization;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.util.StringUtils;

/**
 * Field encryption in every service ({@link CryptoSettings}): the {@link FieldEncryption} of its
 * data keys, the {@link KeyRotation} of the {@link EncryptedColumn}s it declares (alone or as
 * {@link EncryptedColumns}), and the
 * {@code fieldkeys} actuator endpoint.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties({CryptoSettings.class, SecuritySettings.class})
public class FieldEncryptionConfiguration {

    /** Made at start-up: a service without its master key (outside {@code dev}) does not start. */
    @Bean
    @DependsOnDatabaseInitialization
    FieldEncryption fieldEncryption(KeyWrapper masterKey, CryptoSettings settings, JdbcClient jdbc,
                                    TransactionTemplate transactions) {
        return new FieldEncryption(masterKey, settings.algorithm(), settings.acceptPlaintext(),
                settings.refreshInterval(), jdbc, transactions);
    }

    /** A KMS stands in by being a {@link KeyWrapper} bean of its own. */
    @Bean
    @ConditionalOnMissingBean
    KeyWrapper fieldMasterKey(CryptoSettings settings, SecuritySettings security) {
        return masterKey(settings, security);
    }

    @Bean
    KeyRotation keyRotation(FieldEncryption encryption, ObjectProvider<EncryptedColumn> columns,
                            ObjectProvider<EncryptedColumns> declared, DataSource dataSource,
                            TransactionTemplate transactions, CryptoSettings settings,
                            ObjectProvider<MeterRegistry> meters) {
        List<EncryptedColumn> all = Stream.concat(columns.orderedStream(),
                declared.orderedStream().flatMap(group -> group.encryptedColumns().stream())).toList();
        return new KeyRotation(encryption, all, dataSource, transactions, settings.batchSize(),
                meters.getIfAvailable());
    }

    /**
     * A service whose sealed columns hold values in the clear (a database from before they were
     * sealed) does not start unless plaintext is accepted: it could not read them, and one such
     * outbox row would stop every event it publishes.
     */
    @Bean
    SmartInitializingSingleton noClearValuesInSealedColumns(KeyRotation rotation, CryptoSettings settings) {
        return () -> {
            if (settings.acceptPlaintext()) {
                return;
            }
            List<String> inClear = rotation.columnsWithClearValues();
            if (!inClear.isEmpty()) {
                throw new IllegalStateException("Columns that are stored sealed hold values in the clear: " + inClear
                        + ". Start with FIELD_ACCEPT_PLAINTEXT=true, run scripts/rotate-field-keys.sh --resume to "
                        + "seal them, then start without it.");
            }
        };
    }

    @Bean
    FieldKeysEndpoint fieldKeysEndpoint(FieldEncryption encryption, KeyRotation rotation) {
        return new FieldKeysEndpoint(encryption, rotation);
    }

    /** The master key: configured, or made locally under {@code dev}; otherwise the service does not start. */
    static KeyWrapper masterKey(CryptoSettings settings, SecuritySettings security) {
        if (StringUtils.hasText(settings.masterKey())) {
            try {
                return MasterKey.fromBase64(settings.masterKeyId(), settings.masterKey());
            } catch (IllegalArgumentException e) {
                throw new IllegalStateException("FIELD_MASTER_KEY is not a usable master key (base64 of 32 random "
                        + "bytes, e.g. from `openssl rand -base64 32`): " + e.getMessage());
            }
        }
        if (security.localDir() != null) {
            return new MasterKey(settings.masterKeyId(),
                    LocalSecrets.secret(security.localDir(), LocalSecrets.FIELD_MASTER));
        }
        throw new IllegalStateException("FIELD_MASTER_KEY is not set (base64 of 32 random bytes, e.g. from "
                + "`openssl rand -base64 32`; FIELD_MASTER_KEY_ID names it, default m1): this service encrypts "
                + "personal data at rest under data keys that this master key wraps, and cannot start without it.");
    }
}

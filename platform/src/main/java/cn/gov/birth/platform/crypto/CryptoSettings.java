package cn.gov.birth.platform.crypto;

import cn.gov.birth.security.crypto.Algorithm;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Field encryption at rest ({@code birth.crypto}): the master key that wraps the service's data keys
 * and what new data keys encrypt with. Under the {@code dev} profile a missing master key is made in
 * the local keys folder ({@code birth.security.local-dir}); elsewhere a service does not start
 * without one.
 *
 * @param masterKey       base64, 32 bytes ({@code FIELD_MASTER_KEY}): wraps the data keys (AES-256-GCM)
 * @param masterKeyId     its name, stored with every data key it wraps ({@code FIELD_MASTER_KEY_ID}, {@code m1})
 * @param algorithm       what new data keys encrypt fields with ({@code FIELD_ALGORITHM}): {@code AES_256_GCM}
 *                        or {@code SM4_GCM} where national algorithms are required; it takes effect
 *                        with the next key made (the first one, or a rotation)
 * @param acceptPlaintext whether a value left in the clear (a row from before encryption) reads as
 *                        itself ({@code FIELD_ACCEPT_PLAINTEXT}, off): only while such rows are
 *                        encrypted by a rotation; off, reading one is an error
 * @param refreshInterval how often an instance looks for a key another instance activated before it
 *                        encrypts (a cipher text under a key it does not know is looked up at once)
 * @param batchSize       how many rows a rotation re-encrypts per transaction
 */
@ConfigurationProperties("birth.crypto")
public record CryptoSettings(String masterKey, @DefaultValue("m1") String masterKeyId,
                             @DefaultValue("AES_256_GCM") Algorithm algorithm, boolean acceptPlaintext,
                             @DefaultValue("PT30S") Duration refreshInterval, @DefaultValue("500") int batchSize) {

    /** Never the master key. */
    @Override
    public String toString() {
        return "CryptoSettings[masterKey=" + (masterKey == null || masterKey.isBlank() ? "(none)" : "(set)")
                + ", masterKeyId=" + masterKeyId + ", algorithm=" + algorithm + ", acceptPlaintext="
                + acceptPlaintext + ", refreshInterval=" + refreshInterval + ", batchSize=" + batchSize + "]";
    }
}

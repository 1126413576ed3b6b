package cn.gov.birth.platform.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class KafkaClientSecurityTest {

    private final Map<String, String> settings = new HashMap<>(Map.of(
            "birth.kafka.sasl.mechanism", "SCRAM-SHA-512",
            "birth.kafka.sasl.username", "hukou-service",
            "birth.kafka.sasl.password", "pa\"ss\\word",
            "birth.kafka.truststore.location", "/etc/birth/kafka-ca.p12",
            "birth.kafka.truststore.password", "trust",
            "birth.kafka.truststore.type", "PKCS12"));

    @Test
    void shouldAddNothingUnderPlaintextWhateverElseIsSet() {
        assertThat(KafkaClientSecurity.properties(settings::get)).isEmpty();
        settings.put("spring.kafka.security.protocol", "PLAINTEXT");
        assertThat(KafkaClientSecurity.properties(settings::get)).isEmpty();
    }

    @Test
    void shouldLogInWithScramAndTrustTheGivenStoreUnderSaslSsl() {
        settings.put("spring.kafka.security.protocol", "SASL_SSL");

        assertThat(KafkaClientSecurity.properties(settings::get)).containsExactlyInAnyOrderEntriesOf(Map.of(
                "spring.kafka.properties.sasl.mechanism", "SCRAM-SHA-512",
                "spring.kafka.properties.sasl.jaas.config", "org.apache.kafka.common.security.scram.ScramLoginModule"
                        + " required username=\"hukou-service\" password=\"pa\\\"ss\\\\word\";",
                "spring.kafka.ssl.trust-store-location", "file:/etc/birth/kafka-ca.p12",
                "spring.kafka.ssl.trust-store-type", "PKCS12",
                "spring.kafka.ssl.trust-store-password", "trust"));
    }

    @Test
    void shouldLeaveTheJdkTrustAloneWithoutATrustStore() {
        settings.put("spring.kafka.security.protocol", "SASL_SSL");
        settings.put("birth.kafka.sasl.mechanism", "PLAIN");
        settings.put("birth.kafka.truststore.location", "");
        settings.put("birth.kafka.truststore.password", "");

        assertThat(KafkaClientSecurity.properties(settings::get))
                .containsOnlyKeys("spring.kafka.properties.sasl.mechanism", "spring.kafka.properties.sasl.jaas.config")
                .hasEntrySatisfying("spring.kafka.properties.sasl.jaas.config", jaas ->
                        assertThat((String) jaas).startsWith("org.apache.kafka.common.security.plain.PlainLoginModule required"));
    }

    @Test
    void shouldRefuseSaslWithoutAPassword() {
        settings.put("spring.kafka.security.protocol", "SASL_SSL");
        settings.put("birth.kafka.sasl.password", "");

        assertThatIllegalStateException().isThrownBy(() -> KafkaClientSecurity.properties(settings::get))
                .withMessageContaining("KAFKA_PASSWORD");
    }

    @Test
    void shouldLeaveAnExplicitJaasConfigurationAlone() {
        settings.put("spring.kafka.security.protocol", "SASL_SSL");
        settings.put("birth.kafka.sasl.mechanism", "OAUTHBEARER");
        settings.put("spring.kafka.properties.sasl.jaas.config", "org.example.OAuthLoginModule required;");

        assertThat(KafkaClientSecurity.properties(settings::get)).doesNotContainKey("spring.kafka.properties.sasl.jaas.config")
                .containsEntry("spring.kafka.ssl.trust-store-location", "file:/etc/birth/kafka-ca.p12");
    }
}

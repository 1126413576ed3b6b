package cn.gov.birth.platform.kafka;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;
import org.springframework.util.StringUtils;

/**
 * A secured cluster's settings ({@code birth.kafka.sasl.*}, {@code birth.kafka.truststore.*}: KAFKA_SASL_MECHANISM,
 * KAFKA_USERNAME, KAFKA_PASSWORD, KAFKA_TRUSTSTORE_* in birth-platform-defaults.yml) mapped onto {@code spring.kafka},
 * so that producers, consumers and the admin client all use them. Only what the protocol
 * ({@code spring.kafka.security.protocol}, KAFKA_SECURITY_PROTOCOL) needs is set: nothing under PLAINTEXT, and no
 * empty trust store (Kafka would try to open one). What {@code spring.kafka} sets itself wins.
 */
public class KafkaClientSecurity implements EnvironmentPostProcessor {

    static final String SOURCE = "birthKafkaClientSecurity";
    private static final String JAAS = "spring.kafka.properties.sasl.jaas.config";

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        Map<String, Object> properties = properties(environment::getProperty);
        if (!properties.isEmpty()) {
            environment.getPropertySources().addLast(new MapPropertySource(SOURCE, properties));
        }
    }

    /** The {@code spring.kafka} properties the settings come to, given how to read a property. */
    static Map<String, Object> properties(UnaryOperator<String> settings) {
        String protocol = valueOr(settings, "spring.kafka.security.protocol", "PLAINTEXT").toUpperCase(Locale.ROOT);
        Map<String, Object> properties = new LinkedHashMap<>();
        if (protocol.startsWith("SASL_") && !StringUtils.hasText(settings.apply(JAAS))) {
            String mechanism = valueOr(settings, "birth.kafka.sasl.mechanism", "SCRAM-SHA-512");
            String username = settings.apply("birth.kafka.sasl.username");
            String password = settings.apply("birth.kafka.sasl.password");
            if (!StringUtils.hasText(username) || !StringUtils.hasText(password)) {
                throw new IllegalStateException("KAFKA_SECURITY_PROTOCOL=" + protocol
                        + " needs KAFKA_USERNAME (default: the service's name) and KAFKA_PASSWORD");
            }
            properties.put("spring.kafka.properties.sasl.mechanism", mechanism);
            properties.put(JAAS, loginModule(mechanism) + " required username=" + quoted(username)
                    + " password=" + quoted(password) + ";");
        }
        String truststore = settings.apply("birth.kafka.truststore.location");
        if (protocol.endsWith("SSL") && StringUtils.hasText(truststore)) {
            // A bare path: a file (a resource without a prefix would be looked up on the class path).
            properties.put("spring.kafka.ssl.trust-store-location", truststore.contains(":") ? truststore : "file:" + truststore);
            properties.put("spring.kafka.ssl.trust-store-type", valueOr(settings, "birth.kafka.truststore.type", "PKCS12"));
            String password = settings.apply("birth.kafka.truststore.password");
            if (StringUtils.hasText(password)) {
                properties.put("spring.kafka.ssl.trust-store-password", password);
            }
        }
        return properties;
    }

    private static String loginModule(String mechanism) {
        return switch (mechanism) {
            case "SCRAM-SHA-512", "SCRAM-SHA-256" -> "org.apache.kafka.common.security.scram.ScramLoginModule";
            case "PLAIN" -> "org.apache.kafka.common.security.plain.PlainLoginModule";
            default -> throw new IllegalStateException("KAFKA_SASL_MECHANISM " + mechanism
                    + " is not mapped (SCRAM-SHA-512, SCRAM-SHA-256 or PLAIN); set " + JAAS + " for another one");
        };
    }

    /** A JAAS option value: quoted, its quotes and backslashes escaped. */
    static String quoted(String value) {
        return '"' + value.replace("\\", "\\\\").replace("\"", "\\\"") + '"';
    }

    private static String valueOr(UnaryOperator<String> settings, String name, String fallback) {
        String value = settings.apply(name);
        return StringUtils.hasText(value) ? value.strip() : fallback;
    }
}

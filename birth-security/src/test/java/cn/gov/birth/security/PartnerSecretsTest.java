package cn.gov.birth.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Base64;
import org.junit.jupiter.api.Test;

class PartnerSecretsTest {

    private static final String SECRET = Base64.getEncoder().encodeToString(new byte[32]);

    @Test
    void shouldTakeConfiguredSecretsAndKnowNoOtherPartnerOutsideLocalRuns() {
        PartnerSecrets secrets = PartnerSecrets.of("TAX-CHANNEL=" + SECRET + ", BANK-ICBC=" + SECRET, null);

        assertThat(secrets.of("TAX-CHANNEL")).contains(new byte[32]);
        assertThat(secrets.of("BANK-CCB")).isEmpty();
    }

    @Test
    void shouldDeriveADistinctSecretPerPartnerFromTheLocalMaster() {
        PartnerSecrets secrets = PartnerSecrets.of("", new byte[32]);

        assertThat(secrets.of("BANK-ICBC")).get().isNotEqualTo(secrets.of("BANK-CCB").get());
        assertThat(PartnerSecrets.of(null, new byte[32]).of("BANK-ICBC")).get().isEqualTo(secrets.of("BANK-ICBC").get());
    }

    @Test
    void shouldRefuseAShortOrMalformedConfiguredSecret() {
        String shortSecret = Base64.getEncoder().encodeToString(new byte[8]);
        assertThatThrownBy(() -> PartnerSecrets.of("TAX-CHANNEL=" + shortSecret, null))
                .hasMessageContaining("TAX-CHANNEL");
        assertThatThrownBy(() -> PartnerSecrets.of("no secret here", null)).isInstanceOf(IllegalArgumentException.class);
    }
}

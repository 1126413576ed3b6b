package cn.gov.birth.platform.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import cn.gov.birth.security.Claims;
import cn.gov.birth.security.LocalSecrets;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtException;

/** Where a service takes its tokens from, and what it refuses. */
class PlatformSecurityConfigurationTest {

    private final PlatformSecurityConfiguration configuration = new PlatformSecurityConfiguration();

    @TempDir
    Path keys;

    @Test
    void shouldRefuseToStartWithoutAnIdentityPlatformOutsideTheDevProfile() {
        SecuritySettings production = new SecuritySettings(null, "", null, null, null, null);

        assertThatThrownBy(() -> configuration.jwtDecoder(production)).hasMessageContaining("AUTH_JWKS_URI");
        assertThatThrownBy(() -> configuration.blindIndex(production)).hasMessageContaining("BLIND_INDEX_KEY");
    }

    @Test
    void shouldTakeTokensSignedWithTheLocalKeyUnderDevAndNothingElse() throws Exception {
        JwtDecoder decoder = configuration.jwtDecoder(new SecuritySettings(null, null, null, null, null, keys));

        var caller = Caller.of(decoder.decode(token(Claims.DEV_ISSUER, Instant.now().plusSeconds(60))));

        assertThat(caller.subject()).isEqualTo("staff-7");
        assertThat(caller.department()).isEqualTo("POLICE");
        assertThat(caller.roles()).containsExactly(cn.gov.birth.security.Role.STAFF);
        assertThatThrownBy(() -> decoder.decode(token("https://elsewhere.example", Instant.now().plusSeconds(60))))
                .isInstanceOf(JwtException.class);
        assertThatThrownBy(() -> decoder.decode(token(Claims.DEV_ISSUER, Instant.now().minusSeconds(600))))
                .isInstanceOf(JwtException.class);
    }

    private String token(String issuer, Instant expires) throws Exception {
        SignedJWT jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.RS256), new JWTClaimsSet.Builder().issuer(issuer)
                .subject("staff-7").claim(Claims.ROLES, List.of("STAFF", "NO_SUCH_ROLE"))
                .claim(Claims.DEPARTMENT, "POLICE").expirationTime(Date.from(expires)).build());
        jwt.sign(new RSASSASigner(LocalSecrets.rsaKeyPair(keys, LocalSecrets.TOKEN_KEY).getPrivate()));
        return jwt.serialize();
    }
}

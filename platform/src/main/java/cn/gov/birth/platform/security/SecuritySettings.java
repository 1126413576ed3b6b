package cn.gov.birth.platform.security;

import java.nio.file.Path;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Where tokens come from and the secrets a service may need ({@code birth.security}).
 *
 * @param jwksUri        the identity platform's JWK Set ({@code AUTH_JWKS_URI}), e.g. Keycloak's
 *                       {@code …/realms/<realm>/protocol/openid-connect/certs}
 * @param issuerUri      the tokens' issuer ({@code AUTH_ISSUER_URI}): checked in every token; alone,
 *                       its OpenID discovery document names the JWK Set
 * @param audience       when set ({@code AUTH_AUDIENCE}), a token must name it in {@code aud}
 * @param blindIndexKey  base64, at least 32 bytes ({@code BLIND_INDEX_KEY}): the key of the ID
 *                       number indexes that recognise a parent
 * @param partners       the secrets shared with partners ({@code PARTNER_SECRETS}:
 *                       {@code TAX-CHANNEL=<base64>,BANK-ICBC=<base64>})
 * @param localDir       profile {@code dev} only ({@code DEV_KEYS_DIR}, {@code .run/dev-keys}):
 *                       where the local token key and secrets are made on first use; it stands
 *                       in for whatever above is not configured
 */
@ConfigurationProperties("birth.security")
public record SecuritySettings(String jwksUri, String issuerUri, String audience, String blindIndexKey,
                               String partners, Path localDir) {
}

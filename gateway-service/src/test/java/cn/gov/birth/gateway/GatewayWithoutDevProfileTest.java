package cn.gov.birth.gateway;

import cn.gov.birth.security.Claims;
import cn.gov.birth.security.LocalSecrets;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.interfaces.RSAPublicKey;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.http.MediaType;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * The production configuration: tokens come from the province's identity platform (here a JWK Set
 * served by the test); the dev token endpoint does not exist and its locally signed tokens are refused.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@AutoConfigureWebTestClient(timeout = "20s")
class GatewayWithoutDevProfileTest {

    private static final KeyPair IDENTITY_KEY = identityKey();
    private static final HttpServer IDENTITY_PLATFORM = identityPlatform();

    @DynamicPropertySource
    static void identity(DynamicPropertyRegistry registry) {
        registry.add("AUTH_JWKS_URI", () -> "http://127.0.0.1:" + IDENTITY_PLATFORM.getAddress().getPort() + "/certs");
        registry.add("AUTH_ISSUER_URI", () -> "https://iam.gz.example/realms/birth");
    }

    @AfterAll
    static void stop() {
        IDENTITY_PLATFORM.stop(0);
    }

    @Autowired
    WebTestClient client;

    @Test
    void shouldServeNoDevTokens() {
        client.post().uri("/api/v1/dev/tokens").contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{\"subject\":\"x\",\"roles\":[\"OPS\"]}")
                .exchange().expectStatus().isUnauthorized()
                .expectBody().jsonPath("$.accessToken").doesNotExist();
    }

    @Test
    void shouldRefuseATokenSignedWithTheLocalDevKey() throws Exception {
        SignedJWT devToken = new SignedJWT(new JWSHeader(JWSAlgorithm.RS256), new JWTClaimsSet.Builder()
                .issuer(Claims.DEV_ISSUER).subject("ops-1").claim(Claims.ROLES, List.of("OPS"))
                .expirationTime(Date.from(Instant.now().plusSeconds(600))).build());
        devToken.sign(new RSASSASigner(LocalSecrets.rsaKeyPair(Path.of("target/dev-keys"), LocalSecrets.TOKEN_KEY)
                .getPrivate()));

        client.get().uri("/actuator/prometheus").headers(h -> h.setBearerAuth(devToken.serialize()))
                .exchange().expectStatus().isUnauthorized();
    }

    @Test
    void shouldHaveNoDevClockRouteEvenForOps() throws Exception {
        SignedJWT opsToken = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID("iam-1").build(),
                new JWTClaimsSet.Builder().issuer("https://iam.gz.example/realms/birth").subject("ops-1")
                        .claim(Claims.ROLES, List.of("OPS"))
                        .expirationTime(Date.from(Instant.now().plusSeconds(600))).build());
        opsToken.sign(new RSASSASigner(IDENTITY_KEY.getPrivate()));

        client.get().uri("/actuator/prometheus").headers(h -> h.setBearerAuth(opsToken.serialize()))
                .exchange().expectStatus().isOk();
        client.post().uri("/api/v1/dev/clock").headers(h -> h.setBearerAuth(opsToken.serialize()))
                .contentType(MediaType.APPLICATION_JSON).bodyValue("{\"advance\": \"P10D\"}")
                .exchange().expectStatus().isForbidden();
    }

    private static KeyPair identityKey() {
        try {
            var generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            return generator.generateKeyPair();
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A JWK Set of the identity platform's own key: not the local dev key. */
    private static HttpServer identityPlatform() {
        try {
            String jwks = new JWKSet(new RSAKey.Builder((RSAPublicKey) IDENTITY_KEY.getPublic())
                    .keyID("iam-1").build()).toString();
            HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            server.createContext("/certs", exchange -> {
                byte[] body = jwks.getBytes(StandardCharsets.UTF_8);
                exchange.getResponseHeaders().set("Content-Type", "application/json");
                exchange.sendResponseHeaders(200, body.length);
                exchange.getResponseBody().write(body);
                exchange.close();
            });
            server.start();
            return server;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}

package cn.gov.birth.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import cn.gov.birth.security.Claims;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.nio.charset.StandardCharsets;
import java.security.KeyPairGenerator;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.web.reactive.function.BodyInserters;
import reactor.core.publisher.Flux;

/** The gateway's own checks, before any service is asked: tokens, roles, departments, limits on bodies. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@AutoConfigureWebTestClient(timeout = "20s")
@ActiveProfiles("dev")
class GatewayAccessTest {

    private static final Upstream SERVICES = new Upstream();

    @DynamicPropertySource
    static void routes(DynamicPropertyRegistry registry) {
        SERVICES.standIn(registry);
        registry.add("RATE_LIMIT_PER_SECOND", () -> "10000");
        registry.add("RATE_LIMIT_BURST", () -> "20000");
        registry.add("REFERENCE_IMPORT_MAX_BODY", () -> "600KB");
    }

    @AfterAll
    static void stop() {
        SERVICES.close();
    }

    @Autowired
    WebTestClient client;

    private String token(String role, String department, String idNumber) {
        return GatewayTokens.of(client, role.toLowerCase() + "-1", List.of(role), department, idNumber);
    }

    private Consumer<HttpHeaders> bearer(String token) {
        return headers -> headers.setBearerAuth(token);
    }

    @Test
    void shouldRefuseEveryFamilyAndDepartmentRouteWithoutATokenBeforeAnyServiceIsAsked() {
        for (String path : List.of("/api/v1/applications", "/api/v1/applications/x", "/api/v1/notifications",
                "/api/v1/departments/POLICE/tasks", "/api/v1/departments/HEALTH/reference",
                "/actuator/prometheus", "/actuator/circuitbreakers", "/fallback/application-service")) {
            client.get().uri(path).exchange()
                    .expectStatus().isUnauthorized()
                    .expectHeader().valueEquals("WWW-Authenticate", "Bearer")
                    .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON);
            assertThat(SERVICES.seen).doesNotContainKey("GET " + path);
        }
        client.get().uri("/actuator/health/readiness").exchange().expectStatus().isOk();
        client.get().uri("/api/v1/guides/520000").exchange().expectStatus().isOk();
    }

    @Test
    void shouldRefuseATokenSignedByAnotherKey() throws Exception {
        var generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        SignedJWT forged = new SignedJWT(new JWSHeader(JWSAlgorithm.RS256), new JWTClaimsSet.Builder()
                .issuer(Claims.DEV_ISSUER).subject("someone").claim(Claims.ROLES, List.of("OPS"))
                .expirationTime(Date.from(Instant.now().plusSeconds(600))).build());
        forged.sign(new RSASSASigner(generator.generateKeyPair().getPrivate()));

        client.get().uri("/actuator/prometheus").headers(bearer(forged.serialize())).exchange()
                .expectStatus().isUnauthorized()
                .expectHeader().valueEquals("WWW-Authenticate", "Bearer error=\"invalid_token\"");
    }

    @Test
    void shouldKeepADepartmentsWorkToItsOwnStaffAndAdministrators() {
        client.get().uri("/api/v1/departments/POLICE/tasks").headers(bearer(token("STAFF", "HEALTH", null)))
                .exchange().expectStatus().isForbidden();
        client.get().uri("/api/v1/departments/POLICE/tasks")
                .headers(bearer(token("CITIZEN", null, "520102199403121220"))).exchange().expectStatus().isForbidden();
        client.get().uri("/api/v1/departments/POLICE/tasks").headers(bearer(token("DEPT_ADMIN", "POLICE", null)))
                .exchange().expectStatus().isForbidden();
        client.post().uri("/api/v1/departments/POLICE/reference/police-stations").contentType(MediaType.TEXT_PLAIN)
                .headers(bearer(token("STAFF", "POLICE", null))).bodyValue("county,code,name,address\n")
                .exchange().expectStatus().isForbidden();
        assertThat(SERVICES.seen).doesNotContainKeys("GET /api/v1/departments/POLICE/tasks",
                "POST /api/v1/departments/POLICE/reference/police-stations");

        client.get().uri("/api/v1/departments/POLICE/tasks").headers(bearer(token("STAFF", "POLICE", null)))
                .exchange().expectStatus().isOk();
        assertThat(SERVICES.seen).containsKey("GET /api/v1/departments/POLICE/tasks");
    }

    @Test
    void shouldShowMetricsAndBreakersToOpsOnly() {
        client.get().uri("/actuator/prometheus").headers(bearer(token("CITIZEN", null, "520102199403121220")))
                .exchange().expectStatus().isForbidden();
        client.get().uri("/actuator/prometheus").headers(bearer(token("OPS", null, null)))
                .exchange().expectStatus().isOk();
        client.get().uri("/actuator/circuitbreakers").headers(bearer(token("OPS", null, null)))
                .exchange().expectStatus().isOk();
    }

    @Test
    void shouldRefuseAChunkedBodyOverTheLimitAndForwardOneWithinItWithItsLength() {
        String citizen = token("CITIZEN", null, "520102199403121220");
        String big = "{\"x\":\"" + "a".repeat(300 * 1024) + "\"}";

        client.post().uri("/api/v1/applications/big/supplements").headers(bearer(citizen))
                .contentType(MediaType.APPLICATION_JSON)
                .body(BodyInserters.fromPublisher(chunks(big), String.class))
                .exchange()
                .expectStatus().isEqualTo(413)
                .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON);
        client.post().uri("/api/v1/applications/small/supplements").headers(bearer(citizen))
                .contentType(MediaType.APPLICATION_JSON)
                .body(BodyInserters.fromPublisher(chunks("{\"household\":{}}"), String.class))
                .exchange().expectStatus().isOk();

        assertThat(SERVICES.seen).doesNotContainKey("POST /api/v1/applications/big/supplements");
        Upstream.Seen small = SERVICES.seen.get("POST /api/v1/applications/small/supplements");
        assertThat(small.bodyBytes()).isEqualTo(16);
        assertThat(small.contentLength()).isEqualTo("16");
    }

    @Test
    void shouldLetAnImportStreamUpToItsOwnLimitAndRefuseOneBeyondIt() {
        String admin = token("DEPT_ADMIN", "HEALTH", null);
        String within = "code,name,county,qualified\n" + "H1,医院,520102,true\n".repeat(20_000);
        String beyond = within + within;

        client.post().uri("/api/v1/departments/HEALTH/reference/hospitals").headers(bearer(admin))
                .contentType(MediaType.TEXT_PLAIN)
                .body(BodyInserters.fromPublisher(chunks(within), String.class))
                .exchange().expectStatus().isOk();
        client.post().uri("/api/v1/departments/HEALTH/reference/delivery-records").headers(bearer(admin))
                .contentType(MediaType.TEXT_PLAIN)
                .body(BodyInserters.fromPublisher(chunks(beyond), String.class))
                .exchange().expectStatus().isEqualTo(413)
                .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody().jsonPath("$.instance").isEqualTo("/api/v1/departments/HEALTH/reference/delivery-records");

        assertThat(SERVICES.seen.get("POST /api/v1/departments/HEALTH/reference/hospitals").bodyBytes())
                .isEqualTo(within.getBytes(StandardCharsets.UTF_8).length);
    }

    @Test
    void shouldAnswerADevTokenRequestItCannotFillWith400() {
        client.post().uri("/api/v1/dev/tokens").contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{\"subject\":\"x\",\"roles\":[\"STAFF\",\"KING\"]}")
                .exchange().expectStatus().isBadRequest()
                .expectBody().jsonPath("$.errors[*].field").value(fields ->
                        assertThat(fields.toString()).contains("roles").contains("department"));
        client.post().uri("/api/v1/dev/tokens").contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{\"subject\":\"x\",\"roles\":[\"CITIZEN\"],\"idNumber\":\"520102199403121221\"}")
                .exchange().expectStatus().isBadRequest();
        client.post().uri("/api/v1/dev/tokens").contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{\"subject\":\"x\",\"roles\":[\"CLERK\"],\"centre\":\"南明区 中心\"}")
                .exchange().expectStatus().isBadRequest()
                .expectBody().jsonPath("$.errors[0].field").isEqualTo("centre");
    }

    @Test
    void shouldPutTheClerksServiceCentreAndTheHospitalInTheDevToken() {
        String token = client.post().uri("/api/v1/dev/tokens").contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{\"subject\":\"clerk-1\",\"roles\":[\"CLERK\",\"HOSPITAL\"],"
                        + "\"centre\":\"520102-ZWFW\",\"hospital\":\"H520102001\"}")
                .exchange().expectStatus().isOk()
                .expectBody(String.class).returnResult().getResponseBody()
                .replaceAll(".*\"accessToken\" *: *\"([^\"]+)\".*", "$1");
        String claims = new String(java.util.Base64.getUrlDecoder().decode(token.split("\\.")[1]),
                StandardCharsets.UTF_8);

        assertThat(claims).contains("\"centre\":\"520102-ZWFW\"", "\"hospital\":\"H520102001\"");
    }

    /** The text in pieces with no declared length: sent chunked. */
    private static Flux<String> chunks(String text) {
        int size = 8192;
        return Flux.range(0, (text.length() + size - 1) / size)
                .map(i -> text.substring(i * size, Math.min(text.length(), (i + 1) * size)));
    }
}

package cn.gov.birth.gateway;

import cn.gov.birth.contracts.Department;
import cn.gov.birth.contracts.codes.ResidentIdNumber;
import cn.gov.birth.security.Claims;
import cn.gov.birth.security.LocalSecrets;
import cn.gov.birth.security.Role;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.interfaces.RSAPrivateKey;
import java.security.interfaces.RSAPublicKey;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Profile;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.jwt.JwsHeader;
import org.springframework.security.oauth2.jwt.JwtClaimsSet;
import org.springframework.security.oauth2.jwt.JwtEncoder;
import org.springframework.security.oauth2.jwt.JwtEncoderParameters;
import org.springframework.security.oauth2.jwt.NimbusJwtEncoder;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * Profile {@code dev} only: {@code POST /api/v1/dev/tokens} makes the token a real identity
 * platform would issue after a sign-in, signed by the local key every service of a local platform
 * trusts ({@code .run/dev-keys}, made on first run, so tokens outlive restarts). Not rate-limited:
 * tests and the benchmark ask for one per person.
 */
@RestController
@Profile("dev")
class DevTokens {

    static final String PATH = "/api/v1/dev/tokens";

    private final JwtEncoder encoder;
    private final String keyId;
    private final Duration lifetime;

    DevTokens(@Value("${birth.security.local-dir}") String localDir,
              @Value("${birth.gateway.dev-token-lifetime:PT12H}") Duration lifetime) {
        KeyPair pair = LocalSecrets.rsaKeyPair(Path.of(localDir), LocalSecrets.TOKEN_KEY);
        RSAKey key;
        try {
            key = new RSAKey.Builder((RSAPublicKey) pair.getPublic()).privateKey((RSAPrivateKey) pair.getPrivate())
                    .keyIDFromThumbprint().build();
        } catch (JOSEException e) {
            throw new IllegalStateException("The local token key is not usable", e);
        }
        this.keyId = key.getKeyID();
        this.encoder = new NimbusJwtEncoder(new ImmutableJWKSet<>(new JWKSet(key)));
        this.lifetime = lifetime;
    }

    /**
     * Who signs in: {@code department} for STAFF and DEPT_ADMIN, {@code idNumber} for a CITIZEN,
     * {@code centre} (the service centre's code) for a CLERK, {@code hospital} for HOSPITAL staff.
     */
    record TokenRequest(String subject, List<String> roles, String department, String idNumber, String centre,
                        String hospital) {
    }

    record Token(String accessToken, String tokenType, long expiresIn) {
    }

    /** Signing (an RSA private-key operation) runs off the event loop that carries everyone's requests. */
    @PostMapping(PATH)
    Mono<ResponseEntity<?>> token(@RequestBody TokenRequest request) {
        return Mono.<ResponseEntity<?>>fromCallable(() -> issue(request)).subscribeOn(Schedulers.boundedElastic());
    }

    private ResponseEntity<?> issue(TokenRequest request) {
        List<Map<String, String>> errors = errors(request);
        if (!errors.isEmpty()) {
            ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST,
                    errors.size() + " field(s) are not acceptable; see errors.");
            problem.setTitle("Invalid token request");
            problem.setProperty("errors", errors);
            return ResponseEntity.badRequest().body(problem);
        }
        Instant now = Instant.now();
        JwtClaimsSet.Builder claims = JwtClaimsSet.builder().issuer(Claims.DEV_ISSUER).subject(request.subject())
                .issuedAt(now).expiresAt(now.plus(lifetime)).id(UUID.randomUUID().toString())
                .claim(Claims.ROLES, List.copyOf(request.roles()));
        if (request.department() != null) {
            claims.claim(Claims.DEPARTMENT, request.department());
        }
        if (request.idNumber() != null) {
            claims.claim(Claims.ID_NUMBER, request.idNumber());
        }
        if (request.centre() != null) {
            claims.claim(Claims.CENTRE, request.centre());
        }
        if (request.hospital() != null) {
            claims.claim(Claims.HOSPITAL, request.hospital());
        }
        String token = encoder.encode(JwtEncoderParameters.from(
                JwsHeader.with(SignatureAlgorithm.RS256).keyId(keyId).build(), claims.build())).getTokenValue();
        return ResponseEntity.ok(new Token(token, "Bearer", lifetime.toSeconds()));
    }

    private static List<Map<String, String>> errors(TokenRequest request) {
        List<Map<String, String>> errors = new ArrayList<>();
        if (request.subject() == null || !request.subject().matches("[A-Za-z0-9._@:-]{1,64}")) {
            errors.add(error("subject", "INVALID_FORMAT", "subject: 1 to 64 of A-Z a-z 0-9 . _ @ : -"));
        }
        List<String> roles = request.roles() == null ? List.of() : request.roles();
        List<String> known = Arrays.stream(Role.values()).map(Role::name).toList();
        if (roles.isEmpty() || !known.containsAll(roles)) {
            errors.add(error("roles", "UNKNOWN_CODE", "roles: one or more of " + known));
        }
        boolean departmental = roles.contains(Role.STAFF.name()) || roles.contains(Role.DEPT_ADMIN.name());
        if (departmental && Arrays.stream(Department.values()).noneMatch(d -> d.name().equals(request.department()))) {
            errors.add(error("department", "REQUIRED", "STAFF and DEPT_ADMIN act for one of "
                    + Arrays.toString(Department.values())));
        }
        if (roles.contains(Role.CITIZEN.name())
                && (request.idNumber() == null || !ResidentIdNumber.isValid(request.idNumber()))) {
            errors.add(error("idNumber", "INVALID_ID_NUMBER",
                    "a CITIZEN's token carries their verified resident ID number (GB 11643)"));
        }
        workplace(errors, "centre", request.centre());
        workplace(errors, "hospital", request.hospital());
        return errors;
    }

    /** A workplace is a code (a service centre's, a hospital's), never free text. */
    private static void workplace(List<Map<String, String>> errors, String field, String code) {
        if (code != null && !code.matches("[A-Za-z0-9._-]{1,64}")) {
            errors.add(error(field, "INVALID_FORMAT", field + ": 1 to 64 of A-Z a-z 0-9 . _ -"));
        }
    }

    private static Map<String, String> error(String field, String code, String message) {
        return Map.of("field", field, "code", code, "message", message);
    }
}

package cn.gov.birth.platform.test;

import cn.gov.birth.security.Claims;
import cn.gov.birth.security.LocalSecrets;
import cn.gov.birth.security.Role;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Access tokens for a service under test, as the gateway's dev token endpoint makes them: signed
 * with the local key in {@link #DIR}, which {@link TestInfrastructure#register} points the service at.
 */
public final class Tokens {

    /** Where the tests' local secrets live (each module's {@code target/dev-keys}). */
    public static final Path DIR = Path.of("target", "dev-keys");

    /** A resident signed in with their verified ID number (their subject is a pseudonym, never the number). */
    public static String citizen(String idNumber) {
        return token("citizen-" + UUID.nameUUIDFromBytes(idNumber.getBytes(java.nio.charset.StandardCharsets.UTF_8)),
                List.of(Role.CITIZEN), null, idNumber);
    }

    public static String staff(String department) {
        return token("staff-" + department.toLowerCase(), List.of(Role.STAFF), department, null);
    }

    public static String admin(String department) {
        return token("admin-" + department.toLowerCase(), List.of(Role.DEPT_ADMIN), department, null);
    }

    public static String of(Role role) {
        return token(role.name().toLowerCase() + "-" + UUID.randomUUID(), List.of(role), null, null);
    }

    /** A window clerk of a service centre (its code in the region's policy). */
    public static String clerk(String subject, String centre) {
        return token(subject, List.of(Role.CLERK), null, null, Map.of(Claims.CENTRE, centre));
    }

    /** A delivery hospital's staff member. */
    public static String hospital(String subject, String hospital) {
        return token(subject, List.of(Role.HOSPITAL), null, null, Map.of(Claims.HOSPITAL, hospital));
    }

    public static String token(String subject, List<Role> roles, String department, String idNumber) {
        return token(subject, roles, department, idNumber, Map.of());
    }

    /** {@code workplace}: the {@link Claims#CENTRE} or {@link Claims#HOSPITAL} claim, when the caller has one. */
    public static String token(String subject, List<Role> roles, String department, String idNumber,
                               Map<String, String> workplace) {
        Instant now = Instant.now();
        JWTClaimsSet.Builder claims = new JWTClaimsSet.Builder().issuer(Claims.DEV_ISSUER).subject(subject)
                .issueTime(Date.from(now)).expirationTime(Date.from(now.plus(Duration.ofHours(1))))
                .claim(Claims.ROLES, roles.stream().map(Role::name).toList());
        if (department != null) {
            claims.claim(Claims.DEPARTMENT, department);
        }
        if (idNumber != null) {
            claims.claim(Claims.ID_NUMBER, idNumber);
        }
        workplace.forEach(claims::claim);
        SignedJWT jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.RS256), claims.build());
        try {
            jwt.sign(new RSASSASigner(LocalSecrets.rsaKeyPair(DIR, LocalSecrets.TOKEN_KEY).getPrivate()));
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
        return jwt.serialize();
    }

    private Tokens() {
    }
}

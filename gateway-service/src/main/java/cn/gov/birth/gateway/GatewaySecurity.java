package cn.gov.birth.gateway;

import cn.gov.birth.security.Claims;
import cn.gov.birth.security.LocalSecrets;
import cn.gov.birth.security.VerifiedTokens;
import java.nio.file.Path;
import java.security.interfaces.RSAPublicKey;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.cloud.gateway.config.GlobalCorsProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.security.authorization.AuthorizationDecision;
import org.springframework.security.authorization.AuthorizationResult;
import org.springframework.security.authorization.ReactiveAuthorizationManager;
import org.springframework.security.config.annotation.web.reactive.EnableWebFluxSecurity;
import org.springframework.security.config.observation.SecurityObservationSettings;
import org.springframework.security.config.web.server.ServerHttpSecurity;
import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtClaimNames;
import org.springframework.security.oauth2.jwt.JwtClaimValidator;
import org.springframework.security.oauth2.jwt.JwtIssuerValidator;
import org.springframework.security.oauth2.jwt.JwtTimestampValidator;
import org.springframework.security.oauth2.jwt.NimbusReactiveJwtDecoder;
import org.springframework.security.oauth2.jwt.ReactiveJwtDecoder;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import org.springframework.security.web.server.SecurityWebFilterChain;
import org.springframework.security.web.server.ServerAuthenticationEntryPoint;
import org.springframework.security.web.server.authorization.AuthorizationContext;
import org.springframework.security.web.server.authorization.ServerAccessDeniedHandler;
import org.springframework.util.StringUtils;
import org.springframework.web.cors.reactive.CorsConfigurationSource;
import org.springframework.web.cors.reactive.UrlBasedCorsConfigurationSource;
import reactor.core.publisher.Mono;

/**
 * The gateway is a resource server that denies by default: tokens are checked against the
 * identity platform's keys (or, under {@code dev}, the local key the dev token endpoint signs with),
 * and a request passes only where the {@link AccessTable} grants it.
 */
@Configuration(proxyBeanMethods = false)
@EnableWebFluxSecurity
@EnableConfigurationProperties(AccessTable.class)
class GatewaySecurity {

    /**
     * No observation around each security filter, authentication and authorization (several percent of the
     * gateway's CPU per request, for timers no one reads); requests stay observed as a whole.
     */
    @Bean
    static SecurityObservationSettings securityObservations() {
        return SecurityObservationSettings.noObservations();
    }

    @Bean
    SecurityWebFilterChain securityFilterChain(ServerHttpSecurity http, AccessTable table, ReactiveJwtDecoder tokens,
                                           ObjectProvider<DevTokens> devTokens, GlobalCorsProperties cors) {
        return http.csrf(ServerHttpSecurity.CsrfSpec::disable)
                // A browser's preflight carries no token: the gateway's CORS rules answer it before authentication.
                .cors(spec -> spec.configurationSource(corsRules(cors)))
                .httpBasic(ServerHttpSecurity.HttpBasicSpec::disable)
                .formLogin(ServerHttpSecurity.FormLoginSpec::disable)
                .logout(ServerHttpSecurity.LogoutSpec::disable)
                .requestCache(ServerHttpSecurity.RequestCacheSpec::disable)
                .oauth2ResourceServer(server -> server.jwt(jwt -> jwt.jwtDecoder(tokens))
                        .authenticationEntryPoint(unauthenticated())
                        .accessDeniedHandler(forbidden()))
                .exceptionHandling(exceptions -> exceptions.authenticationEntryPoint(unauthenticated())
                        .accessDeniedHandler(forbidden()))
                .authorizeExchange(exchanges -> {
                    if (devTokens.getIfAvailable() != null) {
                        exchanges.pathMatchers(HttpMethod.POST, DevTokens.PATH).permitAll();
                    }
                    for (AccessTable.Grant grant : table.all()) {
                        ReactiveAuthorizationManager<AuthorizationContext> who = manager(grant);
                        for (String method : grant.methods()) {
                            exchanges.pathMatchers(HttpMethod.valueOf(method), grant.path()).access(who);
                        }
                    }
                    exchanges.anyExchange().denyAll();
                })
                .build();
    }

    /** The gateway's own CORS configuration ({@code globalcors} in application.yml), by path. */
    private static CorsConfigurationSource corsRules(GlobalCorsProperties cors) {
        UrlBasedCorsConfigurationSource rules = new UrlBasedCorsConfigurationSource();
        cors.getCorsConfigurations().forEach(rules::registerCorsConfiguration);
        return rules;
    }

    private static ReactiveAuthorizationManager<AuthorizationContext> manager(AccessTable.Grant grant) {
        return (authentication, context) -> grant.anyone() || grant.partner()
                ? Mono.just(new AuthorizationDecision(true))
                : authentication.map(caller -> granted(grant, caller, context.getVariables())).defaultIfEmpty(false)
                        .<AuthorizationResult>map(AuthorizationDecision::new);
    }

    private static boolean granted(AccessTable.Grant grant, Authentication caller, Map<String, Object> variables) {
        if (!(caller instanceof JwtAuthenticationToken token) || !caller.isAuthenticated()) {
            return false;
        }
        List<String> roles = token.getToken().getClaimAsStringList(Claims.ROLES);
        if (roles == null) {
            return false;
        }
        String department = token.getToken().getClaimAsString(Claims.DEPARTMENT);
        return grant.roles().stream().anyMatch(role -> roles.contains(role.name())
                && (!grant.department() || !role.departmental()
                || department != null && department.equals(variables.get("department"))));
    }

    @Bean
    ReactiveJwtDecoder jwtDecoder(@Value("${birth.security.jwks-uri:}") String jwksUri,
                                  @Value("${birth.security.issuer-uri:}") String issuerUri,
                                  @Value("${birth.security.audience:}") String audience,
                                  @Value("${birth.security.local-dir:}") String localDir) {
        NimbusReactiveJwtDecoder decoder;
        String issuer = issuerUri;
        if (StringUtils.hasText(jwksUri)) {
            decoder = NimbusReactiveJwtDecoder.withJwkSetUri(jwksUri).build();
        } else if (StringUtils.hasText(issuer)) {
            decoder = NimbusReactiveJwtDecoder.withIssuerLocation(issuer).build();
        } else if (StringUtils.hasText(localDir)) {
            decoder = NimbusReactiveJwtDecoder.withPublicKey((RSAPublicKey) LocalSecrets.rsaKeyPair(Path.of(localDir),
                    LocalSecrets.TOKEN_KEY).getPublic()).build();
            issuer = Claims.DEV_ISSUER;
        } else {
            throw new IllegalStateException("No identity platform configured: set AUTH_JWKS_URI (the JWK Set of the "
                    + "province's unified identity platform or Keycloak) and AUTH_ISSUER_URI, or run with the dev "
                    + "profile (SPRING_PROFILES_ACTIVE=dev), which serves POST /api/v1/dev/tokens.");
        }
        List<OAuth2TokenValidator<Jwt>> validators = new ArrayList<>(List.of(new JwtTimestampValidator()));
        if (StringUtils.hasText(issuer)) {
            validators.add(new JwtIssuerValidator(issuer));
        }
        if (StringUtils.hasText(audience)) {
            validators.add(new JwtClaimValidator<List<String>>(JwtClaimNames.AUD,
                    aud -> aud != null && aud.contains(audience)));
        }
        decoder.setJwtValidator(new DelegatingOAuth2TokenValidator<>(validators));
        // A token verified once is taken until it expires: a portal follows an application with one.
        VerifiedTokens<Jwt> verified = new VerifiedTokens<>(20_000);
        return token -> {
            Jwt known = verified.get(token, Instant.now());
            return known != null ? Mono.just(known)
                    : decoder.decode(token).doOnNext(jwt -> verified.put(token, jwt, jwt.getExpiresAt()));
        };
    }

    /** 401 with the {@code WWW-Authenticate: Bearer} challenge, naming a refused token's fault. */
    private static ServerAuthenticationEntryPoint unauthenticated() {
        return (exchange, e) -> {
            String challenge = e instanceof OAuth2AuthenticationException oauth
                    ? "Bearer error=\"" + oauth.getError().getErrorCode() + "\"" : "Bearer";
            exchange.getResponse().getHeaders().set("WWW-Authenticate", challenge);
            return Problems.write(exchange, HttpStatus.UNAUTHORIZED, "Unauthenticated",
                    "This request needs a valid access token (Authorization: Bearer …).");
        };
    }

    private static ServerAccessDeniedHandler forbidden() {
        return (exchange, e) -> Problems.write(exchange, HttpStatus.FORBIDDEN, "Forbidden",
                "Your role does not allow this request.");
    }
}

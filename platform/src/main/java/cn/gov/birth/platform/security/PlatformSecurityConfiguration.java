package cn.gov.birth.platform.security;

import cn.gov.birth.platform.web.Problems;
import cn.gov.birth.platform.web.RequestSizeLimit;
import cn.gov.birth.security.BlindIndex;
import cn.gov.birth.security.Claims;
import cn.gov.birth.security.LocalSecrets;
import cn.gov.birth.security.PartnerSecrets;
import cn.gov.birth.security.Role;
import cn.gov.birth.security.VerifiedTokens;
import jakarta.servlet.DispatcherType;
import java.security.interfaces.RSAPublicKey;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Lazy;
import org.springframework.core.MethodParameter;
import org.springframework.core.Ordered;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configuration.EnableWebSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.config.observation.SecurityObservationSettings;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtClaimNames;
import org.springframework.security.oauth2.jwt.JwtClaimValidator;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtIssuerValidator;
import org.springframework.security.oauth2.jwt.JwtTimestampValidator;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.security.oauth2.server.resource.web.BearerTokenAuthenticationEntryPoint;
import org.springframework.security.oauth2.server.resource.web.authentication.BearerTokenAuthenticationFilter;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.AccessDeniedHandler;
import org.springframework.util.StringUtils;
import org.springframework.util.unit.DataSize;
import org.springframework.web.bind.support.WebDataBinderFactory;
import org.springframework.web.context.request.NativeWebRequest;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.method.support.ModelAndViewContainer;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * Every service is an OAuth2 resource server that denies by default: a request passes only where
 * an {@link AccessRules} bean grants it, whoever reached the service (through the gateway or not).
 * Tokens are checked against the identity platform's keys ({@link SecuritySettings}); partners are
 * recognised by their signatures ({@link PartnerAuthenticationFilter}).
 */
@Configuration(proxyBeanMethods = false)
@EnableWebSecurity
@EnableConfigurationProperties(SecuritySettings.class)
public class PlatformSecurityConfiguration implements WebMvcConfigurer {

    @Bean
    SecurityFilterChain platformSecurity(HttpSecurity http, ObjectProvider<AccessRules> rules,
                                         ObjectProvider<PartnerRoute> partnerRoutes, JwtDecoder tokens,
                                         ObjectProvider<PartnerSecrets> partnerSecrets, JdbcClient jdbc, Clock clock)
            throws Exception {
        http.csrf(csrf -> csrf.disable())
                .sessionManagement(sessions -> sessions.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .requestCache(cache -> cache.disable())
                .httpBasic(basic -> basic.disable())
                .formLogin(form -> form.disable())
                .logout(logout -> logout.disable())
                .addFilterBefore(new PartnerAuthenticationFilter(partnerRoutes.orderedStream().toList(),
                                partnerSecrets::getObject, jdbc, clock),
                        BearerTokenAuthenticationFilter.class)
                .oauth2ResourceServer(server -> server
                        .jwt(jwt -> jwt.decoder(tokens))
                        .authenticationEntryPoint(unauthenticated())
                        .accessDeniedHandler(forbidden()))
                .exceptionHandling(exceptions -> exceptions
                        .authenticationEntryPoint(unauthenticated())
                        .accessDeniedHandler(forbidden()))
                .authorizeHttpRequests(routes -> {
                    routes.dispatcherTypeMatchers(DispatcherType.ERROR).permitAll();
                    routes.requestMatchers(HttpMethod.GET, "/actuator/health", "/actuator/health/liveness",
                            "/actuator/health/readiness").permitAll();
                    routes.requestMatchers("/actuator/**").access(Access.anyRole(Role.OPS));
                    rules.orderedStream().forEach(rule -> rule.grant(routes));
                    routes.anyRequest().denyAll();
                });
        return http.build();
    }

    /** 401 with the {@code WWW-Authenticate: Bearer} challenge (naming the token's fault, if any), as a problem. */
    private static AuthenticationEntryPoint unauthenticated() {
        BearerTokenAuthenticationEntryPoint bearer = new BearerTokenAuthenticationEntryPoint();
        return (request, response, e) -> {
            bearer.commence(request, response, e);
            Problems.write(response, Problems.problem(HttpStatus.UNAUTHORIZED, "Unauthenticated",
                    "This request needs a valid access token (Authorization: Bearer …)."));
        };
    }

    private static AccessDeniedHandler forbidden() {
        return (request, response, e) -> Problems.write(response, Problems.problem(HttpStatus.FORBIDDEN, "Forbidden",
                "Your role does not allow this request."));
    }

    /**
     * No observation around each security filter, authentication and authorization: wrapping the chain's
     * fifteen-odd filters cost every request a few percent of a service's CPU, for timers no one reads;
     * requests stay observed as a whole ({@code http.server.requests}).
     */
    @Bean
    static SecurityObservationSettings securityObservations() {
        return SecurityObservationSettings.noObservations();
    }

    @Bean
    JwtDecoder jwtDecoder(SecuritySettings settings) {
        NimbusJwtDecoder decoder;
        String issuer = settings.issuerUri();
        if (StringUtils.hasText(settings.jwksUri())) {
            decoder = NimbusJwtDecoder.withJwkSetUri(settings.jwksUri()).build();
        } else if (StringUtils.hasText(issuer)) {
            decoder = NimbusJwtDecoder.withIssuerLocation(issuer).build();
        } else if (settings.localDir() != null) {
            decoder = NimbusJwtDecoder.withPublicKey((RSAPublicKey) LocalSecrets.rsaKeyPair(settings.localDir(),
                    LocalSecrets.TOKEN_KEY).getPublic()).build();
            issuer = Claims.DEV_ISSUER;
        } else {
            throw new IllegalStateException("No identity platform configured: set AUTH_JWKS_URI (the JWK Set of the "
                    + "province's unified identity platform or Keycloak) and AUTH_ISSUER_URI, or run with the dev "
                    + "profile (SPRING_PROFILES_ACTIVE=dev), whose local tokens come from POST /api/v1/dev/tokens on "
                    + "the gateway.");
        }
        List<OAuth2TokenValidator<Jwt>> validators = new ArrayList<>(List.of(new JwtTimestampValidator()));
        if (StringUtils.hasText(issuer)) {
            validators.add(new JwtIssuerValidator(issuer));
        }
        if (StringUtils.hasText(settings.audience())) {
            validators.add(new JwtClaimValidator<List<String>>(JwtClaimNames.AUD,
                    audience -> audience != null && audience.contains(settings.audience())));
        }
        decoder.setJwtValidator(new DelegatingOAuth2TokenValidator<>(validators));
        // A token verified once is taken until it expires: people follow their applications with one.
        VerifiedTokens<Jwt> verified = new VerifiedTokens<>(20_000);
        return token -> {
            Jwt known = verified.get(token, Instant.now());
            if (known != null) {
                return known;
            }
            Jwt jwt = decoder.decode(token);
            verified.put(token, jwt, jwt.getExpiresAt());
            return jwt;
        };
    }

    /** The key of the ID number indexes: configured, or made locally under {@code dev}; made when first needed. */
    @Bean
    @Lazy
    BlindIndex blindIndex(SecuritySettings settings) {
        if (StringUtils.hasText(settings.blindIndexKey())) {
            return new BlindIndex(Base64.getDecoder().decode(settings.blindIndexKey().trim()));
        }
        if (settings.localDir() != null) {
            return new BlindIndex(LocalSecrets.secret(settings.localDir(), LocalSecrets.BLIND_INDEX_KEY));
        }
        throw new IllegalStateException("BLIND_INDEX_KEY is not set (base64, at least 32 bytes): this service "
                + "recognises parents by a keyed index of their ID numbers and cannot start without its key.");
    }

    @Bean
    @Lazy
    PartnerSecrets partnerSecrets(SecuritySettings settings) {
        return PartnerSecrets.of(settings.partners(), settings.localDir() == null ? null
                : LocalSecrets.secret(settings.localDir(), LocalSecrets.PARTNER_MASTER));
    }

    /** Before security: a body over the limit is refused before anything reads it. */
    @Bean
    FilterRegistrationBean<RequestSizeLimit> requestSizeLimit(@Value("${birth.web.max-body:256KB}") DataSize maxBody,
                                                              @Value("${birth.web.max-import-body:512MB}")
                                                              DataSize maxImport) {
        FilterRegistrationBean<RequestSizeLimit> registration = new FilterRegistrationBean<>(
                new RequestSizeLimit(maxBody.toBytes(), maxImport.toBytes()));
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 20);
        return registration;
    }

    /** Lets a controller take the {@link Caller} or the verified {@link Partner} as a parameter. */
    @Override
    public void addArgumentResolvers(List<HandlerMethodArgumentResolver> resolvers) {
        resolvers.add(new HandlerMethodArgumentResolver() {
            @Override
            public boolean supportsParameter(MethodParameter parameter) {
                return parameter.getParameterType() == Caller.class || parameter.getParameterType() == Partner.class;
            }

            @Override
            public Object resolveArgument(MethodParameter parameter, ModelAndViewContainer container,
                                          NativeWebRequest request, WebDataBinderFactory binders) {
                var authentication = SecurityContextHolder.getContext().getAuthentication();
                Object resolved = parameter.getParameterType() == Caller.class ? Access.callerOf(authentication)
                        : Access.partnerOf(authentication);
                if (resolved == null) {
                    // The access rules admit only callers who have one: a route without a rule got here.
                    throw new IllegalStateException("No " + parameter.getParameterType().getSimpleName()
                            + " for " + parameter.getMethod() + ": its access rule must require one");
                }
                return resolved;
            }
        });
    }
}

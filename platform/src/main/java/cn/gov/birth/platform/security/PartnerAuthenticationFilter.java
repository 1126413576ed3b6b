package cn.gov.birth.platform.security;

import cn.gov.birth.platform.web.Problems;
import cn.gov.birth.security.PartnerSecrets;
import cn.gov.birth.security.PartnerSignature;
import cn.gov.birth.security.PartnerSignature.Verdict;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.core.authority.AuthorityUtils;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.authentication.preauth.PreAuthenticatedAuthenticationToken;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Authenticates a partner's request to a {@link PartnerRoute} (a bank's or the tax channel's
 * callback) by its signature ({@link PartnerSignature}): one that is unsigned, malformed, stale,
 * wrongly signed, from an unknown partner or replayed (its nonce seen within the window) is a 401
 * before anything reads its body. Other routes take no partner signatures: their requests pass on.
 */
final class PartnerAuthenticationFilter extends OncePerRequestFilter {

    private static final Logger log = LoggerFactory.getLogger(PartnerAuthenticationFilter.class);
    /** Nonces are kept past the skew allowed either way, then purged (every so many requests). */
    private static final int PURGE_EVERY = 200;

    private final List<RequestMatcher> routes;
    /** Made when the first signed request arrives: only partner-facing services need them. */
    private final Supplier<PartnerSecrets> secrets;
    private final JdbcClient jdbc;
    private final Clock clock;
    private final AtomicInteger seen = new AtomicInteger();

    PartnerAuthenticationFilter(List<PartnerRoute> routes, Supplier<PartnerSecrets> secrets, JdbcClient jdbc,
                                Clock clock) {
        this.routes = routes.stream().<RequestMatcher>map(route -> PathPatternRequestMatcher.withDefaults()
                .matcher(route.method(), route.path())).toList();
        this.secrets = secrets;
        this.jdbc = jdbc;
        this.clock = clock;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return routes.stream().noneMatch(route -> route.matches(request));
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String partner = request.getHeader(PartnerSignature.PARTNER);
        boolean wellFormed = partner != null && partner.matches(PartnerSignature.PARTNER_PATTERN);
        String nonce = request.getHeader(PartnerSignature.NONCE);
        byte[] body = request.getInputStream().readAllBytes();
        Instant now = clock.instant();
        Verdict verdict = PartnerSignature.verify(partner, request.getHeader(PartnerSignature.TIMESTAMP), nonce,
                request.getHeader(PartnerSignature.SIGNATURE), body,
                wellFormed ? secrets.get().of(partner).orElse(null) : null, now);
        String refusal = verdict != Verdict.VALID ? verdict.name() : firstUse(partner, nonce, now) ? null : "REPLAYED";
        if (refusal != null) {
            log.warn("Refused a partner request to {} ({}): {}", request.getRequestURI(), wellFormed ? partner : "?",
                    refusal);
            response.setHeader("WWW-Authenticate", "Birth-HMAC-SHA256 error=\"" + refusal + "\"");
            Problems.write(response, Problems.problem(HttpStatus.UNAUTHORIZED, "Partner signature refused",
                    "The partner signature is " + refusal.toLowerCase().replace('_', ' ') + " (headers "
                            + PartnerSignature.PARTNER + ", " + PartnerSignature.TIMESTAMP + ", "
                            + PartnerSignature.NONCE + ", " + PartnerSignature.SIGNATURE + ")."));
            return;
        }
        SecurityContextHolder.getContext().setAuthentication(new PreAuthenticatedAuthenticationToken(
                new Partner(partner), "", AuthorityUtils.createAuthorityList("ROLE_PARTNER")));
        chain.doFilter(new CachedBody(request, body), response);
    }

    /** Records the nonce; false when the partner used it before (a replay). */
    private boolean firstUse(String partner, String nonce, Instant now) {
        if (seen.incrementAndGet() % PURGE_EVERY == 0) {
            jdbc.sql("delete from partner_nonce where seen_at < ?")
                    .param(Timestamp.from(now.minus(PartnerSignature.MAX_SKEW.multipliedBy(2)))).update();
        }
        return jdbc.sql("insert into partner_nonce (partner, nonce, seen_at) values (?, ?, ?) on conflict do nothing")
                .params(partner, nonce, Timestamp.from(now))
                .update() == 1;
    }

    /** The request with its body already read (to check the signature), readable again. */
    private static final class CachedBody extends HttpServletRequestWrapper {

        private final byte[] body;

        CachedBody(HttpServletRequest request, byte[] body) {
            super(request);
            this.body = body;
        }

        @Override
        public ServletInputStream getInputStream() {
            ByteArrayInputStream in = new ByteArrayInputStream(body);
            return new ServletInputStream() {
                @Override
                public boolean isFinished() {
                    return in.available() == 0;
                }

                @Override
                public boolean isReady() {
                    return true;
                }

                @Override
                public void setReadListener(ReadListener listener) {
                    throw new UnsupportedOperationException("the body is already read");
                }

                @Override
                public int read() {
                    return in.read();
                }

                @Override
                public int read(byte[] b, int off, int len) {
                    return in.read(b, off, len);
                }
            };
        }

        @Override
        public BufferedReader getReader() {
            return new BufferedReader(new InputStreamReader(getInputStream(), StandardCharsets.UTF_8));
        }

        @Override
        public int getContentLength() {
            return body.length;
        }

        @Override
        public long getContentLengthLong() {
            return body.length;
        }
    }
}

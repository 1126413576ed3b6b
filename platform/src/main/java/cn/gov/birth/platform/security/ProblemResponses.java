package cn.gov.birth.platform.security;

import cn.gov.birth.platform.web.Problems;
import org.springframework.http.HttpStatus;
import org.springframework.security.oauth2.server.resource.web.BearerTokenAuthenticationEntryPoint;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.access.AccessDeniedHandler;

/** 401 and 403 as RFC 9457 problems, like every other refusal of the platform. */
final class ProblemResponses {

    private static final BearerTokenAuthenticationEntryPoint BEARER = new BearerTokenAuthenticationEntryPoint();

    /** 401 with the {@code WWW-Authenticate: Bearer} challenge (naming the token's fault, if any). */
    static AuthenticationEntryPoint unauthenticated() {
        return (request, response, e) -> {
            BEARER.commence(request, response, e);
            Problems.write(response, Problems.problem(HttpStatus.UNAUTHORIZED, "Unauthenticated",
                    "This request needs a valid access token (Authorization: Bearer …)."));
        };
    }

    static AccessDeniedHandler forbidden() {
        return (request, response, e) -> Problems.write(response, Problems.problem(HttpStatus.FORBIDDEN, "Forbidden",
                "Your role does not allow this request."));
    }

    private ProblemResponses() {
    }
}

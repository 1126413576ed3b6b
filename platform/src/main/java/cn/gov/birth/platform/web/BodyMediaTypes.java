package cn.gov.birth.platform.web;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Set;
import org.springframework.http.HttpStatus;
import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.MediaType;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Refuses with a 415 problem, before anything reads it, a body whose {@code Content-Type} no
 * service takes: a form or multipart (which the container would parse into parameters, quoting the
 * body in its errors), a wildcard, or a header that is no media type.
 */
public final class BodyMediaTypes extends OncePerRequestFilter {

    private static final Set<String> WITH_BODY = Set.of("POST", "PUT", "PATCH");

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String type = request.getContentType();
        if (type != null && WITH_BODY.contains(request.getMethod()) && !taken(type)) {
            Problems.write(response, Problems.problem(HttpStatus.UNSUPPORTED_MEDIA_TYPE, "Unsupported media type",
                    "Send JSON (application/json); a reference-data import, CSV (text/csv)."));
            return;
        }
        chain.doFilter(request, response);
    }

    static boolean taken(String contentType) {
        try {
            MediaType type = MediaType.parseMediaType(contentType);
            return type.isConcrete() && !MediaType.APPLICATION_FORM_URLENCODED.equalsTypeAndSubtype(type)
                    && !type.getType().equals("multipart");
        } catch (InvalidMediaTypeException e) {
            return false;
        }
    }
}

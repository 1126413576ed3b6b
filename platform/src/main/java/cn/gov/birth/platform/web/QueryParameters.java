package cn.gov.birth.platform.web;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Refuses with a 400 problem a query whose parameter names or values hold what {@link ControlCharacters}
 * refuses in bodies (a {@code %00} would otherwise reach PostgreSQL, which cannot store it), or
 * whose escapes are not UTF-8, naming each parameter; before anything reads the parameters.
 */
public final class QueryParameters extends OncePerRequestFilter {

    /** Parameters named in one refusal at most. */
    private static final int MAX_ERRORS = 20;

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        List<InvalidInputException.FieldError> errors = refused(request.getQueryString());
        if (!errors.isEmpty()) {
            Problems.write(response, Problems.validation(errors));
            return;
        }
        chain.doFilter(request, response);
    }

    static List<InvalidInputException.FieldError> refused(String query) {
        List<InvalidInputException.FieldError> errors = new ArrayList<>();
        if (query == null || query.isEmpty()) {
            return errors;
        }
        for (String pair : query.split("&")) {
            int equals = pair.indexOf('=');
            String name = decoded(equals < 0 ? pair : pair.substring(0, equals));
            String value = equals < 0 ? "" : decoded(pair.substring(equals + 1));
            if (name == null || value == null || !ControlCharacters.storable(name) || !ControlCharacters.storable(value)) {
                // A name that is itself refused is not repeated back: the query is named instead.
                String field = name != null && ControlCharacters.storable(name) && name.length() <= 100 ? name : "?";
                errors.add(new InvalidInputException.FieldError(field, "CONTROL_CHARACTER",
                        "查询参数 " + field + " 不能含控制字符或非UTF-8编码"));
                if (errors.size() == MAX_ERRORS) {
                    break;
                }
            }
        }
        return errors;
    }

    /** The text of a query part, or null when an escape is malformed or the bytes are not UTF-8. */
    private static String decoded(String part) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(part.length());
        for (int i = 0; i < part.length(); i++) {
            char c = part.charAt(i);
            if (c == '%') {
                int high = i + 2 < part.length() ? Character.digit(part.charAt(i + 1), 16) : -1;
                int low = high < 0 ? -1 : Character.digit(part.charAt(i + 2), 16);
                if (low < 0) {
                    return null;
                }
                bytes.write(high * 16 + low);
                i += 2;
            } else {
                bytes.writeBytes(String.valueOf(c == '+' ? ' ' : c).getBytes(StandardCharsets.UTF_8));
            }
        }
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes.toByteArray()))
                    .toString();
        } catch (CharacterCodingException e) {
            return null;
        }
    }
}

package cn.gov.birth.platform.web;

import com.fasterxml.jackson.annotation.JsonView;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.Charset;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.springframework.core.MethodParameter;
import org.springframework.core.ResolvableType;
import org.springframework.http.HttpInputMessage;
import org.springframework.http.converter.HttpMessageConversionException;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.http.converter.json.JacksonJsonHttpMessageConverter;
import org.springframework.util.StreamUtils;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.databind.JavaType;
import tools.jackson.databind.ObjectReader;
import tools.jackson.databind.exc.InvalidDefinitionException;
import tools.jackson.databind.json.JsonMapper;

/**
 * Spring's JSON converter, reading request bodies through {@link ControlCharacters#checked}: a
 * string or field name PostgreSQL cannot store is a 400 naming the field ({@link Problems}), never
 * a 500 from the database. Everything else is read as Spring reads it.
 */
public class CheckedJsonConverter extends JacksonJsonHttpMessageConverter {

    /** Read as bytes (Jackson finds which of these they are); any other charset through a reader. */
    private static final Set<String> UNICODE = Set.of("UTF-8", "UTF-16", "UTF-16BE", "UTF-16LE", "UTF-32",
            "UTF-32BE", "UTF-32LE", "US-ASCII");

    public CheckedJsonConverter(JsonMapper mapper) {
        super(mapper);
    }

    @Override
    public Object read(ResolvableType type, HttpInputMessage message, @Nullable Map<String, Object> hints)
            throws IOException {
        Class<?> context = type.getSource() instanceof MethodParameter parameter ? parameter.getContainingClass() : null;
        return read(getJavaType(type.getType(), context), message, hints);
    }

    @Override
    protected Object readInternal(Class<?> type, HttpInputMessage message) throws IOException {
        return read(getJavaType(type, null), message, null);
    }

    private Object read(JavaType type, HttpInputMessage message, @Nullable Map<String, Object> hints)
            throws IOException {
        Charset charset = getCharset(message.getHeaders().getContentType());
        ObjectReader reader = getMapper().readerFor(type);
        if (hints != null && hints.get(JsonView.class.getName()) instanceof Class<?> view) {
            reader = reader.withView(view);
        }
        reader = customizeReader(reader, type);
        InputStream body = StreamUtils.nonClosing(message.getBody());
        try (JsonParser parser = ControlCharacters.checked(UNICODE.contains(charset.name())
                ? reader.createParser(body) : reader.createParser(new InputStreamReader(body, charset)))) {
            return reader.readValue(parser);
        } catch (InvalidDefinitionException e) {
            throw new HttpMessageConversionException("Type definition error: " + e.getType(), e);
        } catch (JacksonException e) {
            throw new HttpMessageNotReadableException("JSON parse error: " + e.getOriginalMessage(), e, message);
        }
    }
}

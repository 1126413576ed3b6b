package cn.gov.birth.platform.web;

import cn.gov.birth.platform.web.InvalidInputException.FieldError;
import java.nio.CharBuffer;
import java.util.ArrayDeque;
import java.util.Deque;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.SerializableString;
import tools.jackson.core.TokenStreamContext;
import tools.jackson.core.exc.StreamReadException;
import tools.jackson.core.sym.PropertyNameMatcher;
import tools.jackson.core.util.JsonParserDelegate;

/**
 * Text PostgreSQL cannot store, or that no form has a use for: control characters other than tab,
 * line feed and carriage return (U+0000 included, which {@code text} and {@code jsonb} refuse), DEL,
 * and surrogates not in a pair. JSON may carry them as escapes ({@code \u0000}), so request bodies
 * are read through {@link #checked}, which refuses them as they are read, naming the field.
 */
public final class ControlCharacters {

    /** Longest field path put in a refusal: a path is made of the sender's names. */
    private static final int MAX_PATH = 200;

    private ControlCharacters() {
    }

    /** Whether {@code text} has none of the characters refused here. */
    static boolean storable(CharSequence text) {
        for (int i = 0, end = text.length(); i < end; i++) {
            char c = text.charAt(i);
            if (c < 0x20 ? c != '\t' && c != '\n' && c != '\r' : c == 0x7f) {
                return false;
            }
            if (Character.isSurrogate(c)) {
                if (!Character.isHighSurrogate(c) || i + 1 == end || !Character.isLowSurrogate(text.charAt(i + 1))) {
                    return false;
                }
                i++;
            }
        }
        return true;
    }

    /** The parser, checking every string and field name it reads, skipped ones too. */
    public static JsonParser checked(JsonParser parser) {
        return new Checked(parser);
    }

    /** A string or a field name with a refused character: the field's path, as the validators name fields. */
    public static final class Refused extends StreamReadException {

        private final transient FieldError error;

        Refused(JsonParser parser, FieldError error) {
            super(parser, error.field() + ": " + error.code());
            this.error = error;
        }

        public FieldError error() {
            return error;
        }

        @Override
        public StreamReadException withParser(JsonParser parser) {
            return new Refused(parser, error);
        }
    }

    private static final class Checked extends JsonParserDelegate {

        Checked(JsonParser parser) {
            super(parser);
        }

        @Override
        public JsonToken nextToken() {
            return check(delegate.nextToken());
        }

        /** The delegate's would step over a field name unchecked. */
        @Override
        public JsonToken nextValue() {
            JsonToken token = nextToken();
            return token == JsonToken.PROPERTY_NAME ? nextToken() : token;
        }

        @Override
        public String nextName() {
            String name = delegate.nextName();
            check(delegate.currentToken());
            return name;
        }

        @Override
        public boolean nextName(SerializableString expected) {
            boolean matched = delegate.nextName(expected);
            check(delegate.currentToken());
            return matched;
        }

        @Override
        public int nextNameMatch(PropertyNameMatcher matcher) {
            int match = delegate.nextNameMatch(matcher);
            check(delegate.currentToken());
            return match;
        }

        /** What an unknown field holds is read here too, so that nothing refused passes unseen. */
        @Override
        public JsonParser skipChildren() {
            JsonToken token = currentToken();
            if (token != JsonToken.START_OBJECT && token != JsonToken.START_ARRAY) {
                return this;
            }
            for (int open = 1; open > 0; ) {
                JsonToken next = nextToken();
                if (next == null) {
                    return this;
                }
                if (next.isStructStart()) {
                    open++;
                } else if (next.isStructEnd()) {
                    open--;
                }
            }
            return this;
        }

        private JsonToken check(JsonToken token) {
            if (token == JsonToken.VALUE_STRING
                    && !storable(CharBuffer.wrap(delegate.getStringCharacters(), delegate.getStringOffset(),
                    delegate.getStringLength()))) {
                String field = path(delegate.streamReadContext());
                throw new Refused(this, new FieldError(field, "CONTROL_CHARACTER", field + " 不能含控制字符"));
            }
            if (token == JsonToken.PROPERTY_NAME && !storable(delegate.currentName())) {
                // The name itself is what is wrong: the object holding it is named.
                String field = path(delegate.streamReadContext().getParent());
                throw new Refused(this, new FieldError(field, "CONTROL_CHARACTER", field + " 的字段名不能含控制字符"));
            }
            return token;
        }
    }

    /** {@code mother.name}, {@code materials[1].type}; {@code $} for the body itself. */
    static String path(TokenStreamContext context) {
        Deque<String> steps = new ArrayDeque<>();
        for (TokenStreamContext step = context; step != null && !step.inRoot(); step = step.getParent()) {
            if (step.inArray()) {
                steps.addFirst("[" + Math.max(0, step.getCurrentIndex()) + "]");
            } else if (step.currentName() != null) {
                steps.addFirst("." + step.currentName());
            }
        }
        String path = String.join("", steps);
        path = path.startsWith(".") ? path.substring(1) : path;
        if (path.isEmpty()) {
            return "$";
        }
        if (path.length() <= MAX_PATH) {
            return path;
        }
        int cut = Character.isHighSurrogate(path.charAt(MAX_PATH - 1)) ? MAX_PATH - 1 : MAX_PATH;
        return path.substring(0, cut) + "…";
    }
}

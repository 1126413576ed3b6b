package cn.gov.birth.e2e;

import cn.gov.birth.platform.test.JsonHttp;
import java.io.ByteArrayOutputStream;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Consumer;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Makes a valid request wrong in the ways clients, proxies and attackers make them wrong: control
 * characters and lone surrogates (raw and escaped), wrong types, huge numbers, deep nesting, long
 * strings, duplicate keys, cut bodies, bytes that are not UTF-8, random bytes, the wrong media type.
 * Each mutant says what was done to it, so that a failure can be read and replayed from its seed.
 */
final class Mutator {

    /** A body to send, with its media type (null: none) and what was done to it. */
    record Mutant(byte[] body, String contentType, List<String> done) {
    }

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    /** Below the gateway's 256KB limit for a body, so that it reaches the service. */
    private static final int LONGEST_STRING = 120_000;
    /** At most this many characters added by repeating one line of a CSV file. */
    private static final long MAX_REPEATED_CHARS = 4_000_000;

    private static final List<String> ODD_TEXTS = List.of("", " ", "null", "\\N", "' OR 1=1 --", "%00", "${jndi:x}",
            "<script>alert(1)</script>", "😀", "\u202e反向", "\u200b", "\ufeff", "\uffff", "\ufffe", "５２０１０２",
            "9".repeat(400), "-0", "NaN", "+999999999-12-31T23:59:59+08:00", "-999999999-01-01", "0000-00-00",
            "2026-02-30T25:61:00+08:00", "9999-12-31T23:59:59+14:00", "0001-01-01T00:00:00-18:00", "\\", "\"", "'",
            "\t", "\r\n", "a\tb\nc", "=cmd|' /C calc'!A0", "../../etc/passwd", "\u0085", "\u00a0", "１", "Ⅻ");
    private static final List<String> ODD_NUMBERS = List.of("1e999999999", "-1e999999999", "1E-400", "0x10", "NaN",
            "Infinity", "-Infinity", "01", "1.", ".5", "-", "+1", "9".repeat(2000), "1" + "0".repeat(400) + ".5e-7",
            "123456789012345678901234567890", "-0.0", "1e309", "4.9e-325");
    private static final List<String> ESCAPES = List.of("\\u0000", "\\u0001", "\\u001f", "\\u007f", "\\u001b",
            "\\ud800", "\\udfff", "\\udbff\\u0041", "\\ud83d", "\\ude00", "\\u0000\\u0000", "\\b", "\\f");
    private static final List<byte[]> NOT_UTF8 = List.of(new byte[] {(byte) 0xff}, new byte[] {(byte) 0xc3, '('},
            new byte[] {(byte) 0xed, (byte) 0xa0, (byte) 0x80}, new byte[] {(byte) 0xc0, (byte) 0xaf},
            new byte[] {(byte) 0xf8, (byte) 0x88, (byte) 0x80, (byte) 0x80, (byte) 0x80},
            new byte[] {(byte) 0xe2, (byte) 0x82}, new byte[] {(byte) 0x80}, new byte[] {(byte) 0xfe, (byte) 0xff},
            new byte[] {(byte) 0xf4, (byte) 0x90, (byte) 0x80, (byte) 0x80});
    private static final List<String> JSON_TYPES = List.of("text/plain", "application/xml",
            "application/x-www-form-urlencoded", "multipart/form-data", "application/json;charset=UTF-16",
            "application/json;charset=ISO-8859-1", "application/json;charset=bogus", "application/vnd.birth+json",
            "*/*", "application/json; charset=utf-8; q=0.5", "text/csv", "application/octet-stream");
    private static final List<String> CSV_TYPES = List.of("application/json", "application/octet-stream",
            "text/csv;charset=ISO-8859-1", "text/plain;charset=UTF-16", "multipart/form-data", "text/html",
            "text/csv;charset=bogus");
    private static final List<String> OTHER_JSON = List.of("null", "[]", "\"form\"", "123", "true", "{}", "[{}]",
            "{\"region\":", "{{}}", "[".repeat(3000), "{\"a\":".repeat(3000) + "1");

    private final Random random;
    private final List<String> done = new ArrayList<>();

    Mutator(Random random) {
        this.random = random;
    }

    /** One to three changes to the form (its tree, its text, its bytes), sometimes its media type; or another body. */
    Mutant json(ObjectNode valid) {
        if (random.nextInt(20) == 0) {
            return new Mutant(wholeBody(), type(JSON_TYPES, "application/json"), done);
        }
        ObjectNode form = valid.deepCopy();
        int changes = 1 + random.nextInt(3);
        int tree = random.nextInt(changes + 1);
        for (int i = 0; i < tree; i++) {
            tree(form);
        }
        String text = JsonHttp.JSON.writeValueAsString(form);
        for (int i = tree; i < changes; i++) {
            text = text(text);
        }
        byte[] body = text.getBytes(StandardCharsets.UTF_8);
        if (random.nextInt(5) == 0) {
            body = bytes(body);
        }
        return new Mutant(body, type(JSON_TYPES, "application/json"), done);
    }

    /** One to three changes to a valid CSV file, sometimes its media type; or another file altogether. */
    Mutant csv(String valid) {
        if (random.nextInt(25) == 0) {
            return new Mutant(wholeFile(valid), type(CSV_TYPES, "text/csv"), done);
        }
        String text = valid;
        byte[] body = null;
        for (int i = 1 + random.nextInt(3); i > 0; i--) {
            if (body == null && random.nextInt(4) > 0) {
                text = csvText(text);
            } else {
                body = bytes(body == null ? text.getBytes(StandardCharsets.UTF_8) : body);
            }
        }
        return new Mutant(body == null ? text.getBytes(StandardCharsets.UTF_8) : body, type(CSV_TYPES, "text/csv"),
                done);
    }

    private String type(List<String> others, String right) {
        if (random.nextInt(10) > 0) {
            return right;
        }
        if (random.nextInt(8) == 0) {
            done.add("no content type");
            return null;
        }
        String type = pick(others);
        done.add("content type " + type);
        return type;
    }

    // ---- the form as a tree

    /** Where a value sits: a field of an object or an element of an array. */
    private record Slot(JsonNode container, String field, int index) {

        JsonNode get() {
            return field != null ? container.get(field) : container.get(index);
        }

        void set(JsonNode value) {
            if (field != null) {
                ((ObjectNode) container).set(field, value);
            } else {
                ((ArrayNode) container).set(index, value);
            }
        }

        void remove() {
            if (field != null) {
                ((ObjectNode) container).remove(field);
            } else {
                ((ArrayNode) container).remove(index);
            }
        }

        String name() {
            return field != null ? field : "[" + index + "]";
        }
    }

    private static void slots(JsonNode node, List<Slot> into) {
        if (node.isObject()) {
            for (Map.Entry<String, JsonNode> property : node.properties()) {
                into.add(new Slot(node, property.getKey(), -1));
                slots(property.getValue(), into);
            }
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                into.add(new Slot(node, null, i));
                slots(node.get(i), into);
            }
        }
    }

    private void tree(ObjectNode form) {
        List<Slot> slots = new ArrayList<>();
        slots(form, slots);
        List<Slot> strings = slots.stream().filter(slot -> slot.get().isString()).toList();
        Slot slot = pick(slots);
        Slot string = strings.isEmpty() ? slot : pick(strings);
        switch (random.nextInt(9)) {
            case 0 -> {
                String value = string.get().isString() ? string.get().asString() : "";
                int at = random.nextInt(value.length() + 1);
                char control = random.nextInt(8) == 0 ? '\u007f' : (char) random.nextInt(0x20);
                string.set(NODES.stringNode(value.substring(0, at) + control + value.substring(at)));
                done.add("U+%04X in %s at %d".formatted((int) control, string.name(), at));
            }
            case 1 -> {
                JsonNode value = switch (random.nextInt(9)) {
                    case 0 -> NODES.numberNode(random.nextInt());
                    case 1 -> NODES.numberNode(BigInteger.TEN.pow(50 + random.nextInt(400)));
                    case 2 -> NODES.numberNode(random.nextBoolean() ? Double.MAX_VALUE : -Double.MIN_VALUE);
                    case 3 -> NODES.booleanNode(random.nextBoolean());
                    case 4 -> NODES.nullNode();
                    case 5 -> NODES.arrayNode().add("a").add(1);
                    case 6 -> NODES.objectNode().put("x", "y");
                    case 7 -> NODES.arrayNode();
                    default -> NODES.objectNode();
                };
                slot.set(value);
                done.add(slot.name() + " := " + value);
            }
            case 2 -> {
                slot.remove();
                done.add("removed " + slot.name());
            }
            case 3 -> {
                ObjectNode holder = slots.stream().map(Slot::get).filter(JsonNode::isObject).map(ObjectNode.class::cast)
                        .skip(random.nextInt(4)).findFirst().orElse(form);
                String name = random.nextBoolean() ? pick(ODD_TEXTS) : "extra" + (char) random.nextInt(0x20);
                holder.put(name, pick(ODD_TEXTS));
                done.add("unknown field " + escape(name));
            }
            case 4 -> {
                int length = (int) Math.pow(10, 2 + random.nextInt(4));
                string.set(NODES.stringNode(longText(Math.min(length, LONGEST_STRING))));
                done.add(string.name() + " of " + Math.min(length, LONGEST_STRING) + " characters");
            }
            case 5 -> {
                // Three of these stay within the tests' own writer's limit (500); deeper ones are made as text.
                int depth = 10 + random.nextInt(140);
                JsonNode nested = NODES.stringNode("deep");
                for (int i = 0; i < depth; i++) {
                    if (random.nextBoolean()) {
                        nested = NODES.arrayNode().add(nested);
                    } else {
                        ObjectNode wrapper = NODES.objectNode();
                        wrapper.set("d", nested);
                        nested = wrapper;
                    }
                }
                slot.set(nested);
                done.add(slot.name() + " nested " + depth + " deep");
            }
            case 6 -> {
                String value = pick(ODD_TEXTS);
                string.set(NODES.stringNode(value));
                done.add(string.name() + " := " + escape(value));
            }
            case 7 -> {
                ArrayNode items = NODES.arrayNode();
                for (int i = random.nextInt(2000); i > 0; i--) {
                    items.add(random.nextBoolean() ? "BIRTH_CERT" : pick(ODD_TEXTS));
                }
                form.set("items", items);
                done.add("items of " + items.size());
            }
            default -> {
                form.set(pick(List.of("mother", "newborn", "household", "delivery")), NODES.stringNode(pick(ODD_TEXTS)));
                done.add("a section as text");
            }
        }
    }

    // ---- the form as text

    private String text(String text) {
        if (text.isEmpty()) {
            return text;
        }
        switch (random.nextInt(8)) {
            case 0, 1 -> {
                // After a quote that opens a value or a field name: the escape lands in the string.
                List<Integer> opening = new ArrayList<>();
                for (int i = 1; i < text.length(); i++) {
                    char before = text.charAt(i - 1);
                    if (text.charAt(i) == '"' && (before == ':' || before == '[' || before == ',' || before == '{')) {
                        opening.add(i + 1);
                    }
                }
                int at = opening.isEmpty() ? random.nextInt(text.length() + 1) : pick(opening);
                String escape = pick(ESCAPES);
                done.add("escape " + escape + " at " + at);
                return text.substring(0, at) + escape + text.substring(at);
            }
            case 2 -> {
                String duplicate = pick(List.of("\"region\":\"000000\",", "\"mother\":{},", "\"items\":[],",
                        "\"promise\":false,", "\"mother\":null,"));
                int at = text.indexOf('{') + 1;
                done.add("duplicate key " + duplicate);
                return random.nextBoolean() ? text.substring(0, at) + duplicate + text.substring(at)
                        : text.substring(0, text.length() - 1) + "," + duplicate.substring(0, duplicate.length() - 1)
                        + "}";
            }
            case 3 -> {
                int start = text.indexOf(":\"", random.nextInt(Math.max(1, text.length() - 10)));
                if (start < 0) {
                    start = text.indexOf(":\"");
                }
                int end = text.indexOf('"', start + 2);
                int depth = 400 + random.nextInt(3000);
                String value = random.nextBoolean() ? pick(ODD_NUMBERS) : "[".repeat(depth) + "]".repeat(depth);
                done.add("value at " + start + " := " + (value.startsWith("[") ? "arrays " + depth + " deep"
                        : value.length() > 40 ? value.length() + " digits" : value));
                return text.substring(0, start + 1) + value + text.substring(end + 1);
            }
            case 4 -> {
                int at = random.nextInt(text.length());
                done.add("cut at " + at);
                return text.substring(0, at);
            }
            case 5 -> {
                int at = random.nextInt(text.length());
                int length = 1 + random.nextInt(Math.min(20, text.length() - at));
                done.add("deleted " + length + " at " + at);
                return text.substring(0, at) + text.substring(at + length);
            }
            case 6 -> {
                int at = random.nextInt(text.length());
                char inserted = pick(List.of('"', '{', '}', '[', ']', ',', ':', '\\', ' ', '\u0000', '\n'));
                done.add("inserted " + escape(String.valueOf(inserted)) + " at " + at);
                return text.substring(0, at) + inserted + text.substring(at);
            }
            default -> {
                int at = random.nextInt(text.length());
                int length = Math.min(1 + random.nextInt(200), text.length() - at);
                done.add("repeated " + length + " at " + at);
                return text.substring(0, at + length) + text.substring(at);
            }
        }
    }

    // ---- either as bytes

    private byte[] bytes(byte[] body) {
        int at = random.nextInt(body.length + 1);
        byte[] inserted = switch (random.nextInt(4)) {
            case 0 -> pick(NOT_UTF8);
            case 1 -> new byte[] {(byte) random.nextInt(0x20)};
            case 2 -> {
                byte[] noise = new byte[1 + random.nextInt(16)];
                random.nextBytes(noise);
                yield noise;
            }
            default -> {
                done.add("cut at byte " + at + " (maybe within a character)");
                yield null;
            }
        };
        if (inserted == null) {
            byte[] cut = new byte[at];
            System.arraycopy(body, 0, cut, 0, at);
            return cut;
        }
        done.add("bytes " + hex(inserted) + " at " + at);
        ByteArrayOutputStream out = new ByteArrayOutputStream(body.length + inserted.length);
        out.write(body, 0, at);
        out.writeBytes(inserted);
        out.write(body, at, body.length - at);
        return out.toByteArray();
    }

    private byte[] wholeBody() {
        return switch (random.nextInt(4)) {
            case 0 -> {
                done.add("empty body");
                yield new byte[0];
            }
            case 1 -> {
                String other = pick(OTHER_JSON);
                done.add("body " + (other.length() > 40 ? other.substring(0, 40) + "…" : other));
                yield other.getBytes(StandardCharsets.UTF_8);
            }
            case 2 -> {
                byte[] bom = {(byte) 0xfe, (byte) 0xff};
                done.add("UTF-16 with a byte order mark");
                byte[] form = JsonHttp.JSON.writeValueAsString(JsonHttp.sampleApplication())
                        .getBytes(StandardCharsets.UTF_16BE);
                byte[] body = new byte[bom.length + form.length];
                System.arraycopy(bom, 0, body, 0, bom.length);
                System.arraycopy(form, 0, body, bom.length, form.length);
                yield body;
            }
            default -> noise();
        };
    }

    private byte[] noise() {
        byte[] noise = new byte[random.nextInt(4000)];
        random.nextBytes(noise);
        done.add(noise.length + " random bytes");
        return noise;
    }

    // ---- CSV

    private String csvText(String text) {
        List<String> lines = new ArrayList<>(List.of(text.split("\n", -1)));
        int line = random.nextInt(Math.max(1, lines.size() - 1));
        switch (random.nextInt(12)) {
            case 0 -> {
                int at = random.nextInt(text.length() + 1);
                char control = pick(List.of('\u0000', '\u0001', '\u0008', '\u000b', '\u000c', '\u001b', '\u007f',
                        '\u0085', '\u009f', '\r'));
                done.add("U+%04X at %d".formatted((int) control, at));
                return text.substring(0, at) + control + text.substring(at);
            }
            case 1 -> {
                int at = random.nextInt(text.length() + 1);
                done.add("cut at " + at);
                return text.substring(0, at);
            }
            case 2 -> {
                // A long line (a cell of millions of characters, say) is repeated less: the file stays
                // within what one Java string holds.
                int copies = (int) Math.min(random.nextInt(10) == 0 ? 500 : 1 + random.nextInt(3),
                        Math.max(1, MAX_REPEATED_CHARS / Math.max(1, lines.get(line).length())));
                for (int i = 0; i < copies; i++) {
                    lines.add(line + 1, lines.get(line));
                }
                done.add("line " + (line + 1) + " repeated " + copies + " times");
            }
            case 3 -> {
                int at = random.nextInt(text.length() + 1);
                String inserted = pick(List.of(",", ",,,", "\"", "\"\"", "\n", "\r", ", ", "\\"));
                done.add("inserted " + escape(inserted) + " at " + at);
                return text.substring(0, at) + inserted + text.substring(at);
            }
            case 4 -> {
                int length = pick(List.of(201, 5_000, 300_000, 2_000_000));
                lines.set(line, cells(lines.get(line), cells -> cells[random.nextInt(cells.length)] = longText(length)));
                done.add("a cell of line " + (line + 1) + " of " + length + " characters");
            }
            case 5 -> {
                String value = random.nextBoolean() ? pick(ODD_TEXTS) : pick(ODD_NUMBERS);
                String quoted = random.nextBoolean() ? value : "\"" + value.replace("\"", "\"\"") + "\"";
                lines.set(line, cells(lines.get(line), cells -> cells[random.nextInt(cells.length)] = quoted));
                done.add("a cell of line " + (line + 1) + " := " + escape(quoted));
            }
            case 6 -> {
                lines.set(0, cells(lines.get(0), cells -> {
                    int a = random.nextInt(cells.length);
                    switch (random.nextInt(4)) {
                        case 0 -> cells[a] = cells[(a + 1) % cells.length];
                        case 1 -> cells[a] = cells[a].toUpperCase();
                        case 2 -> cells[a] = " " + cells[a] + " ";
                        default -> cells[a] = pick(ODD_TEXTS);
                    }
                }));
                done.add("header changed");
            }
            case 7 -> {
                lines.set(line, cells(lines.get(line), cells -> cells[cells.length - 1] = null));
                done.add("line " + (line + 1) + " one cell short");
            }
            case 8 -> {
                done.add("line endings " + (random.nextBoolean() ? "CRLF" : "CR"));
                return text.replace("\n", random.nextBoolean() ? "\r\n" : "\r");
            }
            case 9 -> {
                done.add("byte order mark");
                return "\ufeff" + text;
            }
            case 10 -> {
                int other = random.nextInt(lines.size());
                String swapped = lines.get(line);
                lines.set(line, lines.get(other));
                lines.set(other, swapped);
                done.add("lines " + (line + 1) + " and " + (other + 1) + " swapped");
            }
            default -> {
                lines.remove(line);
                done.add("line " + (line + 1) + " removed");
            }
        }
        return String.join("\n", lines);
    }

    /** The line with its cells changed; a cell set to null is left out. */
    private static String cells(String line, Consumer<String[]> change) {
        String[] cells = line.split(",", -1);
        change.accept(cells);
        List<String> kept = new ArrayList<>();
        for (String cell : cells) {
            if (cell != null) {
                kept.add(cell);
            }
        }
        return String.join(",", kept);
    }

    private byte[] wholeFile(String valid) {
        return switch (random.nextInt(5)) {
            case 0 -> {
                done.add("empty file");
                yield new byte[0];
            }
            case 1 -> {
                done.add("header only");
                yield valid.substring(0, valid.indexOf('\n') + 1).getBytes(StandardCharsets.UTF_8);
            }
            case 2 -> {
                done.add("blank lines only");
                yield "\n\n\r\n ".getBytes(StandardCharsets.UTF_8);
            }
            case 3 -> {
                done.add("the file in UTF-16");
                yield valid.getBytes(StandardCharsets.UTF_16);
            }
            default -> noise();
        };
    }

    // ---- helpers

    private String longText(int length) {
        String alphabet = pick(List.of("x", "贵州省贵阳市", "😀", "a b", "0123456789"));
        StringBuilder text = new StringBuilder(length + alphabet.length());
        while (text.length() < length) {
            text.append(alphabet);
        }
        return text.substring(0, Character.isHighSurrogate(text.charAt(length - 1)) ? length - 1 : length);
    }

    private <T> T pick(List<T> choices) {
        return choices.get(random.nextInt(choices.size()));
    }

    private static String hex(byte[] bytes) {
        StringBuilder hex = new StringBuilder();
        for (byte b : bytes) {
            hex.append("%02X".formatted(b & 0xff));
        }
        return hex.toString();
    }

    /** Text as it can be printed: control characters, surrogates and anything past 200 characters escaped or cut. */
    static String escape(String text) {
        StringBuilder escaped = new StringBuilder();
        for (int i = 0; i < text.length() && escaped.length() < 200; i++) {
            char c = text.charAt(i);
            if (c < 0x20 || c == 0x7f || (c >= 0x80 && c < 0xa0) || Character.isSurrogate(c) || c == '\\') {
                escaped.append(c == '\\' ? "\\\\" : "\\u%04x".formatted((int) c));
            } else {
                escaped.append(c);
            }
        }
        return escaped.length() < 200 ? escaped.toString() : escaped + "…(" + text.length() + " characters)";
    }

    /** A body as it can be printed: its text escaped if it is UTF-8, else its bytes, non-ASCII ones in hex. */
    static String escape(byte[] body) {
        try {
            return escape(StandardCharsets.UTF_8.newDecoder().decode(java.nio.ByteBuffer.wrap(body)).toString());
        } catch (java.nio.charset.CharacterCodingException e) {
            StringBuilder escaped = new StringBuilder("(not UTF-8) ");
            for (int i = 0; i < body.length && escaped.length() < 300; i++) {
                int b = body[i] & 0xff;
                escaped.append(b >= 0x20 && b < 0x7f && b != '\\' ? String.valueOf((char) b) : "\\x%02x".formatted(b));
            }
            return escaped.toString();
        }
    }
}

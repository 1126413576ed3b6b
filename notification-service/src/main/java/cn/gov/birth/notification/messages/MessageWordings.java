package cn.gov.birth.notification.messages;

import java.io.IOException;
import java.io.InputStream;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;
import org.springframework.stereotype.Component;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.YAMLException;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * The wording of every region, read from {@code classpath:messages/*.yml} at start-up:
 * {@code default.yml} whole, each {@code <region>.yml} laid over it (what it names replaces the
 * default's, maps entry by entry). A file that is malformed, or a wording that misses a text, uses
 * a placeholder its message does not have or carries a code, stops the start naming the file.
 */
@Component
class MessageWordings {

    static final String DEFAULT = "default";
    private static final JsonMapper STRICT = JsonMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .build();

    private final Map<String, MessageWording> byRegion;

    MessageWordings() {
        this(load("classpath:messages/*.yml"));
    }

    MessageWordings(Map<String, MessageWording> byRegion) {
        this.byRegion = Map.copyOf(byRegion);
    }

    /** The region's wording; the default for a region without its own (or an event that names none). */
    MessageWording of(String region) {
        return byRegion.getOrDefault(region == null ? DEFAULT : region, byRegion.get(DEFAULT));
    }

    static Map<String, MessageWording> load(String pattern) {
        Map<String, Map<String, Object>> documents = new TreeMap<>();
        try {
            for (Resource resource : new PathMatchingResourcePatternResolver().getResources(pattern)) {
                String file = resource.getFilename();
                String name = file == null ? "" : file.replaceFirst("\\.yml$", "");
                if (!name.equals(DEFAULT) && !name.matches("\\d{6}")) {
                    throw new IllegalStateException("Message wording " + file
                            + " must be default.yml or <region>.yml with a six-digit GB/T 2260 code");
                }
                documents.put(name, read(file, resource.getInputStream()));
            }
        } catch (IOException e) {
            throw new IllegalStateException("Cannot read message wordings " + pattern + ": " + e.getMessage(), e);
        }
        Map<String, Object> base = documents.get(DEFAULT);
        if (base == null) {
            throw new IllegalStateException("No default message wording (messages/default.yml) at " + pattern);
        }
        Map<String, MessageWording> wordings = new TreeMap<>();
        documents.forEach((name, document) -> wordings.put(name,
                wording(name + ".yml", name.equals(DEFAULT) ? base : over(base, document))));
        return wordings;
    }

    static MessageWording wording(String file, Map<String, Object> document) {
        MessageWording wording;
        try {
            wording = STRICT.convertValue(document, MessageWording.class);
        } catch (RuntimeException e) {
            String message = e instanceof JacksonException j ? j.getOriginalMessage() : e.getMessage();
            throw new IllegalStateException("Message wording " + file + " is malformed: " + message, e);
        }
        List<String> problems = wording.problems();
        if (!problems.isEmpty()) {
            throw new IllegalStateException("Message wording " + file + " is invalid: " + String.join("; ", problems));
        }
        return wording;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> read(String file, InputStream in) {
        try (in) {
            Object document = new Yaml(new SafeConstructor(new LoaderOptions())).load(in);
            if (!(document instanceof Map<?, ?> map)) {
                throw new IllegalStateException("Message wording " + file + " is not a YAML mapping");
            }
            return (Map<String, Object>) map;
        } catch (IOException | YAMLException e) {
            throw new IllegalStateException("Message wording " + file + " is malformed: " + e.getMessage(), e);
        }
    }

    /** The region's document over the default: a map merges entry by entry, anything else replaces. */
    @SuppressWarnings("unchecked")
    private static Map<String, Object> over(Map<String, Object> base, Map<String, Object> region) {
        Map<String, Object> merged = new LinkedHashMap<>(base);
        region.forEach((key, value) -> merged.merge(key, value, (old, replacement) ->
                old instanceof Map<?, ?> o && replacement instanceof Map<?, ?> r
                        ? over((Map<String, Object>) o, (Map<String, Object>) r) : replacement));
        return merged;
    }
}

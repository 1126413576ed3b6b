package cn.gov.birth.benchmark;

import java.util.LinkedHashMap;
import java.util.Map;

/** {@code --name value} command-line options over defaults; an unknown option is an error that lists the known ones. */
final class Options {

    static Map<String, String> parse(String[] args, Map<String, String> defaults) {
        Map<String, String> options = new LinkedHashMap<>(defaults);
        for (int i = 0; i < args.length; i += 2) {
            if (!defaults.containsKey(args[i]) || i + 1 >= args.length) {
                throw new IllegalArgumentException("usage: " + String.join(" ", defaults.keySet().stream()
                        .map(name -> "[" + name + " " + defaults.get(name) + "]").toList()));
            }
            options.put(args[i], args[i + 1]);
        }
        return options;
    }

    private Options() {
    }
}

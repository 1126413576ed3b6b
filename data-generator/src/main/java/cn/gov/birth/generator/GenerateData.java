package cn.gov.birth.generator;

import cn.gov.birth.contracts.ChinaTime;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code java -jar data-generator.jar [--families N] [--seed S] [--day YYYY-MM-DD] [--out DIR]
 * [--template FORM.json] [--simulator-url URL]}:
 * writes a consistent synthetic data set (see {@link FamilyGenerator}) as of the day (today in China
 * by default); the same options give the same files, byte for byte.
 */
public final class GenerateData {

    public static void main(String[] args) throws Exception {
        int families = 20;
        long seed = 1;
        Path out = Path.of(".run/reference-data");
        Path template = Path.of("scripts/sample-application.json");
        String simulatorUrl = "http://127.0.0.1:8089";
        LocalDate day = LocalDate.now(ChinaTime.ZONE);
        for (int i = 0; i < args.length; i++) {
            String value = i + 1 < args.length ? args[i + 1] : null;
            switch (args[i]) {
                case "--families" -> families = Integer.parseInt(required(args[i], value));
                case "--seed" -> seed = Long.parseLong(required(args[i], value));
                case "--day" -> day = LocalDate.parse(required(args[i], value));
                case "--out" -> out = Path.of(required(args[i], value));
                case "--template" -> template = Path.of(required(args[i], value));
                case "--simulator-url" -> simulatorUrl = required(args[i], value);
                default -> throw new IllegalArgumentException("unknown option " + args[i]
                        + "; options: --families N --seed S --day YYYY-MM-DD --out DIR --template FORM.json --simulator-url URL");
            }
            i++;
        }
        long started = System.nanoTime();
        var form = JsonMapper.builder().build().readTree(Files.readString(template));
        new FamilyGenerator(form, seed, day, simulatorUrl).write(out, families);
        System.out.printf("%d families of %s (seed %d) and the departments' data about them in %s, made in %.1f s%n",
                Math.max(1, families), day, seed, out.toAbsolutePath(), (System.nanoTime() - started) / 1e9);
    }

    private static String required(String option, String value) {
        if (value == null) {
            throw new IllegalArgumentException(option + " needs a value");
        }
        return value;
    }

    private GenerateData() {
    }
}

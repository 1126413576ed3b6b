package cn.gov.birth.generator;

import cn.gov.birth.contracts.ChinaTime;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code java -jar data-generator.jar [--families N] [--seed S] [--out DIR] [--template FORM.json]
 * [--simulator-url URL]}:
 * writes a consistent synthetic data set (see {@link FamilyGenerator}).
 */
public final class GenerateData {

    public static void main(String[] args) throws Exception {
        int families = 20;
        long seed = 1;
        Path out = Path.of(".run/reference-data");
        Path template = Path.of("scripts/sample-application.json");
        String simulatorUrl = "http://127.0.0.1:8089";
        for (int i = 0; i < args.length; i++) {
            String value = i + 1 < args.length ? args[i + 1] : null;
            switch (args[i]) {
                case "--families" -> families = Integer.parseInt(required(args[i], value));
                case "--seed" -> seed = Long.parseLong(required(args[i], value));
                case "--out" -> out = Path.of(required(args[i], value));
                case "--template" -> template = Path.of(required(args[i], value));
                case "--simulator-url" -> simulatorUrl = required(args[i], value);
                default -> throw new IllegalArgumentException("unknown option " + args[i]
                        + "; options: --families N --seed S --out DIR --template FORM.json --simulator-url URL");
            }
            i++;
        }
        var form = JsonMapper.builder().build().readTree(Files.readString(template));
        new FamilyGenerator(form, seed, LocalDate.now(ChinaTime.ZONE), simulatorUrl)
                .write(out, families);
        System.out.printf("%d families and the departments' data about them in %s%n", Math.max(1, families),
                out.toAbsolutePath());
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

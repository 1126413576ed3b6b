package cn.gov.birth.application.intake;

import static org.assertj.core.api.Assertions.assertThat;

import cn.gov.birth.platform.test.JsonHttp;
import cn.gov.birth.platform.test.ServiceIntegrationTest;
import cn.gov.birth.platform.test.TestInfrastructure;
import cn.gov.birth.platform.test.Tokens;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Malformed input never yields a 5xx and never stores anything: hundreds of generated bodies
 * (wrong types, huge strings, bad codes, bad check characters, broken JSON, deep nesting) each
 * get a 400 problem.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class MalformedInputIntegrationTest extends ServiceIntegrationTest {

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) {
        TestInfrastructure.register(registry, "it_application_malformed");
    }

    @LocalServerPort
    int port;

    /** The sample family's mother, signed in. */
    private static final String MOTHER = Tokens.citizen(JsonHttp.sampleApplication().get("mother").get("idNumber")
            .asString());

    @Test
    void shouldAnswerEveryMalformedBodyWith400ProblemAndStoreNothing() {
        JsonHttp http = new JsonHttp("http://127.0.0.1:" + port).as(MOTHER);
        Map<String, String> bodies = malformedBodies();
        assertThat(bodies).hasSizeGreaterThanOrEqualTo(200);

        List<String> wrong = new ArrayList<>();
        bodies.forEach((name, body) -> {
            var response = http.post("/api/v1/applications", body);
            if (response.status() != 400 || !response.contentType().startsWith("application/problem+json")) {
                wrong.add(name + " -> " + response.status() + " " + response.body());
            }
        });

        assertThat(wrong).isEmpty();
        assertThat(jdbc.sql("select count(*) from application").query(Long.class).single()).isZero();
        assertThat(jdbc.sql("select count(*) from outbox_event").query(Long.class).single()).isZero();
    }

    @Test
    void shouldRefuseAnOverlongIdempotencyKey() {
        var response = new JsonHttp("http://127.0.0.1:" + port).as(MOTHER).post("/api/v1/applications",
                JsonHttp.sampleApplication(), "Idempotency-Key", "k".repeat(5000));

        assertThat(response.status()).isEqualTo(400);
        assertThat(jdbc.sql("select count(*) from application").query(Long.class).single()).isZero();
    }

    private static Map<String, String> malformedBodies() {
        Map<String, String> bodies = new LinkedHashMap<>();
        JsonNodeFactory nodes = JsonNodeFactory.instance;
        // Broken JSON and wrong top-level shapes.
        for (String raw : List.of("", "{", "}", "[", "null", "42", "\"text\"", "[]", "{\"region\":}", "{'a':1}",
                "{\"region\":\"520000\",}", "\u0000", "{\"a\":1}{\"b\":2}", "{\"items\":[\"BIRTH_CERT\"", "<xml/>")) {
            bodies.put("raw " + raw, raw);
        }
        bodies.put("deep nesting", "{\"x\":" + "[".repeat(5000) + "]".repeat(5000) + "}");
        bodies.put("deep objects", "{\"newborn\":" + "{\"a\":".repeat(3000) + "1" + "}".repeat(3000) + "}");
        // Each field of the form: missing, wrong type, huge, or a bad code.
        List<String> paths = List.of("region", "channel", "items", "applicant", "applicant.relation",
                "applicant.phone", "mother", "mother.name", "mother.idType", "mother.idNumber", "mother.ethnicity",
                "mother.nationality", "mother.householdDivision", "mother.phone", "father.idNumber",
                "father.idType", "father.householdDivision", "marriage.status", "newborn", "newborn.sex",
                "newborn.birthTime", "newborn.birthDivision", "newborn.ethnicity", "newborn.birthCertificateNumber",
                "newborn.surname", "newborn.givenName", "household.settleWith", "household.headIdNumber",
                "household.nativePlace", "insurance.insuredDivision", "insurance.years", "delivery.birthCertificate",
                "delivery.recipient.phone", "socialSecurityCard.bankCode", "materials", "promise");
        List<JsonNode> wrongValues = List.of(nodes.numberNode(12345), nodes.booleanNode(true), nodes.arrayNode(),
                nodes.objectNode(), nodes.stringNode("x".repeat(100_000)), nodes.stringNode("??"));
        for (String path : paths) {
            for (JsonNode value : wrongValues) {
                if (isAcceptableReplacement(path, value)) {
                    continue;
                }
                bodies.put(path + " = " + abbreviate(value), mutate(form -> set(form, path, value)));
            }
        }
        for (String path : List.of("region", "applicant", "mother", "newborn", "newborn.birthTime", "newborn.sex",
                "mother.idNumber", "mother.name", "items", "promise", "applicant.phone")) {
            bodies.put("missing " + path, mutate(form -> remove(form, path)));
        }
        // Bad codes and check characters; codes of the right shape that the shipped tables do not know,
        // and divisions that are not counties (path, value; a path may come more than once).
        String[][] badCodes = {
                {"region", "999999"}, {"mother.idNumber", "520102199403121221"},
                {"father.idNumber", "520102199207081310"}, {"household.headIdNumber", "52010219920708131X"},
                {"mother.householdDivision", "52010"}, {"newborn.birthDivision", "ABCDEF"}, {"newborn.sex", "3"},
                {"mother.ethnicity", "1"}, {"mother.nationality", "china"}, {"applicant.phone", "12345"},
                {"newborn.birthTime", "2099-01-01T00:00:00+08:00"}, {"newborn.birthCertificateNumber", "1234567890"},
                {"household.settleWith", "UNCLE"}, {"delivery.birthCertificate", "DRONE"},
                {"marriage.status", "COMPLICATED"}, {"mother.idType", "LIBRARY_CARD"}, {"channel", "FAX"},
                {"items", "NOT_AN_ITEM"}, {"newborn.birthDivision", "529999"},
                {"father.householdDivision", "520100"}, {"insurance.insuredDivision", "520000"},
                {"household.nativePlace", "990000"}, {"father.ethnicity", "57"}, {"newborn.ethnicity", "99"},
                {"father.nationality", "XYZ"}, {"household.relationToHead", "19"}, {"mother.householdType", "CASTLE"}
        };
        for (String[] bad : badCodes) {
            bodies.put("bad " + bad[0] + " = " + bad[1], mutate(form -> set(form, bad[0], bad[0].equals("items")
                    ? nodes.arrayNode().add(bad[1]) : nodes.stringNode(bad[1]))));
        }
        bodies.put("unknown insured year", mutate(form -> set(form, "insurance.years", nodes.arrayNode().add("LAST"))));
        bodies.put("null insured year", mutate(form -> set(form, "insurance.years", nodes.arrayNode().addNull())));
        bodies.put("null item", mutate(form -> form.set("items", nodes.arrayNode().addNull())));
        bodies.put("null material", mutate(form -> form.set("materials", nodes.arrayNode().addNull())));
        bodies.put("male mother", mutate(form -> set(form, "mother.idNumber",
                nodes.stringNode("520102199207081313"))));
        // What the ID numbers and relation codes say must agree with the rest of the form.
        bodies.put("female father", mutate(form -> set(form, "father.idNumber",
                nodes.stringNode("520102199403121220"))));
        bodies.put("mother born after her child", mutate(form -> set(form, "mother.idNumber",
                nodes.stringNode(cn.gov.birth.contracts.codes.ResidentIdNumber.of("520102",
                        java.time.LocalDate.of(2026, 11, 21), 122)))));
        bodies.put("resident ID with a foreign nationality", mutate(form -> set(form, "father.nationality",
                nodes.stringNode("USA"))));
        bodies.put("a girl as the head's son", mutate(form -> set(form, "household.relationToHead",
                nodes.stringNode("20"))));
        bodies.put("a newborn as the head's wife", mutate(form -> set(form, "household.relationToHead",
                nodes.stringNode("12"))));
        // Random ID numbers with a wrong check character.
        Random random = new Random(11643);
        for (int i = 0; i < 20; i++) {
            String first17 = "520102" + (1970 + random.nextInt(30)) + "%02d%02d%03d".formatted(1 + random.nextInt(12),
                    1 + random.nextInt(28), random.nextInt(999));
            char check = cn.gov.birth.contracts.codes.ResidentIdNumber.checkCharacter(first17);
            char wrong = check == '0' ? '1' : '0';
            bodies.put("check character " + i, mutate(form -> set(form, "father.idNumber",
                    nodes.stringNode(first17 + wrong))));
        }
        ArrayNode tooMany = nodes.arrayNode();
        for (int i = 0; i < 60; i++) {
            tooMany.add(nodes.objectNode().put("type", "MOTHER_ID_CARD").put("documentId", "D" + i));
        }
        bodies.put("too many materials", mutate(form -> form.set("materials", tooMany)));
        return bodies;
    }

    /** Replacements that are well-formed after all: any text is a name, and no materials is no material. */
    private static boolean isAcceptableReplacement(String path, JsonNode value) {
        boolean freeText = List.of("mother.name", "newborn.surname", "newborn.givenName",
                "socialSecurityCard.bankCode", "applicant.relation").contains(path);
        return freeText && value.isString() && value.asString().equals("??")
                || path.equals("materials") && value.isArray() && value.isEmpty()
                || path.equals("promise") && value.isBoolean() && value.asBoolean();
    }

    private static String mutate(Consumer<ObjectNode> change) {
        ObjectNode form = JsonHttp.sampleApplication();
        change.accept(form);
        return JsonHttp.JSON.writeValueAsString(form);
    }

    private static void set(ObjectNode form, String path, JsonNode value) {
        String[] parts = path.split("\\.");
        ObjectNode node = form;
        for (int i = 0; i < parts.length - 1; i++) {
            node = (ObjectNode) node.get(parts[i]);
        }
        node.set(parts[parts.length - 1], value);
    }

    private static void remove(ObjectNode form, String path) {
        String[] parts = path.split("\\.");
        ObjectNode node = form;
        for (int i = 0; i < parts.length - 1; i++) {
            node = (ObjectNode) node.get(parts[i]);
        }
        node.remove(parts[parts.length - 1]);
    }

    private static String abbreviate(JsonNode value) {
        String text = value.toString();
        return text.length() > 20 ? text.substring(0, 20) + "…" : text;
    }
}

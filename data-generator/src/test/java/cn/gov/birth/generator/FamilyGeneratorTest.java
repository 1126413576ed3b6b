package cn.gov.birth.generator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import cn.gov.birth.contracts.codes.Codes;
import cn.gov.birth.contracts.codes.ResidentIdNumber;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

class FamilyGeneratorTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final LocalDate TODAY = LocalDate.of(2026, 11, 25);
    private static final String SIMULATOR = "http://127.0.0.1:8089";

    @TempDir
    Path out;

    @Test
    void shouldWriteFamiliesWhoseFormsMatchTheirDeliveryRecordsAndHospitals() throws IOException {
        new FamilyGenerator(template(), 7, TODAY, SIMULATOR).write(out, 60);

        List<String> records = Files.readAllLines(out.resolve("health/delivery-records.csv"));
        Set<String> hospitals = new HashSet<>();
        Files.readAllLines(out.resolve("health/hospitals.csv")).stream().skip(1)
                .filter(line -> line.endsWith(",true")).forEach(line -> hospitals.add(line.split(",")[0]));
        assertThat(records).hasSize(61);
        Set<String> births = new HashSet<>();
        for (int n = 1; n <= 60; n++) {
            JsonNode form = JSON.readTree(Files.readString(out.resolve("applications/family-%05d.json".formatted(n))));
            String[] record = records.get(n).split(",", -1);
            String mother = form.get("mother").get("idNumber").asString();
            String father = form.get("father").get("idNumber").asString();
            JsonNode newborn = form.get("newborn");
            assertThat(ResidentIdNumber.isValid(mother) && ResidentIdNumber.isValid(father)).isTrue();
            assertThat(ResidentIdNumber.sex(mother)).isEqualTo("2");
            assertThat(ResidentIdNumber.sex(father)).isEqualTo("1");
            assertThat(Codes.isCounty(newborn.get("birthDivision").asString())).isTrue();
            assertThat(record[1]).isEqualTo(newborn.get("hospitalCode").asString()).isIn(hospitals);
            assertThat(record[2]).isEqualTo(mother);
            assertThat(OffsetDateTime.parse(record[3]).toInstant())
                    .isEqualTo(OffsetDateTime.parse(newborn.get("birthTime").asString()).toInstant());
            assertThat(record[4]).isEqualTo(newborn.get("sex").asString());
            assertThat(form.get("household").get("headIdNumber").asString()).isEqualTo(father);
            assertThat(births.add(mother + "@" + record[3])).isTrue();
        }
        JsonNode first = JSON.readTree(Files.readString(out.resolve("applications/family-00001.json")));
        ObjectNode expected = (ObjectNode) template();
        ((ObjectNode) expected.get("newborn")).put("birthTime", "2026-11-22T08:30+08:00");
        assertThat(first).isEqualTo(expected);
    }

    @Test
    void shouldWriteTheSameBytesForTheSameSeedAndDay(@TempDir Path again) throws IOException {
        new FamilyGenerator(template(), 3, TODAY, SIMULATOR).write(out, 2_000);
        new FamilyGenerator(template(), 3, TODAY, SIMULATOR).write(again, 2_000);

        Map<Path, byte[]> first = contents(out);
        Map<Path, byte[]> second = contents(again);
        assertThat(first).hasSize(12 + 2_000);
        assertThat(second.keySet()).isEqualTo(first.keySet());
        first.forEach((file, bytes) -> assertThat(second.get(file)).as(file.toString()).isEqualTo(bytes));
    }

    @Test
    void shouldReplaceALargerDataSetWithoutLeavingItsExtraForms() throws IOException {
        new FamilyGenerator(template(), 5, TODAY, SIMULATOR).write(out, 12);
        new FamilyGenerator(template(), 5, TODAY, SIMULATOR).write(out, 10);

        try (Stream<Path> forms = Files.list(out.resolve("applications"))) {
            assertThat(forms.map(form -> form.getFileName().toString()).sorted())
                    .containsExactly(IntStream.rangeClosed(1, 10).mapToObj(n -> "family-%05d.json".formatted(n))
                            .toArray(String[]::new));
        }
        assertThat(Files.readAllLines(out.resolve("health/delivery-records.csv"))).hasSize(11);
    }

    @Test
    void shouldNameFormsPastTheFiveDigitsTheFirstKeepsByTheirWholeNumber() {
        assertThat(FamilyGenerator.formFile(1)).isEqualTo("applications/family-00001.json");
        assertThat(FamilyGenerator.formFile(1_000_000)).isEqualTo("applications/family-1000000.json");
    }

    @Test
    void shouldRefuseMoreFamiliesThanItKeepsDistinct() {
        assertThatThrownBy(() -> new FamilyGenerator(template(), 1, TODAY, SIMULATOR)
                .write(out, FamilyGenerator.MAX_FAMILIES + 1))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void shouldGiveEveryDepartmentWhatItNeedsToCompleteEveryFamily() throws IOException {
        new FamilyGenerator(template(), 11, TODAY, SIMULATOR).write(out, 30);

        Map<String, List<String[]>> register = byFirstColumn("police/population-register.csv");
        Set<String> stations = byFirstColumn("police/police-stations.csv").keySet();
        Map<String, List<String[]>> doses = byColumn("cdc/first-doses.csv", 1);
        Set<String> insured = byFirstColumn("medical_insurance/insured-persons.csv").keySet();
        Set<String> settled = byFirstColumn("medical_insurance/direct-settlements.csv").keySet();
        Set<String> branches = new HashSet<>();
        Files.readAllLines(out.resolve("human_resources/branches.csv")).stream().skip(1)
                .map(line -> line.split(",")).forEach(row -> branches.add(row[0] + "@" + row[1]));
        Set<String> parentsWithCards = byFirstColumn("human_resources/issued-cards.csv").keySet();
        for (int n = 1; n <= 30; n++) {
            JsonNode form = JSON.readTree(Files.readString(out.resolve("applications/family-%05d.json".formatted(n))));
            JsonNode household = form.get("household");
            JsonNode father = form.get("father");
            String fatherId = father.get("idNumber").asString();
            String motherId = form.get("mother").get("idNumber").asString();
            String county = father.get("householdDivision").asString();
            String[] head = register.get(fatherId).getFirst();

            assertThat(household.get("settleWith").asString()).isEqualTo("FATHER");
            assertThat(head[1]).isEqualTo(father.get("name").asString());
            assertThat(head[2]).isEqualTo(county);
            assertThat(head[4]).isEqualTo(household.get("headIdNumber").asString());
            assertThat(head[7]).isEqualTo("ACTIVE");
            assertThat(register.get(motherId).getFirst()[3]).isEqualTo(head[3]);
            assertThat(stations).contains(county);
            assertThat(doses.get(motherId)).extracting(row -> row[3] + " " + row[4])
                    .containsExactlyInAnyOrder("HEPB GIVEN", "BCG GIVEN");
            assertThat(insured).contains(motherId);
            assertThat(settled).contains(motherId);
            assertThat(branches).contains(form.get("socialSecurityCard").get("bankCode").asString() + "@" + county);
            assertThat(parentsWithCards).contains(fatherId, motherId);
        }
        assertThat(Files.readAllLines(out.resolve("human_resources/banks.csv")))
                .contains("520000,ICBC,中国工商银行,http://127.0.0.1:8089/bank/ICBC,true");
        assertThat(Files.readAllLines(out.resolve("medical_insurance/contributions.csv")))
                .anyMatch(line -> line.startsWith("520000,2026,"));
    }

    private static Map<Path, byte[]> contents(Path folder) throws IOException {
        Map<Path, byte[]> contents = new HashMap<>();
        try (Stream<Path> files = Files.walk(folder)) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                contents.put(folder.relativize(file), Files.readAllBytes(file));
            }
        }
        return contents;
    }

    private Map<String, List<String[]>> byFirstColumn(String csv) throws IOException {
        return byColumn(csv, 0);
    }

    private Map<String, List<String[]>> byColumn(String csv, int column) throws IOException {
        return Files.readAllLines(out.resolve(csv)).stream().skip(1).map(line -> line.split(",", -1))
                .collect(Collectors.groupingBy(row -> row[column]));
    }

    static JsonNode template() throws IOException {
        return JSON.readTree(Files.readString(Path.of("../scripts/sample-application.json")));
    }
}

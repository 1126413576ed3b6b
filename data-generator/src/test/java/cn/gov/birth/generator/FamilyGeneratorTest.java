package cn.gov.birth.generator;

import static org.assertj.core.api.Assertions.assertThat;

import cn.gov.birth.contracts.codes.Codes;
import cn.gov.birth.contracts.codes.ResidentIdNumber;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class FamilyGeneratorTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final LocalDate TODAY = LocalDate.of(2026, 11, 25);

    @TempDir
    Path out;

    @Test
    void shouldWriteFamiliesWhoseFormsMatchTheirDeliveryRecordsAndHospitals() throws IOException {
        new FamilyGenerator(template(), 7, TODAY).write(out, 60);

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
        assertThat(JSON.readTree(Files.readString(out.resolve("applications/family-00001.json")))).isEqualTo(template());
    }

    @Test
    void shouldWriteTheSameDataSetForTheSameSeedAndDay(@TempDir Path again) throws IOException {
        new FamilyGenerator(template(), 3, TODAY).write(out, 5);
        new FamilyGenerator(template(), 3, TODAY).write(again, 5);

        assertThat(Files.readString(again.resolve("health/delivery-records.csv")))
                .isEqualTo(Files.readString(out.resolve("health/delivery-records.csv")));
        assertThat(Files.readString(again.resolve("applications/family-00005.json")))
                .isEqualTo(Files.readString(out.resolve("applications/family-00005.json")));
    }

    private static JsonNode template() throws IOException {
        return JSON.readTree(Files.readString(Path.of("../scripts/sample-application.json")));
    }
}

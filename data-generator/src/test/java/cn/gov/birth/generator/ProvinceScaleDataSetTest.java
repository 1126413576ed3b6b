package cn.gov.birth.generator;

import static org.assertj.core.api.Assertions.assertThat;

import cn.gov.birth.contracts.codes.ResidentIdNumber;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Twenty thousand families: every person and every record of them once in the departments' files. */
class ProvinceScaleDataSetTest {

    private static final int FAMILIES = 20_000;

    @TempDir
    static Path out;

    @BeforeAll
    static void generate() throws IOException {
        new FamilyGenerator(FamilyGeneratorTest.template(), 1, LocalDate.of(2026, 11, 25), "http://127.0.0.1:8089")
                .write(out, FAMILIES);
    }

    @Test
    void shouldRegisterEveryParentOnceWithAValidIdNumberOfTheirSex() throws IOException {
        List<String[]> register = rows("police/population-register.csv");
        Set<String> mothers = new HashSet<>();
        Set<String> fathers = new HashSet<>();
        for (String[] person : register) {
            String id = person[0];
            assertThat(ResidentIdNumber.isValid(id)).as(id).isTrue();
            assertThat("12".equals(person[5]) ? mothers.add(id) : fathers.add(id)).as(id).isTrue();
        }
        assertThat(mothers).hasSize(FAMILIES).allMatch(id -> ResidentIdNumber.sex(id).equals("2"));
        assertThat(fathers).hasSize(FAMILIES).allMatch(id -> ResidentIdNumber.sex(id).equals("1"));
        assertThat(register.stream().map(person -> person[3]).distinct()).as("households").hasSize(FAMILIES);
    }

    @ParameterizedTest(name = "{0} by {1}")
    @CsvSource(delimiter = ';', value = {
            "health/delivery-records.csv; 0", "health/delivery-records.csv; 2", "health/hospitals.csv; 0",
            "cdc/first-doses.csv; 1 2 3", "police/population-register.csv; 0", "police/police-stations.csv; 0",
            "medical_insurance/insured-persons.csv; 0", "medical_insurance/direct-settlements.csv; 0 2",
            "medical_insurance/designated-hospitals.csv; 0", "medical_insurance/contributions.csv; 0 1",
            "human_resources/issued-cards.csv; 0", "human_resources/issued-cards.csv; 1",
            "human_resources/banks.csv; 1", "human_resources/branches.csv; 2"})
    void shouldKeepEveryKeyOnceInItsFile(String file, String columns) throws IOException {
        List<String> keys = rows(file).stream().map(row -> key(row, columns)).toList();

        assertThat(keys).isNotEmpty().doesNotHaveDuplicates();
    }

    @Test
    void shouldWriteEveryFamilysForm() {
        assertThat(out.resolve(FamilyGenerator.formFile(1))).exists();
        assertThat(out.resolve(FamilyGenerator.formFile(FAMILIES))).exists();
        assertThat(out.resolve(FamilyGenerator.formFile(FAMILIES + 1))).doesNotExist();
    }

    private static String key(String[] row, String columns) {
        StringBuilder key = new StringBuilder();
        for (String column : columns.split(" ")) {
            key.append(row[Integer.parseInt(column)]).append('|');
        }
        return key.toString();
    }

    private static List<String[]> rows(String file) throws IOException {
        return Files.readAllLines(out.resolve(file)).stream().skip(1).map(line -> line.split(",", -1)).toList();
    }
}

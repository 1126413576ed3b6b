package cn.gov.birth.platform.table;

import static cn.gov.birth.platform.table.Check.oneOf;
import static cn.gov.birth.platform.table.Check.pattern;
import static cn.gov.birth.platform.table.Column.optional;
import static cn.gov.birth.platform.table.Column.required;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import cn.gov.birth.platform.web.InvalidInputException.FieldError;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TableTest {

    private static final Table DELIVERIES = Table.of("deliveries", "delivery", List.of("recordNumber"),
                    required("recordNumber", pattern("R-\\d+")), required("birthTime", Type.DATE_TIME_TO_MINUTE),
                    required("sex", oneOf("1", "2")), optional("dischargedOn", Type.DATE),
                    optional("weighed", Type.BOOLEAN), optional("weight", Type.decimal(1, 3)),
                    optional("certificateNumber", Type.TEXT).keepingStored(), optional("parity", Type.INTEGER))
            .rule(row -> {
                if ("2".equals(row.text("sex")) && row.text("weight") == null) {
                    row.reject("weight", "WEIGHT_REQUIRED", "weight 不能为空");
                }
            })
            .fixedOnceSet("certificate_number", "birthTime", "sex");

    private static Row read(String... cells) {
        Map<String, String> row = new HashMap<>();
        for (int i = 0; i < cells.length; i += 2) {
            row.put(cells[i], cells[i + 1]);
        }
        return DELIVERIES.read(new CsvReader.Line(7, row));
    }

    private static List<String> problems(Row row) {
        return row.errors().stream().map(error -> error.field() + " " + error.code()).toList();
    }

    @Test
    void shouldGiveEachValidCellTheValueOfItsType() {
        Row row = read("recordNumber", "R-1", "birthTime", "2026-11-20T08:30:59+08:00", "sex", "2",
                "dischargedOn", "2026-11-23", "weighed", "true", "weight", "3.25", "parity", "2");

        assertThat(row.errors()).isEmpty();
        assertThat(row.line()).isEqualTo(7);
        assertThat((OffsetDateTime) row.value("birthTime")).isEqualTo("2026-11-20T08:30:00+08:00");
        assertThat((LocalDate) row.value("dischargedOn")).isEqualTo("2026-11-23");
        assertThat((Boolean) row.value("weighed")).isTrue();
        assertThat((BigDecimal) row.value("weight")).isEqualByComparingTo("3.25");
        assertThat((Integer) row.value("parity")).isEqualTo(2);
        assertThat((String) row.value("certificateNumber")).isNull();
    }

    @Test
    void shouldReportEveryBadCellOnceWithItsColumnAndLeaveItsValueNull() {
        Row row = read("recordNumber", "X-1", "birthTime", "2026-11-20 08:30", "sex", "3", "dischargedOn", "23.11.2026",
                "weighed", "yes", "weight", "12.5", "parity", "two");

        assertThat(problems(row)).containsExactlyInAnyOrder("recordNumber INVALID_FORMAT",
                "birthTime INVALID_DATE_TIME", "sex UNKNOWN_CODE", "dischargedOn INVALID_DATE", "weighed UNKNOWN_CODE",
                "weight INVALID_DECIMAL", "parity INVALID_NUMBER");
        assertThat(row.errors()).extracting(FieldError::message).contains("sex 应为 1、2");
        assertThat((Object) row.value("birthTime")).isNull();
    }

    @Test
    void shouldRefuseYearsAndOffsetsPostgresqlCannotHoldThoughIso8601Allows() {
        Row row = read("recordNumber", "R-1", "birthTime", "+275760-09-13T00:00:00+08:00", "sex", "1",
                "dischargedOn", "-4714-11-23");

        assertThat(problems(row)).containsExactlyInAnyOrder("birthTime INVALID_DATE_TIME", "dischargedOn INVALID_DATE");
        assertThat(problems(read("recordNumber", "R-1", "birthTime", "0000-01-01T00:00:00Z", "sex", "1")))
                .containsExactly("birthTime INVALID_DATE_TIME");
        assertThat(problems(read("recordNumber", "R-1", "birthTime", "2026-11-20T08:30:00-18:00", "sex", "1")))
                .containsExactly("birthTime INVALID_DATE_TIME");
        assertThat(problems(read("recordNumber", "R-1", "birthTime", "2026-11-20T08:30:00+14:00", "sex", "1")))
                .isEmpty();
    }

    @Test
    void shouldRequireRequiredCellsAndRunTheTableRules() {
        assertThat(problems(read("sex", "2"))).containsExactlyInAnyOrder("recordNumber REQUIRED", "birthTime REQUIRED",
                "weight WEIGHT_REQUIRED");
    }

    @Test
    void shouldRefuseCellsOverTwoHundredCharactersInAnyColumn() {
        Row row = read("recordNumber", "R-1", "birthTime", "2026-11-20T08:30:00+08:00", "sex", "1",
                "note", "长".repeat(201));

        assertThat(problems(row)).containsExactly("note TOO_LONG");
    }

    @Test
    void shouldRefuseControlCharactersInAnyCellWithoutReadingItsValue() {
        Row row = read("recordNumber", "R-1", "birthTime", "2026-11-20T08:30:00+08:00", "sex", "1",
                "certificateNumber", "Q\u0000123");

        assertThat(problems(row)).containsExactly("certificateNumber CONTROL_CHARACTER");
        assertThat((Object) row.value("certificateNumber")).isNull();
    }

    @Test
    void shouldMergeTheStageLastLineWinsAndKeepAStoredValueWhereDeclared() {
        assertThat(DELIVERIES.mergeSql()).isEqualTo("insert into delivery (record_number, birth_time, sex, "
                + "discharged_on, weighed, weight, certificate_number, parity) select distinct on (record_number) "
                + "record_number, birth_time, sex, discharged_on, weighed, weight, certificate_number, parity "
                + "from import_stage order by record_number, line desc "
                + "on conflict (record_number) do update set birth_time = excluded.birth_time, sex = excluded.sex, "
                + "discharged_on = excluded.discharged_on, weighed = excluded.weighed, weight = excluded.weight, "
                + "certificate_number = coalesce(delivery.certificate_number, excluded.certificate_number), "
                + "parity = excluded.parity");
    }

    @Test
    void shouldStoreOneRowWithTheSameConflictRuleAsTheMerge() {
        assertThat(DELIVERIES.upsertSql()).isEqualTo("insert into delivery (record_number, birth_time, sex, "
                + "discharged_on, weighed, weight, certificate_number, parity) values (?, ?, ?, ?, ?, ?, ?, ?) "
                + DELIVERIES.mergeSql().substring(DELIVERIES.mergeSql().indexOf("on conflict")));
    }

    @Test
    void shouldAskOfEveryValidStagedRowWhetherItWouldChangeAUsedRowsIdentifyingColumns() {
        assertThat(DELIVERIES.fixedSql()).isEqualTo("select s.line, t.birth_time is distinct from s.birth_time, "
                + "t.sex is distinct from s.sex from import_stage s join delivery t on t.record_number = s.record_number "
                + "where s.valid and t.certificate_number is not null order by s.line for update of t");
    }

    @Test
    void shouldFindAStoredRowByItsKey() {
        assertThat(DELIVERIES.findSql()).isEqualTo("select record_number, birth_time, sex, discharged_on, weighed, "
                + "weight, certificate_number, parity from delivery where record_number = ?");
    }

    @Test
    void shouldStoreAndCompareProtectedColumnsByTheirIndexAndKeepSealedOnesInTheirOwnColumn() {
        Table persons = Table.of("persons", "person", List.of("idNumber"), required("idNumber").indexed(),
                        required("phone").sealed().indexed(), optional("address").sealed(), required("ward"))
                .fixedOnceSet("ward", "phone");

        assertThat(persons.mergeSql()).isEqualTo("insert into person (id_number_index, phone, phone_index, address, "
                + "ward) select distinct on (id_number_index) id_number_index, phone, phone_index, address, ward from "
                + "import_stage order by id_number_index, line desc on conflict (id_number_index) do update set "
                + "phone = excluded.phone, phone_index = excluded.phone_index, address = excluded.address, "
                + "ward = excluded.ward");
        assertThat(persons.findSql()).isEqualTo("select id_number_index, phone, phone_index, address, ward "
                + "from person where id_number_index = ?");
        assertThat(persons.fixedSql()).startsWith("select s.line, t.phone_index is distinct from s.phone_index from "
                + "import_stage s join person t on t.id_number_index = s.id_number_index");
        assertThat(persons.protectedColumns()).containsExactly(
                ProtectedColumn.indexed("person", "id_number"),
                ProtectedColumn.sealed("person", "id_number_index", "phone").andIndexed(),
                ProtectedColumn.sealed("person", "id_number_index", "address"));
    }

    @Test
    void shouldRefuseAKeyColumnItDoesNotHave() {
        assertThatThrownBy(() -> Table.of("t", "t", List.of("id"), required("code", Type.TEXT)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("id");
    }
}

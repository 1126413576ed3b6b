package cn.gov.birth.platform.table;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import cn.gov.birth.platform.web.InvalidInputException;
import java.io.ByteArrayInputStream;
import java.io.InputStreamReader;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class CsvReaderTest {

    private static List<CsvReader.Line> read(String csv, String... columns) {
        List<CsvReader.Line> lines = new ArrayList<>();
        CsvReader.read(new StringReader(csv), List.of(columns), lines::add);
        return lines;
    }

    private static InvalidInputException refused(String csv, String... columns) {
        return (InvalidInputException) assertThatThrownBy(() -> read(csv, columns))
                .isInstanceOf(InvalidInputException.class).actual();
    }

    @Test
    void shouldGiveEachRecordItsLineAndItsCellsByHeaderNameInAnyOrder() {
        List<CsvReader.Line> lines = read("name,code\n贵阳,H1\n遵义,H2\n", "code", "name");

        assertThat(lines).extracting(CsvReader.Line::number).containsExactly(2, 3);
        assertThat(lines.get(1).cells()).containsEntry("code", "H2").containsEntry("name", "遵义");
    }

    @Test
    void shouldTrimCellsAndMakeBlankOrMissingCellsNull() {
        CsvReader.Line line = read("code,name,county\n H1 ,  \n", "code", "name", "county").getFirst();

        assertThat(line.cells().get("code")).isEqualTo("H1");
        assertThat(line.cells().get("name")).isNull();
        assertThat(line.cells().get("county")).isNull();
    }

    @Test
    void shouldReadQuotedCellsWithCommasAndSkipEmptyLines() {
        List<CsvReader.Line> lines = read("code,address\n\nH1,\"南明区, 某路 9 号\"\n", "code", "address");

        assertThat(lines).hasSize(1);
        assertThat(lines.getFirst().cells()).containsEntry("address", "南明区, 某路 9 号");
    }

    @Test
    void shouldPassOnColumnsNotExpected() {
        assertThat(read("code,note\nH1,新\n", "code").getFirst().cells()).containsEntry("note", "新");
    }

    @Test
    void shouldNameEveryMissingColumnEvenWithoutRows() {
        var error = refused("code\n", "code", "name", "county").errors().getFirst();

        assertThat(error.field()).isEqualTo("header");
        assertThat(error.code()).isEqualTo("MISSING_COLUMNS");
        assertThat(error.message()).contains("name、county");
        assertThat(refused("", "code").errors().getFirst().code()).isEqualTo("MISSING_COLUMNS");
    }

    @Test
    void shouldRefuseARecordWithMoreCellsThanTheHeader() {
        var error = refused("code,name\nH1,贵阳,多余\n", "code").errors().getFirst();

        assertThat(error.code()).isEqualTo("MALFORMED_CSV");
        assertThat(error.message()).contains("第 2 行");
    }

    @Test
    void shouldRefuseAnUnclosedQuote() {
        assertThat(refused("code,name\nH1,\"贵阳\n", "code").errors().getFirst().code()).isEqualTo("MALFORMED_CSV");
    }

    @Test
    void shouldRefuseAHeaderWithControlCharacters() {
        var error = refused("code,no\u0000te\nH1,x\n", "code").errors().getFirst();

        assertThat(error.field()).isEqualTo("header");
        assertThat(error.code()).isEqualTo("CONTROL_CHARACTER");
    }

    @Test
    void shouldRefuseBytesThatAreNotUtf8WhenItsReaderReportsThem() {
        byte[] csv = {'c', 'o', 'd', 'e', '\n', 'H', (byte) 0xC3, '(', '\n'};
        var reader = new InputStreamReader(new ByteArrayInputStream(csv), StandardCharsets.UTF_8.newDecoder());

        var error = ((InvalidInputException) assertThatThrownBy(() -> CsvReader.read(reader, List.of("code"), line -> {
        })).isInstanceOf(InvalidInputException.class).actual()).errors().getFirst();

        assertThat(error.code()).isEqualTo("MALFORMED_CSV");
        assertThat(error.message()).contains("UTF-8");
    }
}

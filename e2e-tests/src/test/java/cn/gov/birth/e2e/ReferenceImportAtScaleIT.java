package cn.gov.birth.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import cn.gov.birth.contracts.codes.ResidentIdNumber;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import tools.jackson.databind.JsonNode;

/**
 * A year of a province's population register, a million rows, uploaded as a department would:
 * streamed through the gateway to hukou-service (heap as the run command gives it), answered 202
 * once stored and followed at its import resource. The service reads, seals and stages the rows
 * as they come and merges them at once; a file whose last line is bad changes nothing.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ReferenceImportAtScaleIT {

    private static final int ROWS = 1_000_000;
    private static final String HEADER =
            "idNumber,name,householdDivision,householdNumber,headIdNumber,relationToHead,ethnicity,status\n";
    private static final Duration PATIENCE = Duration.ofMinutes(6);
    private static final String IMPORTS = "/api/v1/departments/POLICE/reference/";

    private static Platform platform;
    private static Portal portal;

    @BeforeAll
    static void startPlatform() throws Exception {
        platform = Platform.shared();
        portal = new Portal(platform.gatewayUrl());
    }

    @Test
    @Order(1)
    void shouldChangeNothingAndNameTheLineWhenTheLastOfAMillionRowsIsBad() throws Exception {
        long before = registered();

        JsonNode refused = importAndFollow(ROWS, true);

        assertThat(refused.get("state").asString()).isEqualTo("REFUSED");
        assertThat(refused.get("errors").valueStream().map(e -> e.get("field").asString() + " "
                + e.get("code").asString()).toList()).containsExactly("line " + (ROWS + 2) + ".idNumber INVALID_ID_NUMBER",
                "line " + (ROWS + 2) + ".headIdNumber INVALID_ID_NUMBER");
        assertThat(registered()).isEqualTo(before);
    }

    @Test
    @Order(2)
    void shouldImportAMillionRowsStreamedThroughTheGatewayAndAnswer202WithItsProgress() throws Exception {
        long before = registered();
        long started = System.nanoTime();

        JsonNode imported = importAndFollow(ROWS, false);

        long seconds = (System.nanoTime() - started) / 1_000_000_000;
        System.out.printf("Imported %d population-register rows through the gateway in %d s (%s rows/s by the "
                + "service)%n", ROWS, seconds, imported.get("rowsPerSecond"));
        assertThat(imported.get("state").asString()).isEqualTo("IMPORTED");
        assertThat(imported.get("rowsRead").asLong()).isEqualTo(ROWS);
        assertThat(imported.get("sha256").asString()).hasSize(64);
        assertThat(registered()).isEqualTo(before + ROWS);
    }

    /** Uploads {@code rows} generated rows (the last one bad if asked), streamed, and follows the import to its end. */
    private static JsonNode importAndFollow(int rows, boolean lastBad) throws Exception {
        String token = portal.token("admin-police-scale", List.of("DEPT_ADMIN"), "POLICE", null);
        HttpResponse<String> answer = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create(platform.gatewayUrl() + IMPORTS + "population-register"))
                .header("Authorization", "Bearer " + token).header("Content-Type", "text/csv")
                .timeout(Duration.ofMinutes(5))
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new Register(rows, lastBad)))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(202);
        String location = answer.headers().firstValue("Location").orElseThrow();
        var admin = portal.admin("POLICE");
        return await().atMost(PATIENCE).pollInterval(Duration.ofSeconds(2)).until(() -> {
            var state = admin.get(location);
            assertThat(state.status()).as(state.body()).isEqualTo(200);
            return state.json();
        }, state -> !List.of("QUEUED", "RUNNING").contains(state.get("state").asString()));
    }

    private static long registered() {
        var counts = portal.admin("POLICE").get("/api/v1/departments/POLICE/reference");
        assertThat(counts.status()).as(counts.body()).isEqualTo(200);
        return counts.json().get("population-register").asLong();
    }

    /**
     * The register as a stream, never held: each row a distinct person of Yunyan district, their own
     * household's head, born on one of 4,000 days with one of 250 sequence numbers.
     */
    private static final class Register extends InputStream {

        private static final LocalDate FIRST_BIRTHDAY = LocalDate.of(1930, 1, 1);
        private final int rows;
        private final boolean lastBad;
        private byte[] line = HEADER.getBytes(StandardCharsets.UTF_8);
        private int position;
        private int row;

        Register(int rows, boolean lastBad) {
            this.rows = rows;
            this.lastBad = lastBad;
        }

        @Override
        public int read() {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) {
            if (position == line.length && !next()) {
                return -1;
            }
            int n = Math.min(length, line.length - position);
            System.arraycopy(line, position, buffer, offset, n);
            position += n;
            return n;
        }

        private boolean next() {
            if (row == rows + (lastBad ? 1 : 0)) {
                return false;
            }
            String id = row == rows ? "520102193001011234"
                    : ResidentIdNumber.of("520103", FIRST_BIRTHDAY.plusDays(row % 4000), 1 + row / 4000);
            line = "%s,测试%d,520103,H%09d,%s,02,01,ACTIVE\n".formatted(id, row, row, id)
                    .getBytes(StandardCharsets.UTF_8);
            position = 0;
            row++;
            return true;
        }
    }
}

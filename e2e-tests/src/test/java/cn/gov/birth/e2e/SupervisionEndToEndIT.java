package cn.gov.birth.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import cn.gov.birth.contracts.ChinaTime;
import cn.gov.birth.platform.test.JsonHttp;
import java.time.Duration;
import java.time.LocalDate;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Supervision of the promised time limits (全闭环监测) through the gateway: with a department down
 * and application-service's dev clock moved past an item's limit, the item is listed overdue, and
 * the department, back up, shows its staff the notice.
 */
class SupervisionEndToEndIT {

    private static final Duration PATIENCE = Duration.ofSeconds(120);
    private static Platform platform;
    private static Portal portal;

    @BeforeAll
    static void startPlatform() throws Exception {
        platform = Platform.shared();
        portal = new Portal(platform.gatewayUrl());
    }

    /** The platform is shared with the other classes: its clock goes back to the real time. */
    @AfterAll
    static void realTime() {
        var reset = portal.as("OPS", null).delete("/api/v1/dev/clock");
        assertThat(reset.status()).as(reset.body()).isEqualTo(200);
    }

    @Test
    void shouldListAnItemOverdueAndTellItsDepartmentWhenTheClockPassesItsLimitWhileTheDepartmentIsDown()
            throws Exception {
        LocalDate filedOn = LocalDate.now(ChinaTime.ZONE);
        UUID id;
        // Known to the departments (the CDC's first doses uploaded) before the CDC goes down.
        ObjectNode form = portal.knownFamily();
        platform.kill("vaccination-service");
        try {
            var filed = portal.motherOf(form).post("/api/v1/applications", form);
            assertThat(filed.status()).as(filed.body()).isEqualTo(201);
            id = UUID.fromString(filed.json().get("id").asString());

            // Guizhou's vaccination certificate is due the day it is applied for (即办): ten days on, it is late.
            var moved = portal.as("OPS", null).post("/api/v1/dev/clock", JsonHttp.JSON.readTree(
                    "{\"advance\": \"P10D\"}"));
            assertThat(moved.status()).as(moved.body()).isEqualTo(200);

            JsonHttp supervisor = portal.as("SUPERVISOR", null);
            await("listed overdue").atMost(PATIENCE).pollInterval(Duration.ofSeconds(1)).untilAsserted(() -> {
                var deadlines = supervisor.get("/api/v1/ops/deadlines?overdue=true");
                assertThat(deadlines.status()).as(deadlines.body()).isEqualTo(200);
                JsonNode vaccination = itemOf(deadlines.json().get("items"), id, "VACCINATION");
                assertThat(vaccination != null).as(deadlines.body()).isTrue();
                assertThat(vaccination.get("department").asString()).isEqualTo("CDC");
                assertThat(vaccination.get("daysOverdue").asLong()).isGreaterThanOrEqualTo(10);
                assertThat(deadlines.json().get("byDepartment").get("CDC").asLong()).isPositive();
            });
        } finally {
            platform.restart("vaccination-service");
        }

        JsonHttp cdcStaff = portal.staff("CDC");
        await("the department told").atMost(PATIENCE).pollInterval(Duration.ofSeconds(1)).untilAsserted(() -> {
            var notices = cdcStaff.get("/api/v1/departments/CDC/overdue-items?size=100");
            assertThat(notices.status()).as(notices.body()).isEqualTo(200);
            assertThat(itemOf(notices.json().get("items"), id, "VACCINATION") != null).as(notices.body()).isTrue();
        });
        assertThat(portal.staff("POLICE").get("/api/v1/departments/CDC/overdue-items").status()).isEqualTo(403);

        var statistics = portal.as("SUPERVISOR", null).get("/api/v1/statistics/applications?region=520000&from="
                + filedOn + "&to=" + filedOn.plusDays(1) + "&groupBy=department");
        assertThat(statistics.status()).as(statistics.body()).isEqualTo(200);
        JsonNode cdc = statistics.json().get("groups").get("CDC");
        assertThat(cdc.get("total").asLong()).as(statistics.body()).isPositive();
        assertThat(statistics.json().get("applications").get("total").asLong()).isPositive();
    }

    /** The entry of the list about the application's item, or null. */
    private static JsonNode itemOf(JsonNode items, UUID id, String item) {
        return items.valueStream().filter(entry -> entry.get("applicationId").asString().equals(id.toString())
                && entry.get("item").asString().equals(item)).findFirst().orElse(null);
    }
}

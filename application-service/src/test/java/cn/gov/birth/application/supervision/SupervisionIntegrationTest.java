package cn.gov.birth.application.supervision;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import cn.gov.birth.application.clock.DevClock;
import cn.gov.birth.application.deadlines.WorkingCalendar;
import cn.gov.birth.contracts.ChinaTime;
import cn.gov.birth.contracts.Department;
import cn.gov.birth.contracts.Item;
import cn.gov.birth.contracts.Topics;
import cn.gov.birth.contracts.events.ItemWentOverdue;
import cn.gov.birth.contracts.events.VaccinationCertificateIssued;
import cn.gov.birth.platform.test.JsonHttp;
import cn.gov.birth.platform.test.ServiceIntegrationTest;
import cn.gov.birth.platform.test.TestInfrastructure;
import cn.gov.birth.platform.test.Tokens;
import cn.gov.birth.security.Role;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Supervision of the promised time limits, on the dev clock: items found overdue once each and
 * their departments told, the deadline lists by role, and the applications' figures.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class SupervisionIntegrationTest extends ServiceIntegrationTest {

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) {
        TestInfrastructure.register(registry, "it_application_supervision");
    }

    @LocalServerPort
    int port;

    @Autowired
    DevClock clock;

    @Autowired
    OverdueCheck check;

    @Autowired
    WorkingCalendar calendar;

    @Autowired
    MeterRegistry meters;

    JsonHttp anonymous;

    @BeforeEach
    void client() {
        anonymous = new JsonHttp("http://127.0.0.1:" + port);
    }

    /** Other test classes share the context: the clock goes back to the real time after each test. */
    @AfterEach
    void realTime() {
        clock.reset();
    }

    @Test
    void shouldFindEachOverdueItemOnceTellItsDepartmentAndCountIt() {
        UUID id = file(JsonHttp.newFamily());
        LocalDate vaccinationDue = deadline(id, Item.VACCINATION);
        double countedBefore = overdueCounted(Item.VACCINATION);
        long foundBefore = found(Item.VACCINATION);
        assertThat(check.run()).as("nothing is overdue on the day of filing").isZero();

        clock.advance(Duration.ofDays(60));
        // Two instances at once, then a later run: the item is found by one of them, once.
        List<CompletableFuture<Integer>> concurrent = List.of(CompletableFuture.supplyAsync(check::run),
                CompletableFuture.supplyAsync(check::run));
        concurrent.forEach(CompletableFuture::join);
        check.run();

        assertThat(jdbc.sql("select item from item_overdue where application_id = ?").param(id).query(String.class)
                .list()).containsExactlyInAnyOrder("BIRTH_CERT", "VACCINATION", "HUKOU", "MEDICAL_INSURANCE",
                "MATERNITY_REIMBURSEMENT", "SOCIAL_SECURITY_CARD");
        ItemWentOverdue told = probe.awaitEvent(Topics.applicationsFor(Department.CDC), ItemWentOverdue.class,
                event -> event.applicationId().equals(id));
        assertThat(told.item()).isEqualTo(Item.VACCINATION);
        assertThat(told.deadline()).isEqualTo(vaccinationDue);
        assertThat(told.reference()).startsWith("520000-");
        // Everything published has been sent, and the birth certificate's notice (sent with the rest) arrived.
        await().atMost(Duration.ofSeconds(30)).until(() ->
                jdbc.sql("select count(*) from outbox_event").query(Long.class).single() == 0);
        assertThat(probe.awaitEvent(Topics.applicationsFor(Department.HEALTH), ItemWentOverdue.class,
                event -> event.applicationId().equals(id)).item()).isEqualTo(Item.BIRTH_CERT);
        assertThat(probe.events(Topics.applicationsFor(Department.CDC), ItemWentOverdue.class, id)).hasSize(1);
        assertThat(probe.events(Topics.applicationsFor(Department.HEALTH), ItemWentOverdue.class, id)).hasSize(1);
        // Every vaccination certificate found overdue counted once (other tests' applications too).
        assertThat(overdueCounted(Item.VACCINATION) - countedBefore).isEqualTo(found(Item.VACCINATION) - foundBefore)
                .isPositive();
        assertThat(meters.get("birth.items.overdue.open").tag("department", "CDC").gauge().value()).isPositive();
    }

    @Test
    void shouldNotFindAnItemOverdueOnceItsDepartmentFinishedIt() {
        UUID id = file(JsonHttp.newFamily());
        probe.publish(Topics.VACCINATION, new VaccinationCertificateIssued(UUID.randomUUID(), id, Instant.now(), "V9"));
        await().atMost(Duration.ofSeconds(30)).until(() -> "COMPLETED".equals(itemStatus(id, Item.VACCINATION)));

        clock.advance(Duration.ofDays(60));
        check.run();

        assertThat(jdbc.sql("select item from item_overdue where application_id = ?").param(id).query(String.class)
                .list()).isNotEmpty().doesNotContain("VACCINATION");
    }

    @Test
    void shouldListItemsDueSoonAndOverdueLabelledByDepartmentForSupervisorsOpsAndTheirOwnStaff() {
        UUID id = file(JsonHttp.newFamily());
        LocalDate today = LocalDate.now(clock.withZone(ChinaTime.ZONE));
        LocalDate hukouDue = deadline(id, Item.HUKOU);

        JsonNode soon = ofApplication(anonymous.as(Tokens.of(Role.SUPERVISOR))
                .get("/api/v1/ops/deadlines?dueWithin=P60D&region=520000").json(), id);
        assertThat(soon.valueStream().map(item -> item.get("item").asString()))
                .contains("VACCINATION", "HUKOU", "MATERNITY_REIMBURSEMENT");
        assertThat(soon.valueStream().filter(item -> item.get("item").asString().equals("HUKOU"))).singleElement()
                .satisfies(item -> {
                    assertThat(item.get("department").asString()).isEqualTo("POLICE");
                    assertThat(item.get("deadline").asString()).isEqualTo(hukouDue.toString());
                    assertThat(item.get("overdue").asBoolean()).isFalse();
                });
        assertThat(ofApplication(anonymous.as(Tokens.of(Role.OPS)).get("/api/v1/ops/deadlines?overdue=true").json(),
                id)).isEmpty();

        clock.advance(Duration.ofDays(10));
        LocalDate later = today.plusDays(10);
        JsonNode overdue = ofApplication(anonymous.as(Tokens.of(Role.OPS)).get("/api/v1/ops/deadlines?overdue=true")
                .json(), id);
        assertThat(overdue.valueStream().filter(item -> item.get("item").asString().equals("HUKOU"))).singleElement()
                .satisfies(item -> {
                    assertThat(item.get("overdue").asBoolean()).isTrue();
                    assertThat(item.get("daysOverdue").asLong()).isEqualTo(later.toEpochDay() - hukouDue.toEpochDay());
                    assertThat(item.get("workingDaysOverdue").asInt())
                            .isEqualTo(calendar.workingDaysBetween(hukouDue, later));
                });
        JsonNode own = anonymous.as(Tokens.staff("POLICE")).get("/api/v1/ops/deadlines?overdue=true").json();
        assertThat(own.get("items").valueStream().map(item -> item.get("department").asString()).distinct())
                .containsExactly("POLICE");
        assertThat(own.get("byDepartment").propertyNames()).containsExactly("POLICE");
        assertThat(anonymous.as(Tokens.staff("POLICE")).get("/api/v1/ops/deadlines?overdue=true&department=CDC")
                .status()).isEqualTo(403);
        assertThat(anonymous.as(Tokens.of(Role.CLERK)).get("/api/v1/ops/deadlines?overdue=true").status())
                .isEqualTo(403);
        assertThat(anonymous.get("/api/v1/ops/deadlines?overdue=true").status()).isEqualTo(401);
    }

    @Test
    void shouldAnswer400ForBadSupervisionAndStatisticsParameters() {
        JsonHttp supervisor = anonymous.as(Tokens.of(Role.SUPERVISOR));
        for (String query : List.of("/api/v1/ops/deadlines", "/api/v1/ops/deadlines?overdue=false",
                "/api/v1/ops/deadlines?overdue=yes", "/api/v1/ops/deadlines?dueWithin=2days",
                "/api/v1/ops/deadlines?dueWithin=-P1D", "/api/v1/ops/deadlines?overdue=true&department=COURT",
                "/api/v1/statistics/applications?groupBy=person", "/api/v1/statistics/applications?from=2026-13-01",
                "/api/v1/statistics/applications?from=2026-12-01&to=2026-11-01",
                "/api/v1/statistics/applications?region=guizhou")) {
            var answer = supervisor.get(query);
            assertThat(answer.status()).as(query + ": " + answer.body()).isEqualTo(400);
        }
    }

    @Test
    void shouldCountStatusesWorkingDaysAndOnTimeCompletionOfTheApplicationsOfAPeriod() {
        // A working day of its own, far ahead, on which only this test files.
        clock.advance(Duration.ofDays(2000 + ThreadLocalRandom.current().nextInt(500)));
        while (!calendar.isWorkingDay(today())) {
            clock.advance(Duration.ofDays(1));
        }
        LocalDate day = today();
        UUID onTime = file(bornTwoDaysBefore(day));
        UUID late = file(bornTwoDaysBefore(day));
        // The vaccination certificate is due the day it is applied for (即办, Guizhou): one is issued that
        // day, one two working days on.
        complete(onTime, day);
        complete(late, calendar.addWorkingDays(day, 2));
        String period = "/api/v1/statistics/applications?region=520000&from=" + day + "&to=" + day;

        JsonNode byItem = anonymous.as(Tokens.of(Role.SUPERVISOR)).get(period + "&groupBy=item").json();
        JsonNode vaccination = byItem.get("groups").get("VACCINATION");
        assertThat(vaccination.get("total").asLong()).isEqualTo(2);
        assertThat(vaccination.get("byStatus").get("COMPLETED").asLong()).isEqualTo(2);
        assertThat(vaccination.get("averageWorkingDays").asDouble()).isEqualTo(1.0);
        assertThat(vaccination.get("p90WorkingDays").asInt()).isEqualTo(2);
        assertThat(vaccination.get("completedOnTime").asLong()).isEqualTo(1);
        assertThat(vaccination.get("onTimeRate").asDouble()).isEqualTo(0.5);
        assertThat(byItem.get("groups").get("HUKOU").get("byStatus").get("WAITING").asLong()).isEqualTo(2);
        assertThat(byItem.get("applications").get("total").asLong()).isEqualTo(2);
        assertThat(byItem.get("applications").get("byStatus").get("IN_PROGRESS").asLong()).isEqualTo(2);
        assertThat(byItem.get("applications").get("completed").asLong()).isZero();

        JsonNode byDepartment = anonymous.as(Tokens.of(Role.OPS)).get(period + "&groupBy=department").json();
        assertThat(byDepartment.get("groups").get("CDC").get("onTimeRate").asDouble()).isEqualTo(0.5);
        assertThat(byDepartment.get("groups").get("MEDICAL_INSURANCE").get("total").asLong()).isEqualTo(4);

        JsonNode own = anonymous.as(Tokens.staff("CDC")).get(period).json();
        assertThat(own.get("groups").propertyNames()).containsExactly("VACCINATION");
        assertThat(own.get("applications").isNull()).isTrue();
        assertThat(anonymous.as(Tokens.citizen("520102199403121220")).get(period).status()).isEqualTo(403);
    }

    private LocalDate today() {
        return LocalDate.now(clock.withZone(ChinaTime.ZONE));
    }

    /** A new family whose girl was born two days before {@code day}, at 08:00 in China. */
    private static ObjectNode bornTwoDaysBefore(LocalDate day) {
        ObjectNode form = JsonHttp.newFamily();
        ((ObjectNode) form.get("newborn")).put("birthTime",
                day.minusDays(2).atTime(LocalTime.of(8, ThreadLocalRandom.current().nextInt(60)))
                        .atOffset(ChinaTime.OFFSET).toString());
        return form;
    }

    /** The vaccination certificate issued at noon (China) of {@code day}. */
    private void complete(UUID id, LocalDate day) {
        Instant noon = day.atTime(12, 0).atZone(ChinaTime.ZONE).toInstant();
        probe.publish(Topics.VACCINATION, new VaccinationCertificateIssued(UUID.randomUUID(), id, noon, "V" + day));
        await().atMost(Duration.ofSeconds(30)).until(() -> "COMPLETED".equals(itemStatus(id, Item.VACCINATION)));
    }

    private UUID file(ObjectNode form) {
        var filed = anonymous.as(Tokens.citizen(form.get("mother").get("idNumber").asString()))
                .post("/api/v1/applications", form);
        assertThat(filed.status()).as(filed.body()).isEqualTo(201);
        assertThat(filed.json().get("status").asString()).as(filed.body()).isEqualTo("ACCEPTED");
        return UUID.fromString(filed.json().get("id").asString());
    }

    private LocalDate deadline(UUID id, Item item) {
        return jdbc.sql("select deadline from application_item where application_id = ? and item = ?")
                .params(id, item.name()).query(LocalDate.class).single();
    }

    private String itemStatus(UUID id, Item item) {
        return jdbc.sql("select status from application_item where application_id = ? and item = ?")
                .params(id, item.name()).query(String.class).single();
    }

    private double overdueCounted(Item item) {
        var counter = meters.find("birth.items.overdue").tag("item", item.name()).counter();
        return counter == null ? 0 : counter.count();
    }

    private long found(Item item) {
        return jdbc.sql("select count(*) from item_overdue where item = ?").param(item.name()).query(Long.class)
                .single();
    }

    private static JsonNode ofApplication(JsonNode deadlines, UUID id) {
        return JsonHttp.JSON.valueToTree(deadlines.get("items").valueStream()
                .filter(item -> item.get("applicationId").asString().equals(id.toString())).toList());
    }
}

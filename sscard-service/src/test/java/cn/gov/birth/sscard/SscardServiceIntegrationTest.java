package cn.gov.birth.sscard;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.matching;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.not;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;

import cn.gov.birth.contracts.Item;
import cn.gov.birth.contracts.Department;
import cn.gov.birth.contracts.Topics;
import cn.gov.birth.contracts.codes.ResidentIdNumber;
import cn.gov.birth.contracts.events.ApplicationForm.Card;
import cn.gov.birth.contracts.events.ApplicationForm.Delivery;
import cn.gov.birth.contracts.events.ApplicationSubmitted;
import cn.gov.birth.contracts.events.DepartmentViews;
import cn.gov.birth.contracts.events.ApplicationSupplemented;
import cn.gov.birth.contracts.events.HouseholdRegistered;
import cn.gov.birth.contracts.events.ItemAwaitingReview;
import cn.gov.birth.contracts.events.ItemCancelled;
import cn.gov.birth.contracts.events.ItemRejected;
import cn.gov.birth.contracts.events.ItemReturned;
import cn.gov.birth.contracts.events.ItemStarted;
import cn.gov.birth.contracts.events.SocialSecurityCardApplied;
import cn.gov.birth.simulator.SignedCallback;
import cn.gov.birth.platform.test.JsonHttp;
import cn.gov.birth.platform.test.PartnerCalls;
import cn.gov.birth.platform.test.SampleEvents;
import cn.gov.birth.platform.test.ServiceIntegrationTest;
import cn.gov.birth.platform.test.TestInfrastructure;
import cn.gov.birth.platform.test.Tokens;
import cn.gov.birth.security.BlindIndex;
import cn.gov.birth.security.Role;
import cn.gov.birth.sscard.bank.CardCallbacks;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import com.github.tomakehurst.wiremock.stubbing.StubMapping;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * sscard-service against a real PostgreSQL and a real Kafka broker, deciding on the HR
 * department's banks, branches and issued cards (imported as CSV, as an administrator would), and
 * sending card-making data to banks played by an in-JVM WireMock: the simulator's own mapping
 * (simulator/mappings/bank-card-applications.json), a bank that cannot make the card, and a
 * scripted failing, slow bank.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.DEFINED_PORT)
class SscardServiceIntegrationTest extends ServiceIntegrationTest {

    /** The department's application topic (tests send the whole form: a view is a part of it). */
    private static final String APPLICATIONS = Topics.applicationsFor(Department.HUMAN_RESOURCES);

    /** The service's port, fixed before start so that the callback URL the banks get names it. */
    private static final int PORT = freePort();
    private static final int FLAKY_SLOWEST_MILLIS = 1200;
    private static final FlakyBank FLAKY = new FlakyBank(FLAKY_SLOWEST_MILLIS);
    /** The banks, whose callbacks are signed as each bank (the simulator's signed-callback, and the flaky bank's). */
    private static final WireMockServer BANKS = new WireMockServer(options().dynamicPort()
            .extensions(FLAKY, new SignedCallback(PartnerCalls.secrets())));
    private static final String SIMULATOR_MAPPING = "../simulator/mappings/bank-card-applications.json";
    private static final AtomicInteger PEOPLE = new AtomicInteger();
    private static final String BANK_URLS;

    static {
        BANKS.start();
        BANK_URLS = "http://127.0.0.1:" + BANKS.port() + "/bank/";
        try {
            BANKS.addStubMapping(StubMapping.buildFrom(Files.readString(Path.of(SIMULATOR_MAPPING))));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        // A bank that takes the data but cannot make the card.
        BANKS.stubFor(post(urlPathEqualTo("/bank/BOC/card-applications")).atPriority(1)
                .willReturn(aResponse().withStatus(202))
                .withServeEventListener(SignedCallback.NAME, SignedCallback.failed("PHOTO_REJECTED")));
        BANKS.stubFor(post(urlPathEqualTo("/bank/FLAKY/card-applications")).atPriority(1)
                .willReturn(aResponse().withTransformers(FlakyBank.NAME)));
        // A bank that refuses the data itself, and one whose interface turns this service away.
        BANKS.stubFor(post(urlPathEqualTo("/bank/PICKY/card-applications")).atPriority(1)
                .willReturn(aResponse().withStatus(422).withBody("{\"error\": \"PHOTO_MISSING\"}")));
        BANKS.stubFor(post(urlPathEqualTo("/bank/LOCKED/card-applications")).atPriority(1)
                .willReturn(aResponse().withStatus(403)));
        // A bank whose first callback never arrives (the service was down when it called), then reports.
        BANKS.stubFor(post(urlPathEqualTo("/bank/LOST/card-applications")).atPriority(1)
                .inScenario("lost callback").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(aResponse().withStatus(202))
                .willSetStateTo("called once"));
        BANKS.stubFor(post(urlPathEqualTo("/bank/LOST/card-applications")).atPriority(1)
                .inScenario("lost callback").whenScenarioStateIs("called once")
                .willReturn(aResponse().withStatus(202))
                .withServeEventListener(SignedCallback.NAME, SignedCallback.made("SS0000000099")));
    }

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) {
        TestInfrastructure.register(registry, "it_sscard_service");
        registry.add("server.port", () -> PORT);
        // The in-JVM banks' interfaces are where card data may go (under dev: http allowed).
        registry.add("birth.card.bank-api.allowed-urls", () -> BANK_URLS);
        // Faster rounds than in production, so the flaky bank's test fits in a minute or two.
        registry.add("birth.card.sender.poll-interval", () -> "PT0.2S");
        registry.add("birth.card.sender.initial-backoff", () -> "PT0.2S");
        registry.add("birth.card.sender.max-backoff", () -> "PT1S");
        registry.add("birth.card.bank-api.timeout", () -> "800ms");
        registry.add("birth.card.sender.callback-timeout", () -> "PT3S");
        registry.add("resilience4j.circuitbreaker.configs.bank.wait-duration-in-open-state", () -> "1s");
        registry.add("resilience4j.retry.configs.bank.wait-duration", () -> "100ms");
    }

    @Autowired
    CircuitBreakerRegistry breakers;

    @Autowired
    BlindIndex blindIndex;

    @BeforeEach
    void referenceData() {
        String bank = BANK_URLS;
        importOk("banks", """
                region,bankCode,name,cardApiUrl,active
                520000,ICBC,中国工商银行,%1$sICBC,true
                520000,CCB,中国建设银行,%1$sCCB,true
                520000,ABC,中国农业银行,%1$sABC,false
                520000,BOC,中国银行,%1$sBOC,true
                520000,FLAKY,不稳定银行,%1$sFLAKY,true
                520000,LOST,回调丢失银行,%1$sLOST,true
                520000,PICKY,拒收银行,%1$sPICKY,true
                520000,LOCKED,拒绝访问银行,%1$sLOCKED,true
                620000,LZBANK,兰州银行,%1$sLZBANK,true
                """.formatted(bank));
        importOk("branches", """
                bankCode,county,code,name,address
                ICBC,520102,ICBC-520102-01,中国工商银行贵阳南明支行,贵州省贵阳市南明区中华南路1号
                ICBC,520103,ICBC-520103-01,中国工商银行贵阳云岩支行,贵州省贵阳市云岩区中华北路2号
                BOC,520102,BOC-520102-01,中国银行贵阳南明支行,贵州省贵阳市南明区遵义路3号
                FLAKY,520102,FLAKY-520102-01,不稳定银行南明网点,贵州省贵阳市南明区花果园4号
                LOST,520102,LOST-520102-01,回调丢失银行南明网点,贵州省贵阳市南明区花果园6号
                PICKY,520102,PICKY-520102-01,拒收银行南明网点,贵州省贵阳市南明区花果园7号
                LOCKED,520102,LOCKED-520102-01,拒绝访问银行南明网点,贵州省贵阳市南明区花果园8号
                CCB,520103,CCB-520103-01,中国建设银行贵阳云岩支行,贵州省贵阳市云岩区延安中路5号
                """);
    }

    @AfterAll
    static void stopBanks() {
        BANKS.stop();
        FLAKY.close();
    }

    @Test
    void shouldCompleteWhenTheBankReportsTheCardMade() {
        UUID id = UUID.randomUUID();
        String citizenId = newCitizenId();
        probe.publish(APPLICATIONS, application(id, "ICBC", "PICKUP"));
        probe.publish(Topics.HUKOU, registered(id, citizenId));

        var applied = probe.awaitEvent(Topics.SSCARD, SocialSecurityCardApplied.class, e -> e.applicationId().equals(id));

        assertThat(applied.bankCode()).isEqualTo("ICBC");
        assertThat(applied.cardStatus()).isEqualTo("MADE");
        assertThat(applied.pickupBranch()).isEqualTo("中国工商银行贵阳南明支行");
        assertThat(probe.events(Topics.SSCARD, ItemStarted.class, id)).hasSize(1);
        // Signed as sent to ICBC; the bank gets the request's random id, never the application's.
        assertThat(requestIdOf(id)).doesNotContain(id.toString());
        BANKS.verify(1, postRequestedFor(urlPathEqualTo("/bank/ICBC/card-applications"))
                .withHeader("X-Birth-Partner", equalTo("BANK-ICBC"))
                .withHeader("X-Birth-Signature", matching("[0-9a-f]{64}"))
                .withRequestBody(matchingJsonPath("$.requestId", equalTo(requestIdOf(id))))
                .withRequestBody(not(matchingJsonPath("$.applicationId")))
                .withRequestBody(matchingJsonPath("$.citizenIdNumber", equalTo(citizenId)))
                .withRequestBody(matchingJsonPath("$.name", equalTo("李安然")))
                .withRequestBody(matchingJsonPath("$.birthDate", equalTo("2026-11-20")))
                .withRequestBody(matchingJsonPath("$.delivery.branchCode", equalTo("ICBC-520102-01")))
                .withRequestBody(matchingJsonPath("$.requestId"))
                .withRequestBody(matchingJsonPath("$.callbackUrl")));
        assertThat(jdbc.sql("select bank_code from issued_card where id_number_index = ?")
                .param(blindIndex.idNumber(citizenId))
                .query(String.class).single()).isEqualTo("ICBC");
    }

    @Test
    void shouldRejectWhenTheCitizenAlreadyHasACard() {
        UUID id = UUID.randomUUID();
        String citizenId = newCitizenId();
        importOk("issued-cards", """
                idNumber,cardNumber,bankCode,issuedAt
                %s,SS0000000001,ICBC,2026-11-21T10:00:00+08:00
                """.formatted(citizenId));
        probe.publish(APPLICATIONS, application(id, "ICBC", "PICKUP"));
        probe.publish(Topics.HUKOU, registered(id, citizenId));

        var rejected = probe.awaitEvent(Topics.SSCARD, ItemRejected.class, e -> e.applicationId().equals(id));

        assertThat(rejected.reasonCode()).isEqualTo("CARD_ALREADY_ISSUED");
        BANKS.verify(0, postRequestedFor(urlPathEqualTo("/bank/ICBC/card-applications"))
                .withRequestBody(matchingJsonPath("$.citizenIdNumber", equalTo(citizenId))));
    }

    @Test
    void shouldNeverApplyForASecondCardForTheSamePerson() {
        UUID first = UUID.randomUUID();
        UUID second = UUID.randomUUID();
        String citizenId = newCitizenId();
        probe.publish(APPLICATIONS, application(first, "ICBC", "PICKUP"));
        probe.publish(Topics.HUKOU, registered(first, citizenId));
        probe.awaitEvent(Topics.SSCARD, SocialSecurityCardApplied.class, e -> e.applicationId().equals(first));
        probe.publish(APPLICATIONS, application(second, "ICBC", "PICKUP"));
        probe.publish(Topics.HUKOU, registered(second, citizenId));

        var rejected = probe.awaitEvent(Topics.SSCARD, ItemRejected.class, e -> e.applicationId().equals(second));

        assertThat(rejected.reasonCode()).isEqualTo("CARD_ALREADY_ISSUED");
    }

    @Test
    void shouldReturnWhenTheBankIsNotACardBankOfTheRegionAndCompleteWithTheBankChosenInTheSupplement() {
        UUID id = UUID.randomUUID();
        ApplicationSubmitted application = application(id, "LZBANK", "PICKUP");
        probe.publish(APPLICATIONS, application);
        probe.publish(Topics.HUKOU, registered(id, newCitizenId()));

        var returned = probe.awaitEvent(Topics.SSCARD, ItemReturned.class, e -> e.applicationId().equals(id));
        assertThat(returned.reasonCode()).isEqualTo("BANK_NOT_AVAILABLE");

        probe.publish(APPLICATIONS, ApplicationSupplemented.of(UUID.randomUUID(), Instant.now(),
                List.of(Item.SOCIAL_SECURITY_CARD), application(id, "ICBC", "PICKUP")));

        var applied = probe.awaitEvent(Topics.SSCARD, SocialSecurityCardApplied.class, e -> e.applicationId().equals(id));
        assertThat(applied.bankCode()).isEqualTo("ICBC");
        assertThat(applied.cardStatus()).isEqualTo("MADE");
    }

    @Test
    void shouldReturnWhenTheBankTakesNoApplicationsNow() {
        UUID id = applyAfterRegistration("ABC", "PICKUP");

        var returned = probe.awaitEvent(Topics.SSCARD, ItemReturned.class, e -> e.applicationId().equals(id));

        assertThat(returned.reasonCode()).isEqualTo("BANK_NOT_AVAILABLE");
        assertThat(returned.message()).contains("中国农业银行");
    }

    @Test
    void shouldMailTheCardWhenTheFormAsksForMail() {
        UUID id = applyAfterRegistration("CCB", "MAIL");

        var applied = probe.awaitEvent(Topics.SSCARD, SocialSecurityCardApplied.class, e -> e.applicationId().equals(id));

        assertThat(applied.pickupBranch()).isEqualTo("邮寄");
        BANKS.verify(1, postRequestedFor(urlPathEqualTo("/bank/CCB/card-applications"))
                .withRequestBody(matchingJsonPath("$.requestId", equalTo(requestIdOf(id))))
                .withRequestBody(matchingJsonPath("$.delivery.method", equalTo("MAIL")))
                .withRequestBody(matchingJsonPath("$.delivery.address", equalTo("贵州省贵阳市南明区花果园路1号"))));
    }

    @Test
    void shouldSealTheCardRequestsCitizenIdNumberAndMailingDataAndLookItUpByItsIndex() {
        UUID id = applyAfterRegistration("CCB", "MAIL");

        probe.awaitEvent(Topics.SSCARD, SocialSecurityCardApplied.class, e -> e.applicationId().equals(id));

        var sent = BANKS.findAll(postRequestedFor(urlPathEqualTo("/bank/CCB/card-applications"))
                .withRequestBody(matchingJsonPath("$.requestId", equalTo(requestIdOf(id)))));
        String citizenId = JsonHttp.JSON.readTree(sent.getFirst().getBodyAsString()).get("citizenIdNumber").asString();
        var stored = jdbc.sql("select citizen_id_number, citizen_id_number_index, payload from card_request "
                + "where application_id = ?").param(id).query().singleRow();
        assertThat((String) stored.get("citizen_id_number")).startsWith("ENC1:");
        assertThat((String) stored.get("payload")).startsWith("ENC1:").doesNotContain("花果园");
        assertThat(stored.get("citizen_id_number_index")).isEqualTo(blindIndex.idNumber(citizenId));
        assertThat(jdbc.sql("select count(*) from issued_card where id_number_index = ?")
                .param(blindIndex.idNumber(citizenId)).query(Long.class).single()).isEqualTo(1);
    }

    @Test
    void shouldWaitForStaffWhenTheBankHasNoBranchInTheHouseholdCountyAndMailOnceApproved() {
        UUID id = applyAfterRegistration("CCB", "PICKUP");

        var waiting = probe.awaitEvent(Topics.SSCARD, ItemAwaitingReview.class, e -> e.applicationId().equals(id));
        assertThat(waiting.reasonCode()).isEqualTo("NO_PICKUP_BRANCH");
        assertThat(probe.events(Topics.SSCARD, SocialSecurityCardApplied.class, id)).isEmpty();

        var decided = staff("hr-007").post("/api/v1/departments/HUMAN_RESOURCES/tasks/" + taskOf(id)
                + "/decisions", "{\"decision\":\"APPROVE\",\"message\":\"改为邮寄\"}");

        assertThat(decided.status()).as(decided.body()).isEqualTo(200);
        assertThat(decided.json().get("decidedBy").asString()).isEqualTo("hr-007");
        var applied = probe.awaitEvent(Topics.SSCARD, SocialSecurityCardApplied.class, e -> e.applicationId().equals(id));
        assertThat(applied.pickupBranch()).isEqualTo("邮寄");
        assertThat(applied.cardStatus()).isEqualTo("MADE");
    }

    @Test
    void shouldReturnWhenTheBankCouldNotMakeTheCard() {
        UUID id = applyAfterRegistration("BOC", "PICKUP");

        var returned = probe.awaitEvent(Topics.SSCARD, ItemReturned.class, e -> e.applicationId().equals(id));

        assertThat(returned.reasonCode()).isEqualTo("CARD_MAKING_FAILED");
        assertThat(returned.message()).contains("PHOTO_REJECTED");
        assertThat(probe.events(Topics.SSCARD, SocialSecurityCardApplied.class, id)).isEmpty();
    }

    @Test
    void shouldSendAgainAndCompleteWhenTheBanksCallbackIsLost() {
        UUID id = applyAfterRegistration("LOST", "PICKUP");

        var applied = probe.awaitEvent(Topics.SSCARD, SocialSecurityCardApplied.class, e -> e.applicationId().equals(id));

        assertThat(applied.cardStatus()).isEqualTo("MADE");
        var sent = BANKS.findAll(postRequestedFor(urlPathEqualTo("/bank/LOST/card-applications")));
        assertThat(sent).hasSize(2);
        assertThat(sent.stream().map(request -> JsonHttp.JSON.readTree(request.getBodyAsString()).get("requestId").asString()).distinct())
                .hasSize(1);
    }

    @Test
    void shouldReturnWhenTheBankRefusesTheDataButKeepTryingWhenItTurnsTheServiceAway() {
        UUID refused = applyAfterRegistration("PICKY", "PICKUP");
        UUID turnedAway = applyAfterRegistration("LOCKED", "PICKUP");

        assertThat(probe.awaitEvent(Topics.SSCARD, ItemReturned.class, e -> e.applicationId().equals(refused))
                .reasonCode()).isEqualTo("CARD_MAKING_FAILED");
        // A 403 is not the applicant's to correct: the request is tried again, and the item stays open.
        Awaitility.await().atMost(Duration.ofSeconds(30)).until(() ->
                BANKS.findAll(postRequestedFor(urlPathEqualTo("/bank/LOCKED/card-applications"))).size() >= 2);
        assertThat(jdbc.sql("select state from card_request where application_id = ?").param(turnedAway)
                .query(String.class).single()).isEqualTo("PENDING");
        assertThat(probe.events(Topics.SSCARD, ItemReturned.class, turnedAway)).isEmpty();
    }

    @Test
    void shouldChangeNothingWhenTheBankReportsAgain() {
        UUID id = applyAfterRegistration("ICBC", "PICKUP");
        probe.awaitEvent(Topics.SSCARD, SocialSecurityCardApplied.class, e -> e.applicationId().equals(id));
        String requestId = requestIdOf(id);

        var again = callback("ICBC", "{\"requestId\":\"" + requestId
                + "\",\"status\":\"FAILED\",\"reason\":\"LATE_REPORT\"}");
        var unknown = callback("ICBC", "{\"requestId\":\"" + UUID.randomUUID()
                + "\",\"status\":\"MADE\",\"cardNumber\":\"SS0000000009\"}");
        var malformed = callback("ICBC", "{\"requestId\":\"x\",\"status\":\"DONE\"}");

        assertThat(again.status()).isEqualTo(200);
        assertThat(again.json().get("state").asString()).isEqualTo("MADE");
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(malformed.status()).isEqualTo(400);
        assertThat(malformed.json().get("errors").valueStream().map(e -> e.get("field").asString()).toList())
                .containsExactlyInAnyOrder("requestId", "status");
        awaitQuiet(Topics.HUKOU);
        assertThat(probe.events(Topics.SSCARD, SocialSecurityCardApplied.class, id)).hasSize(1);
        assertThat(probe.events(Topics.SSCARD, ItemReturned.class, id)).isEmpty();
    }

    @Test
    void shouldCancelTheCardWhenTheHouseholdRegistrationWasCancelled() {
        UUID id = UUID.randomUUID();
        probe.publish(APPLICATIONS, SampleEvents.applicationSubmitted(id, Item.SOCIAL_SECURITY_CARD));
        probe.publish(Topics.HUKOU, new ItemCancelled(UUID.randomUUID(), id, Instant.now(), Item.HUKOU,
                "UPSTREAM_NOT_COMPLETED", "出生医学证明未办结"));

        var cancelled = probe.awaitEvent(Topics.SSCARD, ItemCancelled.class, e -> e.applicationId().equals(id));

        assertThat(cancelled.item()).isEqualTo(Item.SOCIAL_SECURITY_CARD);
        assertThat(cancelled.reasonCode()).isEqualTo("UPSTREAM_NOT_COMPLETED");
    }

    @Test
    void shouldImportAllRowsOrNoneAndListEveryBadLine() {
        long before = referenceCount("branches");

        var branches = importCsv("branches", """
                bankCode,county,code,name,address
                ICBC,520102,ICBC-520102-09,中国工商银行贵阳某支行,贵州省贵阳市南明区某路9号
                NOSUCHBANK,520102,NSB-01,某银行,某地
                ICBC,999999,ICBC-X,中国工商银行某支行,
                """);
        var banks = importCsv("banks", """
                region,bankCode,name,cardApiUrl,active
                520100,icbc,中国工商银行,ftp://bank,yes
                """);
        var cards = importCsv("issued-cards", """
                idNumber,cardNumber,bankCode,issuedAt
                520102202611200041,SS1,ICBC,2026-11-21
                """);

        assertThat(branches.status()).isEqualTo(400);
        assertThat(fields(branches)).containsExactlyInAnyOrder("line 3.bankCode", "line 4.county", "line 4.address");
        assertThat(referenceCount("branches")).isEqualTo(before);
        assertThat(banks.status()).isEqualTo(400);
        assertThat(banks.json().get("errors").valueStream()
                .map(e -> e.get("field").asString() + " " + e.get("code").asString()).toList())
                .containsExactlyInAnyOrder("line 2.region INVALID_FORMAT", "line 2.bankCode INVALID_FORMAT",
                        "line 2.cardApiUrl INVALID_FORMAT", "line 2.active UNKNOWN_CODE");
        assertThat(cards.status()).isEqualTo(400);
        assertThat(fields(cards)).containsExactlyInAnyOrder("line 2.idNumber", "line 2.cardNumber", "line 2.issuedAt");
        assertThat(importCsv("banks", "region,bankCode\n520000,ICBC\n").status()).isEqualTo(400);
    }

    /**
     * The key case: the bank fails every second call (503) and answers the others slowly,
     * some past the service's timeout. Every card application still completes, the bank accepts
     * each request id once and makes one card per application (resends after timeouts carry the
     * same request id and are deduplicated), and the bank's circuit breaker shows in the metrics.
     */
    @Test
    void shouldMakeEveryCardExactlyOnceThroughAFailingSlowBankWithTheBreakerInTheMetrics() {
        CircuitBreaker breaker = breakers.circuitBreaker("BANK-FLAKY", "bank");
        List<CircuitBreaker.StateTransition> transitions = new CopyOnWriteArrayList<>();
        breaker.getEventPublisher().onStateTransition(e -> transitions.add(e.getStateTransition()));
        int applications = 20;
        List<UUID> ids = new ArrayList<>();
        for (int i = 0; i < applications; i++) {
            UUID id = UUID.randomUUID();
            ids.add(id);
            probe.publish(APPLICATIONS, application(id, "FLAKY", "PICKUP"));
            probe.publish(Topics.HUKOU, registered(id, newCitizenId()));
        }

        Awaitility.await().atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofMillis(500)).until(() ->
                ids.stream().allMatch(id -> !probe.events(Topics.SSCARD, SocialSecurityCardApplied.class, id).isEmpty()));

        for (UUID id : ids) {
            assertThat(probe.events(Topics.SSCARD, SocialSecurityCardApplied.class, id)).hasSize(1);
        }
        Set<String> requested = new HashSet<>(jdbc.sql("""
                        select request_id::text from card_request where application_id = any(?)""")
                .param(ids.toArray(UUID[]::new)).query(String.class).list());
        assertThat(requested).hasSize(applications);
        assertThat(FLAKY.accepted()).isEqualTo(requested);
        assertThat(FLAKY.received().keySet()).isEqualTo(requested);
        // Calls the service gave up on (timed out) reached the bank and were sent again: deduplicated.
        assertThat(FLAKY.received().values()).anyMatch(times -> times > 1);
        assertThat(jdbc.sql("select count(*) from issued_card where application_id = any(?)")
                .param(ids.toArray(UUID[]::new)).query(Long.class).single()).isEqualTo(applications);
        assertThat(FLAKY.failedCalls()).isPositive();

        assertThat(transitions).contains(CircuitBreaker.StateTransition.CLOSED_TO_OPEN);
        JsonNode state = ops().get("/actuator/metrics/resilience4j.circuitbreaker.state?tag=name:BANK-FLAKY").json();
        assertThat(state.get("availableTags").valueStream().map(t -> t.get("tag").asString()))
                .contains("state");
        JsonNode failed = ops().get(
                "/actuator/metrics/resilience4j.circuitbreaker.calls?tag=name:BANK-FLAKY&tag=kind:failed").json();
        assertThat(failed.get("measurements").get(0).get("value").asDouble()).isPositive();
        String prometheus = ops().get("/actuator/prometheus").body();
        assertThat(prometheus).containsPattern("resilience4j_circuitbreaker_state\\{[^}]*name=\"BANK-FLAKY\"");
    }

    @Test
    void shouldHearACardReportOnlyFromTheBankTheRequestWasSentTo() {
        UUID id = UUID.randomUUID();
        String citizenId = newCitizenId();
        // ICBC takes this newborn's data and has not reported on it yet.
        BANKS.stubFor(post(urlPathEqualTo("/bank/ICBC/card-applications")).atPriority(1)
                .withRequestBody(matchingJsonPath("$.citizenIdNumber", equalTo(citizenId)))
                .willReturn(aResponse().withStatus(202)));
        probe.publish(APPLICATIONS, application(id, "ICBC", "PICKUP"));
        probe.publish(Topics.HUKOU, registered(id, citizenId));
        Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> "SENT".equals(requestState(id)));
        String report = "{\"requestId\":\"" + requestIdOf(id) + "\",\"status\":\"MADE\",\"cardNumber\":\"SS0000000123\"}";

        var byAnotherBank = callback("CCB", report);
        var unsigned = http().post(CardCallbacks.PATH, report);
        var byTheTaxChannel = http().post(CardCallbacks.PATH, report, PartnerCalls.signed("TAX-CHANNEL", report));
        // A token is no signature: the route is the banks' alone.
        var byStaff = staff("hr-007").post(CardCallbacks.PATH, report);

        assertThat(byAnotherBank.status()).isEqualTo(404);
        assertThat(unsigned.status()).isEqualTo(401);
        assertThat(byTheTaxChannel.status()).isEqualTo(403);
        assertThat(byStaff.status()).isEqualTo(401);
        assertThat(requestState(id)).isIn("PENDING", "SENT");
        assertThat(jdbc.sql("select count(*) from issued_card where id_number_index = ?")
                .param(blindIndex.idNumber(citizenId))
                .query(Long.class).single()).isZero();
        assertThat(probe.events(Topics.SSCARD, SocialSecurityCardApplied.class, id)).isEmpty();

        // The bank it was sent to is heard.
        var byTheBank = callback("ICBC", report);
        assertThat(byTheBank.status()).as(byTheBank.body()).isEqualTo(200);
        assertThat(byTheBank.json().get("state").asString()).isEqualTo("MADE");
        probe.awaitEvent(Topics.SSCARD, SocialSecurityCardApplied.class, e -> e.applicationId().equals(id));
    }

    @Test
    void shouldRefuseABankWhoseCardInterfaceIsNotAtAnAllowedAddressAndStoreNoBank() {
        long before = referenceCount("banks");

        var outside = importCsv("banks", """
                region,bankCode,name,cardApiUrl,active
                520000,ICBC,中国工商银行,%1$sICBC,true
                520000,EVIL,某银行,https://bank.example.com/bank/EVIL,true
                520000,NEAR,某银行,http://127.0.0.1:%2$d/bankx/NEAR,true
                """.formatted(BANK_URLS, BANKS.port()));

        assertThat(outside.status()).isEqualTo(400);
        assertThat(outside.json().get("errors").valueStream()
                .map(e -> e.get("field").asString() + " " + e.get("code").asString()).toList())
                .containsExactlyInAnyOrder("line 3.cardApiUrl URL_NOT_ALLOWED", "line 4.cardApiUrl URL_NOT_ALLOWED");
        assertThat(referenceCount("banks")).isEqualTo(before);
        assertThat(jdbc.sql("select count(*) from card_bank where bank_code in ('EVIL', 'NEAR')").query(Long.class)
                .single()).isZero();
    }

    @Test
    void shouldShowAndDecideTheHumanResourcesQueueOnlyForItsStaff() {
        UUID id = applyAfterRegistration("CCB", "PICKUP");
        probe.awaitEvent(Topics.SSCARD, ItemAwaitingReview.class, e -> e.applicationId().equals(id));
        String tasks = "/api/v1/departments/HUMAN_RESOURCES/tasks";
        String decision = tasks + "/" + taskOf(id) + "/decisions";
        String approve = "{\"decision\":\"APPROVE\",\"message\":\"改为邮寄\"}";

        assertThat(http().get(tasks).status()).isEqualTo(401);
        assertThat(http().as(Tokens.staff("POLICE")).get(tasks).status()).isEqualTo(403);
        assertThat(admin().get(tasks).status()).isEqualTo(403);
        assertThat(http().post(decision, approve).status()).isEqualTo(401);
        assertThat(http().as(Tokens.citizen(SampleEvents.MOTHER_ID)).post(decision, approve).status()).isEqualTo(403);
        assertThat(http().as(Tokens.staff("POLICE")).post(decision, approve).status()).isEqualTo(403);

        // Still waiting for its officer.
        assertThat(taskOf(id)).isNotBlank();
        assertThat(probe.events(Topics.SSCARD, SocialSecurityCardApplied.class, id)).isEmpty();
    }

    @Test
    void shouldLetOnlyHumanResourcesAdministratorsImportOrReadReferenceData() {
        long before = referenceCount("branches");
        String csv = """
                bankCode,county,code,name,address
                ICBC,520102,ICBC-520102-77,中国工商银行贵阳某支行,贵州省贵阳市南明区某路77号
                """;
        String path = "/api/v1/departments/HUMAN_RESOURCES/reference/branches";

        for (String token : List.of(Tokens.admin("POLICE"), Tokens.staff("HUMAN_RESOURCES"),
                Tokens.citizen(SampleEvents.MOTHER_ID), Tokens.of(Role.OPS))) {
            assertThat(http().as(token).postAs(path, "text/csv", csv).status()).isEqualTo(403);
        }
        assertThat(http().postAs(path, "text/csv", csv).status()).isEqualTo(401);
        assertThat(http().as(Tokens.admin("POLICE")).get("/api/v1/departments/HUMAN_RESOURCES/reference").status())
                .isEqualTo(403);
        assertThat(referenceCount("branches")).isEqualTo(before);
        assertThat(jdbc.sql("select count(*) from bank_branch where code = 'ICBC-520102-77'").query(Long.class)
                .single()).isZero();
    }

    @Test
    void shouldShowMetricsOnlyToOperationsAndHealthToAnyone() {
        assertThat(http().get("/actuator/prometheus").status()).isEqualTo(401);
        assertThat(http().as(Tokens.citizen(SampleEvents.MOTHER_ID)).get("/actuator/prometheus").status())
                .isEqualTo(403);
        assertThat(http().as(Tokens.staff("HUMAN_RESOURCES")).get("/actuator/metrics").status()).isEqualTo(403);
        assertThat(http().get("/actuator/metrics").status()).isEqualTo(401);

        var prometheus = ops().get("/actuator/prometheus");
        assertThat(prometheus.status()).isEqualTo(200);
        assertThat(prometheus.body()).contains("jvm_memory_used_bytes");
        assertThat(ops().get("/actuator/metrics").status()).isEqualTo(200);
        assertThat(http().get("/actuator/health/liveness").status()).isEqualTo(200);
    }

    /** An application for the card whose newborn the police registered with a new citizen ID number. */
    private UUID applyAfterRegistration(String bankCode, String cardDelivery) {
        UUID id = UUID.randomUUID();
        probe.publish(APPLICATIONS, application(id, bankCode, cardDelivery));
        probe.publish(Topics.HUKOU, registered(id, newCitizenId()));
        return id;
    }

    /** Human resources' view of an application for the card, as application-service sends it. */
    private static ApplicationSubmitted application(UUID id, String bankCode, String cardDelivery) {
        ApplicationSubmitted s = SampleEvents.applicationSubmitted(id, Item.SOCIAL_SECURITY_CARD);
        return DepartmentViews.view(Department.HUMAN_RESOURCES, new ApplicationSubmitted(s.eventId(), id,
                s.occurredAt(), s.reference(), s.region(), s.items(), s.applicant(), s.mother(), s.father(),
                s.newborn(), s.household(), s.insurance(), s.reimbursement(), new Card(bankCode),
                new Delivery(s.delivery().birthCertificate(), cardDelivery, s.delivery().recipient())));
    }

    private static HouseholdRegistered registered(UUID id, String citizenId) {
        return new HouseholdRegistered(UUID.randomUUID(), id, Instant.now(), citizenId, "520102", "花果园派出所");
    }

    /** A newborn girl's citizen ID number no other test uses. */
    private static String newCitizenId() {
        return ResidentIdNumber.of("520102", LocalDate.of(2026, 11, 20), 2 * PEOPLE.incrementAndGet());
    }

    /** The id of the application's card request (random: looked up, never derived). */
    private String requestIdOf(UUID id) {
        return jdbc.sql("select request_id::text from card_request where application_id = ?").param(id)
                .query(String.class).single();
    }

    private String requestState(UUID id) {
        return jdbc.sql("select state from card_request where application_id = ?").param(id).query(String.class)
                .optional().orElse(null);
    }

    /** The application's open task in the human resources queue. */
    private String taskOf(UUID id) {
        return staff("hr-001").get("/api/v1/departments/HUMAN_RESOURCES/tasks?size=100").json().get("items")
                .valueStream().filter(t -> t.get("applicationId").asString().equals(id.toString()))
                .findFirst().orElseThrow().get("id").asString();
    }

    /** A report as the bank makes it: signed as that bank. */
    private JsonHttp.Response callback(String bankCode, String body) {
        return http().post(CardCallbacks.PATH, body, PartnerCalls.signed("BANK-" + bankCode, body));
    }

    private long referenceCount(String dataset) {
        return admin().get("/api/v1/departments/HUMAN_RESOURCES/reference").json().get(dataset).asLong();
    }

    private void importOk(String dataset, String csv) {
        var response = importCsv(dataset, csv);
        assertThat(response.status()).as(response.body()).isEqualTo(200);
    }

    private JsonHttp.Response importCsv(String dataset, String csv) {
        return admin().postAs("/api/v1/departments/HUMAN_RESOURCES/reference/" + dataset, "text/csv", csv);
    }

    private static List<String> fields(JsonHttp.Response response) {
        return response.json().get("errors").valueStream().map(e -> e.get("field").asString()).toList();
    }

    /** Without a token. */
    private JsonHttp http() {
        return new JsonHttp("http://127.0.0.1:" + PORT);
    }

    /** A human resources officer, named by the token. */
    private JsonHttp staff(String officer) {
        return http().as(Tokens.token(officer, List.of(Role.STAFF), "HUMAN_RESOURCES", null));
    }

    /** The human resources department's reference data administrator. */
    private JsonHttp admin() {
        return http().as(Tokens.admin("HUMAN_RESOURCES"));
    }

    /** Operations, who watch the metrics. */
    private JsonHttp ops() {
        return http().as(Tokens.of(Role.OPS));
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

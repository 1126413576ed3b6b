package cn.gov.birth.benchmark;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class FollowerTest {

    @Test
    void shouldPollLessOftenUpToOnceASecond() {
        Duration first = Follower.FIRST_POLL;

        assertThat(first).isEqualTo(Duration.ofMillis(250));
        assertThat(Follower.nextInterval(first)).isEqualTo(Duration.ofMillis(500));
        assertThat(Follower.nextInterval(Duration.ofMillis(500))).isEqualTo(Duration.ofSeconds(1));
        assertThat(Follower.nextInterval(Duration.ofSeconds(1))).isEqualTo(Duration.ofSeconds(1));
        assertThat(Follower.nextInterval(Duration.ZERO)).as("after the GET at once that follows a stream")
                .isEqualTo(first);
    }

    @Test
    void shouldTellAFinalStatusOnlyFromTheDataOfAStatusEvent() {
        assertThat(Follower.announcesFinal("data:{\"version\":9,\"status\":\"COMPLETED\",\"item\":null}")).isTrue();
        assertThat(Follower.announcesFinal("data: {\"version\":3,\"status\":\"ACTION_REQUIRED\"}")).isTrue();
        assertThat(Follower.announcesFinal("data:{\"version\":2,\"status\":\"IN_PROGRESS\"}")).isFalse();
        assertThat(Follower.announcesFinal("id:9")).isFalse();
        assertThat(Follower.announcesFinal("event:status")).isFalse();
        assertThat(Follower.announcesFinal(":status changes of application 1, COMPLETED")).isFalse();
        assertThat(Follower.announcesFinal("")).isFalse();
    }

    @Test
    void shouldReadThePlatformsTimesAsTextOrEpochSeconds() {
        JsonNode application = JsonMapper.builder().build().readTree("""
                {"submittedAt": "2026-11-30T15:00:00.123456Z", "completedAt": 1764514800.5, "deadline": null}""");

        assertThat(Follower.instant(application.get("submittedAt"))).isEqualTo(Instant.parse("2026-11-30T15:00:00.123456Z"));
        assertThat(Follower.instant(application.get("completedAt"))).isEqualTo(Instant.ofEpochSecond(1764514800, 500_000_000));
        assertThat(Follower.instant(application.get("deadline"))).isNull();
        assertThat(Follower.instant(application.get("absent"))).isNull();
    }

    @Test
    void shouldTakeTheLatencyFromThePlatformsClockOnlyWhenItGivesBothEnds() {
        Instant submitted = Instant.parse("2026-11-30T15:00:00Z");
        Instant sent = submitted.minusMillis(30);
        Follower.Outcome completed = new Follower.Outcome("COMPLETED", sent, submitted, submitted.plusMillis(420),
                submitted.plusSeconds(1));
        Follower.Outcome refused = new Follower.Outcome("NOT_ACCEPTED", sent, submitted, null, submitted.plusMillis(300));

        assertThat(completed.platformLatency()).isEqualTo(Duration.ofMillis(420));
        assertThat(completed.completion()).isEqualTo(submitted.plusMillis(420));
        assertThat(completed.sentToCompleted()).isEqualTo(Duration.ofMillis(450));
        assertThat(refused.observed()).isEqualTo(Duration.ofMillis(330));
        assertThat(completed.completed()).isTrue();
        assertThat(refused.platformLatency()).isNull();
        assertThat(refused.completed()).isFalse();
    }
}

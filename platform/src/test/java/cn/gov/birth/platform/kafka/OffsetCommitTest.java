package cn.gov.birth.platform.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.kafka.listener.ContainerProperties;
import org.springframework.kafka.listener.ContainerProperties.AckMode;

class OffsetCommitTest {

    private final ContainerProperties container = new ContainerProperties("facts");

    @Test
    void shouldCommitOffsetsOncePerIntervalRatherThanAfterEveryPoll() {
        KafkaConventions.commitEvery(container, Duration.ofSeconds(1));

        assertThat(container.getAckMode()).isEqualTo(AckMode.TIME);
        assertThat(container.getAckTime()).isEqualTo(1_000);
        assertThat(container.getPollTimeout()).as("an idle consumer's offsets follow within two intervals")
                .isEqualTo(1_000);
    }

    @Test
    void shouldCommitAfterEveryPollWhenTheIntervalIsZero() {
        KafkaConventions.commitEvery(container, Duration.ZERO);

        assertThat(container.getAckMode()).isEqualTo(AckMode.BATCH);
    }
}

package cn.gov.birth.platform.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import cn.gov.birth.platform.events.TestEvents;
import java.time.Duration;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.TopicConfig;
import org.junit.jupiter.api.Test;

class TopicDeclarationTest {

    @Test
    void shouldCreateDeadLetterTopicsWithTheConfiguredRetentionAndLeaveTheTopicsToTheBroker() {
        TestEvents<?> catalog = TestEvents.pings();

        Map<String, NewTopic> topics = KafkaConventions.topics(catalog, 3, (short) 1, Duration.ofDays(30)).stream().collect(Collectors.toMap(NewTopic::name, topic -> topic));

        assertThat(topics.get(catalog.deadLetterTopic(TestEvents.TOPIC)).configs())
                .containsEntry(TopicConfig.RETENTION_MS_CONFIG, String.valueOf(Duration.ofDays(30).toMillis()));
        assertThat(topics.get(TestEvents.TOPIC).configs()).isNullOrEmpty();
    }
}

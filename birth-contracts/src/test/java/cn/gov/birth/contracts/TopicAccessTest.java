package cn.gov.birth.contracts;

import static org.assertj.core.api.Assertions.assertThat;

import cn.gov.birth.contracts.TopicAccess.Client;
import org.junit.jupiter.api.Test;

class TopicAccessTest {

    @Test
    void shouldHaveExactlyOnePublisherForEveryTopic() {
        for (String topic : Topics.ALL) {
            assertThat(TopicAccess.CLIENTS).as(topic).filteredOn(client -> client.publishes().contains(topic))
                    .hasSize(1);
        }
        assertThat(TopicAccess.CLIENTS.stream().flatMap(client -> client.publishes().stream()))
                .containsExactlyInAnyOrderElementsOf(Topics.ALL);
    }

    @Test
    void shouldConsumeOnlyTopicsThatSomeonePublishes() {
        assertThat(TopicAccess.CLIENTS.stream().flatMap(client -> client.consumes().stream()))
                .allMatch(Topics.ALL::contains);
    }

    @Test
    void shouldWriteItsOwnTopicsAndTheDeadLettersOfWhatItConsumes() {
        Client hukou = TopicAccess.client("hukou-service").orElseThrow();

        assertThat(hukou.writes()).containsExactly(Topics.HUKOU, "birth.application.v1.dlt", "birth.birthcert.v1.dlt");
        assertThat(hukou.group()).isEqualTo("hukou-service");
        assertThat(TopicAccess.client("gateway-service")).isEmpty();
    }
}

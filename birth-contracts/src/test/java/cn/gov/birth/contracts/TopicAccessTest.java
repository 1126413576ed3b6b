package cn.gov.birth.contracts;

import static org.assertj.core.api.Assertions.assertThat;

import cn.gov.birth.contracts.TopicAccess.Client;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class TopicAccessTest {

    @Test
    void shouldHaveExactlyOnePublisherForEveryFactTopic() {
        for (String topic : Topics.ALL) {
            if (!topic.equals(Topics.FOLLOW_UP_ANSWERS)) {
                assertThat(TopicAccess.CLIENTS).as(topic).filteredOn(client -> client.publishes().contains(topic))
                        .hasSize(1);
            }
        }
        assertThat(TopicAccess.CLIENTS.stream().flatMap(client -> client.publishes().stream())
                .filter(topic -> !topic.equals(Topics.AUDIT) && !topic.equals(Topics.FOLLOW_UP_ANSWERS)))
                .containsExactlyInAnyOrderElementsOf(Topics.ALL.stream()
                        .filter(topic -> !topic.equals(Topics.FOLLOW_UP_ANSWERS)).toList());
    }

    @Test
    void shouldLetEveryDepartmentAnswerFamiliesWhereOnlyApplicationServiceReads() {
        assertThat(TopicAccess.CLIENTS).filteredOn(client -> client.publishes().contains(Topics.FOLLOW_UP_ANSWERS))
                .extracting(Client::principal).containsExactlyInAnyOrder("birth-cert-service", "vaccination-service",
                        "hukou-service", "insurance-service", "sscard-service");
        assertThat(TopicAccess.CLIENTS).filteredOn(client -> client.consumes().contains(Topics.FOLLOW_UP_ANSWERS))
                .extracting(Client::principal).containsExactly("application-service");
    }

    @Test
    void shouldConsumeOnlyTopicsThatSomeonePublishes() {
        assertThat(TopicAccess.CLIENTS.stream().flatMap(client -> client.consumes().stream()))
                .allMatch(topic -> Stream.concat(Topics.ALL.stream(), Stream.of(Topics.AUDIT)).anyMatch(topic::equals));
    }

    @Test
    void shouldLetEachDepartmentReadOnlyItsOwnViewOfApplications() {
        for (Client client : TopicAccess.CLIENTS) {
            assertThat(client.consumes().stream().filter(Topics.APPLICATIONS::contains)).as(client.principal())
                    .hasSizeLessThanOrEqualTo(1);
        }
        assertThat(TopicAccess.CLIENTS.stream().flatMap(client -> client.consumes().stream())
                .filter(Topics.APPLICATIONS::contains)).doesNotHaveDuplicates();
    }

    @Test
    void shouldWriteItsOwnTopicsAndTheDeadLettersOfWhatItConsumes() {
        Client hukou = TopicAccess.client("hukou-service").orElseThrow();

        assertThat(hukou.writes()).containsExactly(Topics.HUKOU, Topics.FOLLOW_UP_ANSWERS, Topics.AUDIT,
                "birth.application.police.v2.dlt",
                "birth.birthcert.v1.dlt");
        assertThat(hukou.group()).isEqualTo("hukou-service");
        assertThat(TopicAccess.client("gateway-service")).isEmpty();
    }
}

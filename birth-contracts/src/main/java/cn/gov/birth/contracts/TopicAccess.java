package cn.gov.birth.contracts;

import static cn.gov.birth.contracts.Topics.APPLICATIONS;
import static cn.gov.birth.contracts.Topics.APPLICATION_STATUS;
import static cn.gov.birth.contracts.Topics.AUDIT;
import static cn.gov.birth.contracts.Topics.BIRTH_CERT;
import static cn.gov.birth.contracts.Topics.DEPARTMENT_FACTS;
import static cn.gov.birth.contracts.Topics.FOLLOW_UP_ANSWERS;
import static cn.gov.birth.contracts.Topics.HUKOU;
import static cn.gov.birth.contracts.Topics.INSURANCE;
import static cn.gov.birth.contracts.Topics.SSCARD;
import static cn.gov.birth.contracts.Topics.VACCINATION;
import static cn.gov.birth.contracts.Topics.applicationsFor;

import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Who publishes and who consumes each topic: the one table a secured cluster's Kafka ACLs are derived
 * from. Each service is one Kafka principal named after the service, and its consumer group has its name.
 */
public final class TopicAccess {

    /** A service as a Kafka client: the topics it publishes and those it consumes (whose dead letters it writes). */
    public record Client(String principal, List<String> publishes, List<String> consumes) {

        public Client {
            publishes = List.copyOf(publishes);
            consumes = List.copyOf(consumes);
        }

        /** Its consumer group: {@code spring.kafka.consumer.group-id} is the service's name. */
        public String group() {
            return principal;
        }

        /** What it writes: its own topics and the dead-letter topics of what it consumes. */
        public List<String> writes() {
            return Stream.concat(publishes.stream(), consumes.stream().map(Topics::deadLetter))
                    .toList();
        }
    }

    /**
     * Each department service reads only its department's view of applications and writes its staff's
     * answers to families where only application-service reads them; every service that records audit
     * entries writes the audit topic, which application-service reads for the auditors.
     */
    public static final List<Client> CLIENTS = List.of(
            new Client("application-service", Stream.concat(APPLICATIONS.stream(), Stream.of(APPLICATION_STATUS, AUDIT))
                    .toList(), Stream.concat(DEPARTMENT_FACTS.stream(), Stream.of(FOLLOW_UP_ANSWERS, AUDIT)).toList()),
            new Client("birth-cert-service", List.of(BIRTH_CERT, FOLLOW_UP_ANSWERS, AUDIT), List.of(applicationsFor(Department.HEALTH))),
            new Client("vaccination-service", List.of(VACCINATION, FOLLOW_UP_ANSWERS, AUDIT), List.of(applicationsFor(Department.CDC))),
            new Client("hukou-service", List.of(HUKOU, FOLLOW_UP_ANSWERS, AUDIT), List.of(applicationsFor(Department.POLICE), BIRTH_CERT)),
            new Client("insurance-service", List.of(INSURANCE, FOLLOW_UP_ANSWERS, AUDIT),
                    List.of(applicationsFor(Department.MEDICAL_INSURANCE), HUKOU)),
            new Client("sscard-service", List.of(SSCARD, FOLLOW_UP_ANSWERS, AUDIT),
                    List.of(applicationsFor(Department.HUMAN_RESOURCES), HUKOU)),
            new Client("notification-service", List.of(), List.of(APPLICATION_STATUS)));

    public static Optional<Client> client(String principal) {
        return CLIENTS.stream().filter(client -> client.principal().equals(principal)).findFirst();
    }

    private TopicAccess() {
    }
}

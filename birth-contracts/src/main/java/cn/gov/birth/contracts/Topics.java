package cn.gov.birth.contracts;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/** Kafka topic names: one per producing service (application-service: one per department), versioned, never derived from class names. */
public final class Topics {

    public static final String APPLICATION_STATUS = "birth.application-status.v1";
    public static final String BIRTH_CERT = "birth.birthcert.v1";
    public static final String VACCINATION = "birth.vaccination.v1";
    public static final String HUKOU = "birth.hukou.v1";
    public static final String INSURANCE = "birth.insurance.v1";
    public static final String SSCARD = "birth.sscard.v1";
    /**
     * Every service's audit entries (the platform's {@code AuditRecorded}, keyed by the service), for
     * application-service's auditors' copy: internal, not one of the topics department systems read.
     */
    public static final String AUDIT = "birth.audit.v1";
    /**
     * The departments' answers to the families' 差评 and complaints ({@code FollowUpAnswered}), which
     * application-service alone reads: a department's own topic is read by the departments waiting on
     * its facts, and they have no business reading its answers to families.
     */
    public static final String FOLLOW_UP_ANSWERS = "birth.follow-up-answers.v1";

    /**
     * Accepted applications, their supplements and withdrawals, one topic per department, each
     * carrying only that department's view of the form ({@link cn.gov.birth.contracts.events.DepartmentViews}):
     * {@code birth.application.health.v2}, ... (they replace {@code birth.application.v1}, which
     * carried the whole form to everyone and is retired).
     */
    public static String applicationsFor(Department department) {
        return "birth.application." + department.name().toLowerCase(Locale.ROOT).replace('_', '-') + ".v2";
    }

    /** The departments' application topics, in {@link Department} order. */
    public static final List<String> APPLICATIONS =
            Arrays.stream(Department.values()).map(Topics::applicationsFor).toList();

    /** Every topic of the platform's facts, in the order they flow (the audit topic is apart). */
    public static final List<String> ALL = Stream.concat(APPLICATIONS.stream(),
            Stream.of(BIRTH_CERT, VACCINATION, HUKOU, INSURANCE, SSCARD, FOLLOW_UP_ANSWERS, APPLICATION_STATUS)).toList();

    /** The topics carrying department facts about items. */
    public static final List<String> DEPARTMENT_FACTS = List.of(BIRTH_CERT, VACCINATION, HUKOU, INSURANCE, SSCARD);

    /** The topic a department's service publishes its facts on (one producing service per department). */
    public static String of(Department department) {
        return switch (department) {
            case HEALTH -> BIRTH_CERT;
            case CDC -> VACCINATION;
            case POLICE -> HUKOU;
            case MEDICAL_INSURANCE -> INSURANCE;
            case HUMAN_RESOURCES -> SSCARD;
        };
    }

    public static String deadLetter(String topic) {
        return topic + ".dlt";
    }

    private Topics() {
    }
}

package cn.gov.birth.contracts;

import java.util.List;

/** Kafka topic names: one per producing service, versioned, never derived from class names. */
public final class Topics {

    public static final String APPLICATION = "birth.application.v1";
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

    /** Every topic of the platform's facts, in the order they flow (the audit topic is apart). */
    public static final List<String> ALL =
            List.of(APPLICATION, BIRTH_CERT, VACCINATION, HUKOU, INSURANCE, SSCARD, APPLICATION_STATUS);

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

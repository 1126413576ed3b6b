package cn.gov.birth.contracts;

/** The five departments of the joint service. */
public enum Department {
    HEALTH, CDC, POLICE, MEDICAL_INSURANCE, HUMAN_RESOURCES
}

package cn.gov.birth.vaccination.certificate;

/** A first dose the hospital recorded as deferred: what CDC staff see, and what the certificate then records. */
public record DeferredDose(String region, String hospitalCode, String vaccine, String status) {
}

package cn.gov.birth.platform.audit;

import java.time.Instant;
import java.util.UUID;

/**
 * An audit entry as it leaves its service (topic {@code birth.audit.topic}), keyed by the service so
 * that one chain's entries stay in order: the row, its service and an event id to de-duplicate on.
 */
public record AuditRecorded(UUID eventId, String service, long seq, Instant at, String actor, String roles,
                            String department, String action, UUID applicationId, String detail, String prevHash,
                            String hash) {

    /** Its CloudEvents {@code ce_type}. */
    public static final String TYPE = "cn.gov.birth.AuditRecorded.v1";

    static AuditRecorded of(String service, AuditEntry entry) {
        return new AuditRecorded(UUID.randomUUID(), service, entry.seq(), entry.at(), entry.actor(), entry.roles(),
                entry.department(), entry.action(), entry.applicationId(), entry.detail(), entry.prevHash(),
                entry.hash());
    }

    /** The row this event carries, to check its hash again where it arrives. */
    public AuditEntry entry() {
        return new AuditEntry(seq, at, actor, roles, department, action, applicationId, detail, prevHash, hash);
    }
}

-- This service's audit trail: who read or did what, when, to which application. Append-only, and
-- tamper-evident: each row's hash is SHA-256 over its columns and the hash of the row before
-- (AuditEntry), so an edited, replaced or deleted row breaks the chain at that row (actuator
-- auditchain, scripts/verify-audit.sh). seq has no gaps: appends take an advisory lock (AuditTrail).
-- detail holds ids, codes and counts only, never personal data in clear.
create table audit_entry (
    seq            bigint      primary key,
    at             timestamptz not null,
    actor          text        not null,
    roles          text        not null,
    department     text,
    action         text        not null,
    application_id uuid,
    detail         text,
    prev_hash      text        not null,
    hash           text        not null
);

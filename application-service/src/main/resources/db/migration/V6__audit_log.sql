-- The auditors' copy of every service's audit trail (birth.audit.v1), one row per entry as its
-- service wrote it (seq, prev_hash and hash included, so a copy can be checked against its chain).
-- The services' own chains stay in their audit_entry tables; this one only serves GET /api/v1/audit.
create table audit_log (
    event_id       uuid        primary key,
    service        text        not null,
    seq            bigint      not null,
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
create index audit_log_at on audit_log (at desc, service, seq desc);
create index audit_log_application on audit_log (application_id, at desc);
create index audit_log_actor on audit_log (actor, at desc);

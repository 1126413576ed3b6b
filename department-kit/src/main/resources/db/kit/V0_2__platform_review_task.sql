-- Items a department's rules could not decide alone wait here for staff (人工审核). The decision is
-- kept on the task: who decided, when, what and why.
create table review_task (
    id                   uuid primary key,
    application_id       uuid        not null,
    item                 text        not null,
    reason_code          text        not null,
    reason_message       text        not null,
    -- What staff need to decide, as the department's service stored it.
    context              jsonb       not null,
    -- CANCELLED: the application was withdrawn while the task was open.
    status               text        not null check (status in ('OPEN', 'DECIDED', 'CANCELLED')),
    created_at           timestamptz not null,
    decision             text check (decision in ('APPROVE', 'RETURN', 'REJECT')),
    decision_reason_code text,
    decision_message     text,
    decided_by           text,
    decided_at           timestamptz
);

-- One open task per item: a redelivered fact does not queue the item twice.
create unique index review_task_one_open on review_task (application_id, item) where status = 'OPEN';
create index review_task_queue on review_task (status, created_at);

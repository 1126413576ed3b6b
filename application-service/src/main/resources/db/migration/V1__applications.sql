create table application (
    id                 uuid primary key,
    reference          text        not null unique,
    region             text        not null,
    channel            text        not null,
    status             text        not null,
    version            bigint      not null,
    acceptance         jsonb       not null,
    form               jsonb       not null,
    idempotency_key    text unique,
    request_hash       text,
    submitted_at       timestamptz not null,
    completed_at       timestamptz
);

create table application_item (
    application_id uuid        not null references application (id),
    item           text        not null,
    status         text        not null,
    deadline       date,
    reason_code    text,
    reason_message text,
    result         jsonb,
    updated_at     timestamptz not null,
    primary key (application_id, item)
);

create table timeline_entry (
    id             bigserial primary key,
    application_id uuid        not null references application (id),
    at             timestamptz not null,
    type           text        not null,
    item           text,
    detail         text
);
create index timeline_entry_application on timeline_entry (application_id, id);

-- The daily sequence behind human-readable reference numbers <region>-<yyyyMMdd>-<sequence>.
create table reference_counter (
    region text    not null,
    day    date    not null,
    last   integer not null,
    primary key (region, day)
);

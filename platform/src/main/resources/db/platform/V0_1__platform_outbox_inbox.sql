-- Platform conventions shared by every service: the transactional outbox, the record of
-- processed events that makes consumers idempotent, and the rendezvous of facts a step waits for.
create table outbox_event (
    id          bigserial primary key,
    event_id    uuid        not null unique,
    topic       text        not null,
    event_key   text        not null,
    event_type  text        not null,
    payload     bytea       not null,
    traceparent text        not null,
    created_at  timestamptz not null default now()
);

create table processed_event (
    consumer     text        not null,
    event_id     uuid        not null,
    processed_at timestamptz not null default now(),
    primary key (consumer, event_id)
);

create table rendezvous_part (
    join_key   text        not null,
    part       text        not null,
    event_type text        not null,
    payload    bytea       not null,
    arrived_at timestamptz not null default now(),
    primary key (join_key, part)
);

create table rendezvous_done (
    join_key text        primary key,
    done_at  timestamptz not null default now()
);

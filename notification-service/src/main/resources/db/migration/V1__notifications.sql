create table notification (
    id             bigserial primary key,
    source_event   uuid        not null unique,
    application_id uuid        not null,
    reference      text        not null,
    version        bigint      not null,
    status         text        not null,
    item           text,
    channel        text        not null,
    recipient      text,
    text           text        not null,
    created_at     timestamptz not null
);
create index notification_application on notification (application_id, version);

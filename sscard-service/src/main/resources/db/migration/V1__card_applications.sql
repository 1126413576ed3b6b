-- One card per person: the newborn's citizen ID number is unique.
create table card_application (
    application_id    uuid primary key,
    citizen_id_number text        not null unique,
    bank_code         text        not null,
    card_status       text        not null,
    pickup_branch     text,
    applied_at        timestamptz not null
);

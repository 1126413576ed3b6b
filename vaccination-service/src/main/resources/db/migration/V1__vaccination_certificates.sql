create sequence vaccination_certificate_serial;

create table vaccination_certificate (
    application_id     uuid primary key,
    certificate_number text        not null unique,
    region             text        not null,
    hospital_code      text,
    issued_at          timestamptz not null
);

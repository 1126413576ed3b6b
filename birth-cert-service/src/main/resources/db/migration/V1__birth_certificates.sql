create sequence birth_certificate_serial;

-- One certificate per application and per number: the natural uniqueness behind "no effect twice".
create table birth_certificate (
    application_id     uuid primary key,
    certificate_number text        not null unique,
    verified           boolean     not null,
    region             text        not null,
    hospital_code      text,
    issued_at          timestamptz not null
);

create table guidance_enrollment (
    application_id uuid primary key,
    enrolled_until date        not null,
    enrolled_at    timestamptz not null
);

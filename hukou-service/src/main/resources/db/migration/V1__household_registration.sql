-- The last sequence number given per county, birth date and sex: boys get odd numbers (1..999),
-- girls even ones (2..998), as GB 11643 encodes sex in the sequence.
create table citizen_id_sequence (
    division   text    not null,
    birth_date date    not null,
    sex        text    not null,
    last       integer not null,
    primary key (division, birth_date, sex)
);

create table household_registration (
    application_id    uuid primary key,
    citizen_id_number text        not null unique,
    division          text        not null,
    police_station    text        not null,
    registered_at     timestamptz not null
);

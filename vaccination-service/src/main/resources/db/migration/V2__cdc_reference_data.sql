-- The CDC's own reference data, imported as CSV (platform reference data), and what the
-- certificate decisions keep between an application and a dose record that arrives later.

-- First doses the delivery hospital reports (hepatitis B and BCG at birth): the certificate is
-- created on these, not on the form. One row per dose.
create table first_dose (
    mother_id_number text        not null,
    -- to the minute, as the delivery register writes it
    birth_time       timestamptz not null,
    vaccine          text        not null check (vaccine in ('HEPB', 'BCG')),
    hospital_code    text        not null,
    status           text        not null check (status in ('GIVEN', 'DEFERRED')),
    dosed_at         timestamptz,
    batch_number     text,
    primary key (mother_id_number, birth_time, vaccine),
    check ((status = 'GIVEN') = (dosed_at is not null and batch_number is not null))
);

-- Each vaccination item asked for: the form's matching data and when it was submitted (the
-- certificate deadline counts to the submission, not to a later supplement). An item whose dose
-- record has not arrived yet waits here until an import brings it.
create table vaccination_request (
    application_id   uuid primary key,
    region           text        not null,
    mother_id_number text        not null,
    birth_time       timestamptz not null,
    hospital_code    text,
    submitted_at     timestamptz not null,
    waiting_for_dose boolean     not null default false
);
create index vaccination_request_waiting on vaccination_request (mother_id_number) where waiting_for_dose;

-- A certificate approved by staff on a deferred first dose says so.
alter table vaccination_certificate add column first_dose_deferred boolean not null default false;

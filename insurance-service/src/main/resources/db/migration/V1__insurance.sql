create table insurance_enrollment (
    application_id    uuid primary key,
    citizen_id_number text          not null unique,
    region            text          not null,
    insured_years     integer[]     not null,
    contribution_due  numeric(10, 2) not null,
    coverage_start    date          not null,
    coverage_end      date          not null,
    enrolled_at       timestamptz   not null
);

create table maternity_settlement (
    application_id uuid primary key,
    settlement     text           not null,
    amount         numeric(10, 2) not null,
    settled_at     timestamptz    not null
);

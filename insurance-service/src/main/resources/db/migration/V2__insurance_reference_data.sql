-- The medical insurance department's own reference data, imported as CSV (platform reference
-- data), and the payment orders of resident enrollment at the tax payment channel.

-- Insured persons (参保人员): who is insured where, under which scheme, and whether it is active.
create table insured_person (
    id_number        text primary key,
    name             text not null,
    insured_division text not null,
    scheme           text not null check (scheme in ('EMPLOYEE', 'RESIDENT')),
    status           text not null check (status in ('ACTIVE', 'SUSPENDED'))
);

-- Hospitals designated for medical insurance (定点医疗机构), and whether they settle maternity
-- expenses directly at discharge.
create table designated_hospital (
    code                        text primary key,
    name                        text    not null,
    county                      text    not null,
    maternity_direct_settlement boolean not null
);

-- The resident contribution per province and year: the individual amount and the government
-- subsidy (after the enrollment window both are due).
create table resident_contribution (
    region     text           not null,
    year       integer        not null,
    individual numeric(10, 2) not null,
    subsidy    numeric(10, 2) not null,
    primary key (region, year)
);

-- Maternity expenses settled at discharge (免申即享).
create table direct_settlement (
    mother_id_number text           not null,
    hospital_code    text           not null,
    discharged_at    timestamptz    not null,
    amount           numeric(10, 2) not null,
    primary key (mother_id_number, discharged_at)
);

-- A payment order for the newborn's contribution at the tax payment channel. The row is written
-- with the decision; a sender issues it afterwards (the channel dedupes on order_id, so a resend
-- after a crash is harmless). A new attempt (after an expired order) is a new order.
create table payment_order (
    order_id          text primary key,
    application_id    uuid           not null,
    attempt           integer        not null,
    citizen_id_number text           not null,
    region            text           not null,
    insured_division  text           not null,
    newborn_name      text           not null,
    birth_date        date           not null,
    insured_years     integer[]      not null,
    amount            numeric(10, 2) not null,
    pay_by            date           not null,
    -- FAILED: the channel did not take it within the retries; staff decide
    state             text           not null check (state in ('PENDING', 'ISSUED', 'PAID', 'EXPIRED', 'FAILED')),
    payment_reference text unique,
    send_attempts     integer        not null default 0,
    next_attempt_at   timestamptz    not null,
    created_at        timestamptz    not null,
    issued_at         timestamptz,
    paid_at           timestamptz,
    unique (application_id, attempt)
);
create index payment_order_to_send on payment_order (next_attempt_at) where state = 'PENDING';

alter table insurance_enrollment add column paid_at timestamptz;

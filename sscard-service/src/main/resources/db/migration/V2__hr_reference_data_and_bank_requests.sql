-- The HR department's own reference data (imported as CSV) and the card requests sent to the banks.

-- card_application only recorded that a card was meant for a person; it never reached a bank.
-- card_request (below) replaces it, and issued_card is now what "one card per person" is checked on.
drop table card_application;

-- Card-making banks (制卡银行) per province, with the base URL of each bank's card-making interface.
create table card_bank (
    region       text    not null,
    bank_code    text    not null,
    name         text    not null,
    card_api_url text    not null,
    -- false: the bank takes no applications now (applicants choose another one)
    active       boolean not null,
    primary key (region, bank_code)
);

-- Branches where a card is picked up (领卡网点), per county.
create table bank_branch (
    code      text primary key,
    bank_code text not null,
    county    text not null,
    name      text not null,
    address   text not null
);
create index bank_branch_by_bank_and_county on bank_branch (bank_code, county);

-- Social security cards already issued (一人一卡): imported, and every card a bank made for this service.
create table issued_card (
    id_number      text primary key,
    card_number    text        not null,
    bank_code      text        not null,
    issued_at      timestamptz not null,
    -- the application a card made through this service was for; null for imported cards
    application_id uuid
);

-- Card-making data for a bank, recorded in the decision's transaction and sent after it by the
-- sender: PENDING until the bank accepted it, SENT until the bank's callback, then MADE or FAILED;
-- CANCELLED when the item was withdrawn before it was sent.
create table card_request (
    request_id        uuid primary key,
    application_id    uuid        not null,
    citizen_id_number text        not null,
    region            text        not null,
    bank_code         text        not null,
    -- the branch's name for pickup; null when the card is mailed
    pickup_branch     text,
    payload           jsonb       not null,
    state             text        not null,
    attempts          int         not null default 0,
    -- when the sender may (re)send it: after a failure's back-off, or after a claim's lease ran out
    next_attempt_at   timestamptz not null,
    last_error        text,
    card_number       text,
    created_at        timestamptz not null,
    sent_at           timestamptz,
    finished_at       timestamptz
);
create index card_request_due on card_request (next_attempt_at) where state = 'PENDING';
create index card_request_by_application on card_request (application_id);
-- One card per person also while a card is being made: a second live request for the same ID cannot exist.
create unique index card_request_one_live_per_person on card_request (citizen_id_number)
    where state in ('PENDING', 'SENT', 'MADE');

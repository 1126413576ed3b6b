-- Personal data at rest (platform ProtectedColumn): a value only looked up is kept as its blind
-- index (<column>_index), a value read back is sealed (ENC1:...) in its column, indexed beside it
-- when also looked up.
-- The renamed columns would keep the clear numbers of rows already there, and an index cannot be
-- made here (its key is not the database's): a database holding such rows (an earlier development
-- run; nothing was deployed before) is refused rather than left with ID numbers in clear.
do $$
begin
    if exists (select 1 from issued_card) or exists (select 1 from card_request) then
        raise exception 'sscard-service: this database holds rows from before ID numbers were indexed and sealed; drop it and start again (scripts/stop-platform.sh --drop-databases)';
    end if;
end $$;

-- One card per person is checked by ID number only: the index (the primary key follows the rename).
alter table issued_card rename column id_number to id_number_index;

-- A card request goes to the bank (the citizen ID number, and in the payload the recipient's name,
-- phone and address): both sealed, the payload as one text; one live request per person on the index.
drop index card_request_one_live_per_person;
alter table card_request add column citizen_id_number_index text;
create unique index card_request_one_live_per_person on card_request (citizen_id_number_index)
    where state in ('PENDING', 'SENT', 'MADE');
alter table card_request alter column payload type text using payload::text;

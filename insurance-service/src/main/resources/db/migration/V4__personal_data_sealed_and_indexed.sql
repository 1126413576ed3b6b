-- Personal data at rest (platform ProtectedColumn): a value only looked up is kept as its blind
-- index (<column>_index), a value read back is sealed (ENC1:...) in its column.
-- The renamed columns would keep the clear numbers of rows already there, and an index cannot be
-- made here (its key is not the database's): a database holding such rows (an earlier development
-- run; nothing was deployed before) is refused rather than left with ID numbers in clear.
do $$
begin
    if exists (select 1 from insured_person) or exists (select 1 from direct_settlement) or exists (select 1 from insurance_enrollment) or exists (select 1 from payment_order) then
        raise exception 'insurance-service: this database holds rows from before ID numbers were indexed and sealed; drop it and start again (scripts/stop-platform.sh --drop-databases)';
    end if;
end $$;

-- Looked up by ID number only: indexes (primary and unique keys follow the renamed columns).
alter table insured_person rename column id_number to id_number_index;
alter table direct_settlement rename column mother_id_number to mother_id_number_index;
alter table insurance_enrollment rename column citizen_id_number to citizen_id_number_index;

-- payment_order.citizen_id_number goes to the tax channel: sealed (the column keeps its name and type).

-- Personal data at rest (platform ProtectedColumn): a value only looked up is kept as its blind
-- index (<column>_index), a value read back is sealed (ENC1:...) in its column, indexed beside it
-- when also looked up.
-- The renamed columns would keep the clear numbers of rows already there, and an index cannot be
-- made here (its key is not the database's): a database holding such rows (an earlier development
-- run; nothing was deployed before) is refused rather than left with ID numbers in clear.
do $$
begin
    if exists (select 1 from population_register) or exists (select 1 from household_registration) or exists (select 1 from printing_notice) then
        raise exception 'hukou-service: this database holds rows from before ID numbers were indexed and sealed; drop it and start again (scripts/stop-platform.sh --drop-databases)';
    end if;
end $$;

-- The register is looked up by a parent's ID number and compares the head's: indexes only.
alter table population_register rename column id_number to id_number_index;
alter table population_register rename column head_id_number to head_id_number_index;

-- The newborn's citizen ID number is read back (the printing notice, a redelivered registration) and
-- one per person: sealed, with the uniqueness on its index.
alter table household_registration drop constraint household_registration_citizen_id_number_key;
alter table household_registration add column citizen_id_number_index text unique;

-- The station prints it: sealed (the column keeps its name and type).

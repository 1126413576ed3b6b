-- Personal data at rest (platform ProtectedColumn): dose records and waiting items are found by the
-- mother's ID number and never read back, so only its blind index is kept.
-- The renamed columns would keep the clear numbers of rows already there, and an index cannot be
-- made here (its key is not the database's): a database holding such rows (an earlier development
-- run; nothing was deployed before) is refused rather than left with ID numbers in clear.
do $$
begin
    if exists (select 1 from first_dose) or exists (select 1 from vaccination_request) then
        raise exception 'vaccination-service: this database holds rows from before ID numbers were indexed and sealed; drop it and start again (scripts/stop-platform.sh --drop-databases)';
    end if;
end $$;

alter table first_dose rename column mother_id_number to mother_id_number_index;
alter table vaccination_request rename column mother_id_number to mother_id_number_index;

-- Personal data at rest (platform ProtectedColumn): dose records and waiting items are found by the
-- mother's ID number and never read back, so only its blind index is kept. Rows from before hold the
-- number in clear and no longer match: the hospitals' dose records are imported again (the index
-- cannot be made in SQL: its key is not the database's).
alter table first_dose rename column mother_id_number to mother_id_number_index;
alter table vaccination_request rename column mother_id_number to mother_id_number_index;

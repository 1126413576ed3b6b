-- Personal data at rest (platform ProtectedColumn): a delivery record is found and compared by the
-- mother's ID number and never read back, so only its blind index is kept. Rows from before hold the
-- number in clear and no longer match: the hospitals' records are imported again (the index cannot
-- be made in SQL: its key is not the database's).
alter table delivery_record rename column mother_id_number to mother_id_number_index;
alter index delivery_record_by_mother rename to delivery_record_by_mother_index;

-- Personal data at rest (platform ProtectedColumn): a value only looked up is kept as its blind
-- index (<column>_index), a value read back is sealed (ENC1:...) in its column. Rows from before hold
-- clear values: the registers are imported again (the index cannot be made in SQL: its key is not the
-- database's), and FIELD_ACCEPT_PLAINTEXT with a key rotation seals the payment orders.

-- Looked up by ID number only: indexes (primary and unique keys follow the renamed columns).
alter table insured_person rename column id_number to id_number_index;
alter table direct_settlement rename column mother_id_number to mother_id_number_index;
alter table insurance_enrollment rename column citizen_id_number to citizen_id_number_index;

-- payment_order.citizen_id_number goes to the tax channel: sealed (the column keeps its name and type).

-- The form and the items' results carry personal data (ID numbers, phones, the bank account, the
-- newborn's citizen ID number): stored sealed by field encryption ('ENC1:<key>:...' text). Items get
-- a surrogate key so that a key rotation walks them in order.
alter table application alter column form type text using form::text;
alter table application_item alter column result type text using result::text;
alter table application_item add column id bigint generated always as identity;
create unique index application_item_id on application_item (id);

-- The one-open-application rule finds the mother by the keyed index of her ID number, never by the number.
drop index application_newborn;
alter table application drop column mother_id_number;
create index application_newborn on application (mother_index, newborn_birth_time);

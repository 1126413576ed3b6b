-- Event bodies carry personal data (ID numbers, phones, bank accounts): they are stored sealed
-- (field encryption, 'ENC1:<key>:...' text). Rendezvous parts get a surrogate key so a key rotation
-- can walk them in order.
alter table outbox_event alter column payload type text using convert_from(payload, 'UTF8');
alter table rendezvous_part alter column payload type text using convert_from(payload, 'UTF8');
alter table rendezvous_part add column id bigint generated always as identity;
create unique index rendezvous_part_id on rendezvous_part (id);

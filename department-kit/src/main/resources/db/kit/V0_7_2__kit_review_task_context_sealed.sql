-- What staff need to decide may name the family (ID numbers, a phone, an address): the whole context
-- is sealed (ENC1:..., platform field encryption) as one text. Rows from before keep their JSON as
-- text: FIELD_ACCEPT_PLAINTEXT with a key rotation seals them.
alter table review_task alter column context type text using context::text;

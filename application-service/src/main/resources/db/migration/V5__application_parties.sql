-- Who an application is for (README, "Access control"): who submitted it (the token's subject) and
-- keyed indexes (HMAC, BLIND_INDEX_KEY) of its parents' ID numbers, by which a parent who signs in
-- is recognised. Applications filed before access control have none: nobody sees them.
alter table application add column submitted_by text;
alter table application add column mother_index text;
alter table application add column father_index text;
create index application_submitted_by on application (submitted_by, submitted_at desc);
create index application_mother_index on application (mother_index);
create index application_father_index on application (father_index);

-- An idempotency key is its submitter's: someone else's request with the same key is another request.
alter table application drop constraint application_idempotency_key_key;
create unique index application_idempotency_key on application (submitted_by, idempotency_key)
    where idempotency_key is not null;

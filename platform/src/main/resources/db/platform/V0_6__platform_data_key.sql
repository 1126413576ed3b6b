-- The data keys that encrypt this service's personal data fields (ID numbers, phone numbers, bank
-- accounts, addresses), each wrapped by a master key from configuration; never a key in the clear.
-- A cipher text names its key's id, so every key stays until nothing is encrypted under it. The
-- active key, which encrypts new values, is the one activated last.
create table data_key (
    id            text        primary key,
    algorithm     text        not null,
    wrapped       bytea       not null,
    master_key_id text        not null,
    created_at    timestamptz not null,
    activated_at  timestamptz not null default clock_timestamp()
);
create index data_key_activated_at on data_key (activated_at);

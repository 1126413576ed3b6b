-- Nonces of partners' signed requests seen lately: a request whose nonce is here is a replay.
-- Rows older than twice the allowed clock skew are purged.
create table partner_nonce (
    partner text        not null,
    nonce   text        not null,
    seen_at timestamptz not null,
    primary key (partner, nonce)
);
create index partner_nonce_seen_at on partner_nonce (seen_at);

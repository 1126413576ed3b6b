-- The final outcome (completed, rejected, cancelled) this service published for each of its items:
-- an item finishes once, so a late upstream fact or a withdrawal never gives it a second outcome.
create table item_outcome (
    application_id uuid        not null,
    item           text        not null,
    outcome        text        not null,
    recorded_at    timestamptz not null default now(),
    primary key (application_id, item)
);

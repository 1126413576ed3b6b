-- 好差评: the family's evaluations of a finished application (item null) or of one finished item,
-- once each. The comment is the family's own words and may name people or phones: sealed. A 差评
-- (score 1-2) carries the rectification owed by its department, with the national deadlines in
-- working days. Its department answers for it (the item's; for the whole service, the lead one).
-- Not tied to the application row by a key: an evaluation is kept for its own period
-- (birth.retention.evaluations), not purged with its application.
create table evaluation (
    id             bigint generated always as identity primary key,
    application_id uuid        not null,
    item           text,
    region         text        not null,
    department     text        not null,
    score          smallint    not null check (score between 1 and 5),
    comment        text,
    evaluated_by   text        not null,
    at             timestamptz not null,
    contact_due    date,
    answer_due     date
);
create unique index evaluation_overall on evaluation (application_id) where item is null;
create unique index evaluation_item on evaluation (application_id, item) where item is not null;
create index evaluation_statistics on evaluation (region, department, at);

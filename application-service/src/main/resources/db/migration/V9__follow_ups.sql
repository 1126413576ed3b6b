-- What a department owes the family an answer to: the rectification of a 差评 (its evaluation, whose
-- comment holds the family's words) or a complaint (投诉, its words here). Sent to the department's
-- queue (FollowUpOpened), answered there (FollowUpAnswered): the answer is recorded here, once, and
-- told to the family. The words and the answer may name people or phones: sealed. A rectification
-- goes with its evaluation; a complaint is kept as long as evaluations are (birth.retention.evaluations).
create table follow_up (
    id             uuid primary key,
    application_id uuid        not null,
    kind           text        not null check (kind in ('RECTIFICATION', 'COMPLAINT')),
    evaluation_id  bigint unique references evaluation (id) on delete cascade,
    item           text,
    region         text        not null,
    department     text        not null,
    text           text,
    filed_by       text        not null,
    at             timestamptz not null,
    contact_due    date,
    answer_due     date        not null,
    contacted_at   timestamptz,
    answer         text,
    answered_at    timestamptz,
    check ((kind = 'RECTIFICATION') = (evaluation_id is not null))
);
create index follow_up_application on follow_up (application_id, kind, at);
create index follow_up_at on follow_up (at);

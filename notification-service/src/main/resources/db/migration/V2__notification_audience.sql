-- Who may read an application's messages (ApplicationStatusChanged.audience, newest version wins):
-- its submitter (a token subject) and keyed indexes of its parents' ID numbers (never the numbers).
create table application_audience (
    application_id uuid   primary key,
    version        bigint not null,
    submitted_by   text,
    parent_indexes text[] not null
);
create index application_audience_submitted_by on application_audience (submitted_by);
create index application_audience_parent_indexes on application_audience using gin (parent_indexes);
create index notification_created on notification (application_id, created_at desc, id desc);

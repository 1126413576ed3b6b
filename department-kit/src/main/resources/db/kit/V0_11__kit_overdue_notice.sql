-- Items of this department past their promised time limit, as application-service's supervision told
-- it (ItemWentOverdue), once each, for staff to see. No personal data: the application's reference.
create table overdue_notice (
    application_id uuid        not null,
    item           text        not null,
    reference      text        not null,
    deadline       date        not null,
    found_at       timestamptz not null,
    primary key (application_id, item)
);
create index overdue_notice_newest on overdue_notice (found_at desc);

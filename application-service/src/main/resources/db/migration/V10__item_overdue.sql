-- Supervision of the promised time limits (全闭环监测): each item found still open after its deadline,
-- once; its department was told (ItemWentOverdue) in the same transaction. Goes with its application
-- (the finished-applications purge).
create table item_overdue (
    application_id uuid        not null references application (id),
    item           text        not null,
    department     text        not null,
    deadline       date        not null,
    found_at       timestamptz not null,
    primary key (application_id, item)
);
-- The supervision lists and check look items up by their deadline.
create index application_item_deadline on application_item (deadline);

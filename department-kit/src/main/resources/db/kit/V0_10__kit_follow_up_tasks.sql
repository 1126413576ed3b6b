-- A 差评's rectification or a complaint (FollowUpOpened) waits in the same staff queue as a task of
-- its own kind, once per follow-up id, with its due dates; staff record the contact, then the answer
-- (ANSWERED). It is about the family, not an item's outcome: no item (a 差评 of the whole service),
-- no reason or context of a review. The family's words and the answer are sealed (ENC1:...).
alter table review_task add column kind text not null default 'REVIEW'
    check (kind in ('REVIEW', 'RECTIFICATION', 'COMPLAINT'));
alter table review_task alter column item drop not null;
alter table review_task alter column reason_code drop not null;
alter table review_task alter column reason_message drop not null;
alter table review_task alter column context drop not null;
alter table review_task add column follow_up_id uuid unique;
alter table review_task add column score smallint;
alter table review_task add column family_text text;
alter table review_task add column contact_due date;
alter table review_task add column answer_due date;
alter table review_task add column contacted_at timestamptz;
alter table review_task add column contacted_by text;
alter table review_task add column answer text;
alter table review_task add column answered_by text;
alter table review_task add column answered_at timestamptz;
alter table review_task drop constraint review_task_status_check;
alter table review_task add constraint review_task_status_check
    check (status in ('OPEN', 'DECIDED', 'CANCELLED', 'CLOSED', 'ANSWERED'));
alter table review_task add constraint review_task_kind_shape check (
    kind = 'REVIEW' and item is not null and reason_code is not null and reason_message is not null
        and context is not null
    or kind <> 'REVIEW' and follow_up_id is not null and answer_due is not null);

-- One open review per item; a follow-up of the same item is another task and never blocks it.
drop index review_task_one_open;
create unique index review_task_one_open on review_task (application_id, item) where status = 'OPEN' and kind = 'REVIEW';

-- CLOSED: the item ended another way while its task was open (cancelled with its upstream, a payment
-- reported): nothing is left for staff to decide, so the task leaves their list.
alter table review_task drop constraint review_task_status_check;
alter table review_task add constraint review_task_status_check
    check (status in ('OPEN', 'DECIDED', 'CANCELLED', 'CLOSED'));

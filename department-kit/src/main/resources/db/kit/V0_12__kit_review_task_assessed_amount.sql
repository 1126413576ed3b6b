-- An amount staff assess on approving (a manual maternity claim's reimbursement, from the receipts),
-- and the first approval of an amount a second, different officer must confirm: until then the task
-- stays OPEN (still waiting for staff), so withdrawal and the one-open-task rule hold as before.
alter table review_task add column assessed_amount numeric(12, 2) check (assessed_amount > 0);
alter table review_task add column first_approved_by text;
alter table review_task add column first_approved_at timestamptz;

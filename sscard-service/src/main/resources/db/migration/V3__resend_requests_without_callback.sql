-- Requests the bank took are due again when their callback does not come: the sender looks at both.
drop index card_request_due;
create index card_request_due on card_request (next_attempt_at) where state in ('PENDING', 'SENT');

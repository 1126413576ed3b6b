-- Issued orders are due again when the channel's report does not come: the sender looks at both.
drop index payment_order_to_send;
create index payment_order_to_send on payment_order (next_attempt_at) where state in ('PENDING', 'ISSUED');

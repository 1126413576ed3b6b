-- One SMS per message that has a recipient (SmsMessages): the message's delivery to the provider.
-- message_id is what the provider sees, the same on every resend, so it recognises one; the number
-- and the text are not copied here: the sender opens them from the message (notification) to send.
create table sms_message (
    message_id      text        primary key,
    notification_id bigint      not null unique references notification (id) on delete cascade,
    state           text        not null check (state in ('PENDING', 'SENT', 'FAILED')),
    attempts        int         not null default 0,
    next_attempt_at timestamptz not null,
    last_error      text,
    created_at      timestamptz not null,
    sent_at         timestamptz
);
create index sms_message_due on sms_message (next_attempt_at) where state in ('PENDING');

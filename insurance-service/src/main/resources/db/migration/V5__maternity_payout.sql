-- A manual maternity claim's bank account, as the family gave it, kept until the claim is paid (the
-- account moves to the payout) or, once it ended unpaid, purged (birth.insurance.maternity). The
-- account number and holder are personal data: sealed (ENC1:..., platform field encryption); the
-- review task shows officers only their masked forms.
create table maternity_claim (
    application_id uuid primary key,
    bank_name      text        not null,
    account_number text        not null,
    account_holder text        not null,
    claimed_at     timestamptz not null
);

-- The payout of a manual claim: the amount the officers assessed (maternity_settlement.amount),
-- transferred to the claim's account, recorded here (number and holder sealed). Null for a
-- settlement made at discharge, which pays nothing to the family.
alter table maternity_settlement add column paid_to_bank text;
alter table maternity_settlement add column paid_to_account text;
alter table maternity_settlement add column paid_to_holder text;

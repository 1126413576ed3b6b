-- The applicant's phone, sealed like the form it comes from (field encryption, 'ENC1:<key>:...'):
-- every status change carries it for the SMS, and a department's fact then need not read the form.
-- Rows written before stay null; for them the form is read.
alter table application add column applicant_phone text;

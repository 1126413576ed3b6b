-- A message is about a status change (STATUS) or tells the family a department's answer to its 差评
-- or complaint (ANSWER, FamilyAnswered). An answer carries the application's version when it was
-- given: it sorts after that version's status message, and the status stream leaves it out.
alter table notification add column about text not null default 'STATUS' check (about in ('STATUS', 'ANSWER'));

-- What identifies the newborn of an application, so that a second open application for the same
-- newborn is refused: the mother and the birth time, or the birth certificate number.
alter table application add column mother_id_number text;
alter table application add column newborn_birth_time timestamptz;
alter table application add column birth_certificate_number text;
create index application_newborn on application (mother_id_number, newborn_birth_time);
create index application_birth_certificate on application (birth_certificate_number)
    where birth_certificate_number is not null;

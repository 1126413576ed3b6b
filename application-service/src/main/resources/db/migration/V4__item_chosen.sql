-- Whether the applicant chose the item, or it was pulled in as a dependency of a chosen one.
alter table application_item add column pulled_in boolean not null default false;

-- Where an application was filed on a family's behalf (README, "The window and assisted filing"): the
-- service centre of a WINDOW filing (its code in the region's policy, from the clerk's token), whose
-- clerks look after it, or the hospital of a HOSPITAL filing. The clerk or staff member is submitted_by.
-- Applications filed before have neither: they stay with their submitter and parents.
alter table application add column service_centre text;
alter table application add column hospital text;
create index application_service_centre on application (service_centre, submitted_at desc)
    where service_centre is not null;

-- The paper materials a window checked and scanned (收件): the kind (a material code of the region's
-- policy), the scan's reference, who checked them, where and when. Neither personal data nor the
-- family's words: a kind and a document reference. Purged with the application.
create table received_material (
    id             bigint generated always as identity primary key,
    application_id uuid        not null references application (id),
    type           text        not null,
    document_id    text        not null,
    received_by    text        not null,
    service_centre text        not null,
    received_at    timestamptz not null
);
create index received_material_application on received_material (application_id, id);

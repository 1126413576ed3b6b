-- The health department's own reference data, imported as CSV (platform reference data).

-- Delivery hospitals (助产机构); only qualified ones may issue the birth certificate.
create table delivery_hospital (
    code      text primary key,
    name      text    not null,
    county    text    not null,
    qualified boolean not null
);

-- Delivery records the hospitals upload (分娩记录): the certificate is issued on these, not on the form.
create table delivery_record (
    record_number      text primary key,
    hospital_code      text        not null references delivery_hospital (code),
    mother_id_number   text        not null,
    -- to the minute, as the delivery register writes it
    birth_time         timestamptz not null,
    sex                text        not null,
    discharged_at      timestamptz,
    -- where the hospital issued the certificate before the application (Jilin)
    certificate_number text unique
);
create index delivery_record_by_hospital_and_time on delivery_record (hospital_code, birth_time);
create index delivery_record_by_mother on delivery_record (mother_id_number);

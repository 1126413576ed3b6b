-- The police's own reference data, imported as CSV (platform reference data), and the printing
-- notices a registration leaves for its station.

-- The population register (常住人口登记) of parents and household heads: registrations are decided on it.
create table population_register (
    id_number          text primary key,
    name               text not null,
    -- GB/T 2260 county of the household
    household_division text not null,
    -- 户号
    household_number   text not null,
    head_id_number     text not null,
    -- GB/T 4761
    relation_to_head   text not null,
    -- GB/T 3304
    ethnicity          text not null,
    -- CANCELLED: 户口已注销
    status             text not null check (status in ('ACTIVE', 'CANCELLED'))
);

-- The station that registers births for a household county.
create table police_station (
    county  text primary key,
    code    text not null,
    name    text not null,
    address text not null
);

-- 户口登记打印通知: the station prints the household register page of each registration it made.
create table printing_notice (
    application_id    uuid primary key references household_registration (application_id),
    station_code      text        not null,
    citizen_id_number text        not null,
    newborn_name      text        not null,
    household_number  text        not null,
    created_at        timestamptz not null
);
create index printing_notice_by_station on printing_notice (station_code, created_at desc);

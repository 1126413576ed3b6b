-- The county whose police station registers the birth: the certificate's stub (存根) goes there.
alter table birth_certificate add column household_county text;

-- One handover record per station (county) and quarter: the stubs of the certificates issued in it.
create table stub_handover (
    county              text        not null,
    quarter             text        not null,
    certificate_numbers text[]      not null,
    produced_at         timestamptz not null,
    primary key (county, quarter)
);

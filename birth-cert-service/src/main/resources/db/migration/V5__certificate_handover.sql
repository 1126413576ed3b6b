-- How the paper certificate reaches the family (seed 003 七: collected in person or mailed): the
-- waybill of a mailed one, from the range the postal carrier allotted (大客户预分配单号段), unique;
-- or where it is collected, by whom, and the mother's authorization for that collector.
create sequence waybill_serial;

alter table birth_certificate
    add column waybill_number           text unique,
    add column carrier                  text,
    add column collection_place         text,
    add column collector                text,
    add column collection_authorization text;

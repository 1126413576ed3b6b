-- The promised completion date of the whole application, from the region's time limit.
alter table application add column deadline date;

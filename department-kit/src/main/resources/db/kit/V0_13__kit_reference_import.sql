-- Reference-data imports: each upload or start-up file, the hash of what it held (a start-up file
-- already imported is skipped), how far it has come and, for a refused file, its problems by line.
create table reference_import (
    id           uuid primary key,
    dataset      text        not null,
    source       text        not null check (source in ('UPLOAD', 'FILE')),
    sha256       text        not null,
    bytes        bigint      not null,
    state        text        not null check (state in ('QUEUED', 'RUNNING', 'IMPORTED', 'REFUSED', 'FAILED',
                                                       'INTERRUPTED')),
    rows_read    bigint      not null default 0,
    errors       jsonb,
    requested_by text,
    requested_at timestamptz not null,
    started_at   timestamptz,
    finished_at  timestamptz,
    updated_at   timestamptz not null
);

create index reference_import_by_dataset on reference_import (dataset, requested_at desc);

-- One service's login role and its own database, owned by that role; only the role (and superusers)
-- may connect to it. Run as a superuser, again at will, the password in the environment (not on a
-- command line, where ps shows it):
--   ROLE_PASSWORD=... psql -v db=birth_hukou -v role=birth_hukou -f service-database.sql
-- scripts/setup-database.sh runs it for every service; compose's PostgreSQL runs that on first start.
\set ON_ERROR_STOP on
\set QUIET on
\getenv password ROLE_PASSWORD

select format('create role %I', :'role')
 where not exists (select from pg_roles where rolname = :'role') \gexec
-- Explicit attributes: a role made earlier by hand loses any extra power here.
alter role :"role" with login nosuperuser nocreatedb nocreaterole noreplication nobypassrls password :'password';

select format('create database %I owner %I', :'db', :'role')
 where not exists (select from pg_database where datname = :'db') \gexec
-- Databases created at start-up by earlier versions belong to postgres: they become the role's.
alter database :"db" owner to :"role";
-- PUBLIC may connect to every new database: no longer to this one.
revoke all on database :"db" from public;

\connect :"db"
-- What migrations made in that database before, as another user, becomes the role's too
-- (REASSIGN OWNED cannot move objects of the bootstrap superuser). Indexes, and sequences of a
-- column, follow their table; extension members and the pg_database_owner public schema stay.
select format('alter %s %s owner to %I', kind, name, :'role')
  from (select case c.relkind when 'S' then 'sequence' when 'v' then 'view'
                              when 'm' then 'materialized view' when 'f' then 'foreign table'
                              else 'table' end as kind,
               c.oid::regclass::text as name, c.relowner as owner, 'pg_class'::regclass as catalog, c.oid
          from pg_class c join pg_namespace n on n.oid = c.relnamespace
         where c.relkind in ('r', 'p', 'v', 'm', 'f', 'S')
           and n.nspname <> 'information_schema' and n.nspname !~ '^pg_'
           and not (c.relkind = 'S' and exists (select from pg_depend d
                     where d.classid = 'pg_class'::regclass and d.objid = c.oid and d.deptype in ('a', 'i')))
        union all
        select case p.prokind when 'p' then 'procedure' when 'a' then 'aggregate' else 'function' end,
               p.oid::regprocedure::text, p.proowner, 'pg_proc'::regclass, p.oid
          from pg_proc p join pg_namespace n on n.oid = p.pronamespace
         where n.nspname <> 'information_schema' and n.nspname !~ '^pg_'
        union all
        select case t.typtype when 'd' then 'domain' else 'type' end,
               t.oid::regtype::text, t.typowner, 'pg_type'::regclass, t.oid
          from pg_type t join pg_namespace n on n.oid = t.typnamespace
         where n.nspname <> 'information_schema' and n.nspname !~ '^pg_'
           and (t.typtype in ('e', 'd', 'r')
                or (t.typtype = 'c' and (select relkind from pg_class where oid = t.typrelid) = 'c'))
        union all
        select 'schema', quote_ident(n.nspname), n.nspowner, 'pg_namespace'::regclass, n.oid
          from pg_namespace n
         where n.nspname <> 'information_schema' and n.nspname !~ '^pg_') objects
 where owner not in (select oid from pg_roles where rolname in (:'role', 'pg_database_owner'))
   and not exists (select from pg_depend e
                    where e.classid = objects.catalog and e.objid = objects.oid and e.deptype = 'e')
 order by kind = 'schema' desc \gexec

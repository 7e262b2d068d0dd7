"""Create the two database roles and the database, idempotently.

The owner role owns the schemas and tables (migrations, provisioning). The
runtime role, used by web and workers, owns nothing, is NOSUPERUSER and
NOBYPASSRLS, and gets only DML on tables through default privileges, so every
table the owner creates later is usable by it and still bound by RLS.

Under Row-Level Security PostgreSQL applies a condition before the policy's
only when its operator is LEAKPROOF; any other condition is checked row by row
after the policy, so it can never be an index condition. The search operators
(LIKE, full-text match, array containment and overlap, trigram similarity) are
not marked leakproof by default, which leaves every GIN index of a tenant
table unused: a search that matches nothing walks the whole table. Only a
superuser may mark them, per database, so it happens here. Each of these
functions returns a boolean computed from its arguments and raises only for
arguments that are malformed by themselves (a LIKE pattern ending in an
escape, arrays of different types), never on a row's value compared against a
well-formed argument; the application never puts a column in a pattern.

An optional third role, the backup role (DATABASE_BACKUP_URL), exists for pg_dump
alone: it reads every row of every schema and writes nothing. It has BYPASSRLS,
since pg_dump refuses to dump a table whose policy would hide rows from it, and a
per-table policy admitting it would have to be added to every tenant table and
kept there forever; being read-only (pg_read_all_data) and used by the backup job
only, it sees what the backup file will hold anyway (scripts/backup-restore-drill.py).
"""

import environ
import psycopg
from psycopg import sql

OWNER_ATTRIBUTES = "LOGIN NOSUPERUSER NOBYPASSRLS CREATEDB NOCREATEROLE"
RUNTIME_ATTRIBUTES = "LOGIN NOSUPERUSER NOBYPASSRLS NOCREATEDB NOCREATEROLE"
BACKUP_ATTRIBUTES = "LOGIN NOSUPERUSER BYPASSRLS NOCREATEDB NOCREATEROLE"
INDEXED_SEARCH_FUNCTIONS = (
    "pg_catalog.textlike(text, text)",
    "pg_catalog.ts_match_vq(tsvector, tsquery)",
    "pg_catalog.arraycontains(anyarray, anyarray)",
    "pg_catalog.arrayoverlap(anyarray, anyarray)",
    "public.similarity_op(text, text)",
)


def _role_ensure(admin: psycopg.Connection, name: str, password: str, attributes: str) -> str | None:
    row = admin.execute("SELECT rolsuper OR rolbypassrls FROM pg_roles WHERE rolname = %s", [name]).fetchone()
    statement = "CREATE ROLE {} " if row is None else "ALTER ROLE {} "
    admin.execute(sql.SQL(statement + attributes).format(sql.Identifier(name)))
    if row is None and password:
        admin.execute(sql.SQL("ALTER ROLE {} PASSWORD {}").format(sql.Identifier(name), sql.Literal(password)))
    if row is None:
        return f"created role {name}"
    return f"removed SUPERUSER/BYPASSRLS from role {name}" if row[0] else None


def backup_role_ensure(*, admin_url: str, backup_url: str, database: str) -> list[str]:
    """The read-only backup role: created, or put back to BACKUP_ATTRIBUTES and read-only."""
    backup = environ.Env.db_url_config(backup_url)
    name = sql.Identifier(backup["USER"])
    changes: list[str] = []
    with psycopg.connect(admin_url, autocommit=True) as admin:
        exists = admin.execute("SELECT 1 FROM pg_roles WHERE rolname = %s", [backup["USER"]]).fetchone()
        admin.execute(sql.SQL(("ALTER ROLE {} " if exists else "CREATE ROLE {} ") + BACKUP_ATTRIBUTES).format(name))
        if exists is None:
            changes.append(f"created role {backup['USER']}")
            if backup["PASSWORD"]:
                admin.execute(sql.SQL("ALTER ROLE {} PASSWORD {}").format(name, sql.Literal(backup["PASSWORD"])))
        # SELECT on every table and sequence and USAGE on every schema, present and future.
        admin.execute(sql.SQL("GRANT pg_read_all_data TO {}").format(name))
        admin.execute(sql.SQL("GRANT CONNECT ON DATABASE {} TO {}").format(sql.Identifier(database), name))
    return changes


def database_setup(
    *,
    admin_url: str,
    owner_url: str,
    runtime_url: str,
    database: str,
    recreate: bool = False,
    backup_url: str = "",
) -> list[str]:
    """Return what was changed; an empty list means everything was in place."""
    owner = environ.Env.db_url_config(owner_url)
    runtime = environ.Env.db_url_config(runtime_url)
    changes: list[str] = []
    with psycopg.connect(admin_url, autocommit=True) as admin:
        for config, attributes in ((owner, OWNER_ATTRIBUTES), (runtime, RUNTIME_ATTRIBUTES)):
            change = _role_ensure(admin, config["USER"], config["PASSWORD"], attributes)
            if change:
                changes.append(change)
        if recreate:
            admin.execute(sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(database)))
        if admin.execute("SELECT 1 FROM pg_database WHERE datname = %s", [database]).fetchone() is None:
            admin.execute(
                sql.SQL("CREATE DATABASE {} OWNER {}").format(sql.Identifier(database), sql.Identifier(owner["USER"]))
            )
            changes.append(f"created database {database}")
        admin.execute(
            sql.SQL("GRANT CONNECT ON DATABASE {} TO {}").format(
                sql.Identifier(database), sql.Identifier(runtime["USER"])
            )
        )
    with psycopg.connect(admin_url, dbname=database, autocommit=True) as admin:
        # pg_trgm is created here (rather than first by a migration) so that its
        # operator can be marked; the trigram migration then finds it in place.
        admin.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm SCHEMA public")
        for function in INDEXED_SEARCH_FUNCTIONS:
            admin.execute(f"ALTER FUNCTION {function} LEAKPROOF")
    owner_conninfo = psycopg.conninfo.make_conninfo(
        host=owner["HOST"],
        port=owner["PORT"] or None,
        user=owner["USER"],
        password=owner["PASSWORD"] or None,
        dbname=database,
    )
    with psycopg.connect(owner_conninfo, autocommit=True) as owner_connection:
        runtime_role = sql.Identifier(runtime["USER"])
        for grant in (
            "GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO {}",
            "GRANT USAGE, SELECT ON SEQUENCES TO {}",
            "GRANT USAGE ON SCHEMAS TO {}",
        ):
            owner_connection.execute(sql.SQL("ALTER DEFAULT PRIVILEGES " + grant).format(runtime_role))
    if backup_url:
        changes += backup_role_ensure(admin_url=admin_url, backup_url=backup_url, database=database)
    return changes

"""Create the two database roles and the database, idempotently.

The owner role owns the schemas and tables (migrations, provisioning). The
runtime role, used by web and workers, owns nothing, is NOSUPERUSER and
NOBYPASSRLS, and gets only DML on tables through default privileges, so every
table the owner creates later is usable by it and still bound by RLS.
"""

import environ
import psycopg
from psycopg import sql

OWNER_ATTRIBUTES = "LOGIN NOSUPERUSER NOBYPASSRLS CREATEDB NOCREATEROLE"
RUNTIME_ATTRIBUTES = "LOGIN NOSUPERUSER NOBYPASSRLS NOCREATEDB NOCREATEROLE"


def _role_ensure(admin: psycopg.Connection, name: str, password: str, attributes: str) -> str | None:
    row = admin.execute("SELECT rolsuper OR rolbypassrls FROM pg_roles WHERE rolname = %s", [name]).fetchone()
    statement = "CREATE ROLE {} " if row is None else "ALTER ROLE {} "
    admin.execute(sql.SQL(statement + attributes).format(sql.Identifier(name)))
    if row is None and password:
        admin.execute(sql.SQL("ALTER ROLE {} PASSWORD {}").format(sql.Identifier(name), sql.Literal(password)))
    if row is None:
        return f"created role {name}"
    return f"removed SUPERUSER/BYPASSRLS from role {name}" if row[0] else None


def database_setup(
    *, admin_url: str, owner_url: str, runtime_url: str, database: str, recreate: bool = False
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
    return changes

"""Backup and restore drill: dump the whole database as the backup role, restore it into a
scratch database, and prove that everything came back.

    .venv/bin/python scripts/backup-restore-drill.py [--database ats] [--media-root DIR] [--keep]

Reads DATABASE_URL, DATABASE_OWNER_URL, DATABASE_ADMIN_URL, DATABASE_BACKUP_URL and
MEDIA_ROOT from the environment or .env, as the app does. The source database is only
read (the backup role is created or checked first; that touches roles and the database's
CONNECT grant, nothing else). It writes <database>_restore_drill and a scratch media
directory, and drops both at the end (unless --keep).

Steps: pg_dump (custom format) as the backup role, inside one exported snapshot whose
row counts it also takes; a tar of MEDIA_ROOT; a scratch database restored by the
superuser (the owner could not: FORCE ROW LEVEL SECURITY binds it, and pg_restore turns
row security off and stops at the first table it would apply to); setup_database's
steps on the scratch database (the LEAKPROOF marks live on pg_catalog functions,
which no dump carries). Then it compares: rows per table, files and their sha256,
RLS flags and policies, privileges, leakproof marks, and the runtime role's view of a
tenant with and without the tenant setting. Exit status 1 if anything differs.
"""

import argparse
import hashlib
import os
import shutil
import subprocess
import sys
import tarfile
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import environ
import psycopg
from psycopg import sql

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from apps.tenants.database_setup import (  # noqa: E402  # after the path insert, run as a script
    INDEXED_SEARCH_FUNCTIONS,
    backup_role_ensure,
    database_setup,
)

SYSTEM_SCHEMAS = ("pg_catalog", "information_schema", "pg_toast")
# Tables left out of RLS on purpose: the runtime role cannot read them at all.
NOT_TENANT_DATA = {"django_migrations"}
RUNTIME_CHECKED_TABLES = ("auth_user", "candidates_candidate")
DEFAULT_BACKUP_URL = "postgres://ats_backup@127.0.0.1:5432/ats"


def scalar(connection: psycopg.Connection[Any], query: sql.Composed | str) -> Any:
    row = connection.execute(query).fetchone()
    assert row is not None
    return row[0]


def tool(name: str) -> str:
    """A PostgreSQL client program by its full path (the server's major version's, if several)."""
    found = shutil.which(name)
    if found is None:
        raise SystemExit(f"{name} not found: install postgresql-client")
    return found


def with_database(url: str, name: str) -> str:
    return url.rsplit("/", 1)[0] + "/" + name


class Drill:
    def __init__(self, *, database: str, media_root: Path, keep: bool) -> None:
        env = environ.Env()
        environ.Env.read_env(ROOT / ".env", overwrite=False)
        self.admin_url = env.str("DATABASE_ADMIN_URL")
        self.owner_url = env.str("DATABASE_OWNER_URL")
        self.runtime_url = env.str("DATABASE_URL")
        self.backup_url = with_database(env.str("DATABASE_BACKUP_URL", default="") or DEFAULT_BACKUP_URL, database)
        self.source = database
        self.scratch = f"{database}_restore_drill"
        self.media_root = media_root
        self.keep = keep
        self.failures: list[str] = []
        self.figures: dict[str, Any] = {}

    # --- helpers ----------------------------------------------------------------
    def admin(self, database: str) -> psycopg.Connection[Any]:
        return psycopg.connect(with_database(self.admin_url, database), autocommit=True)

    def check(self, ok: bool, what: str) -> None:
        print(f"  {'ok  ' if ok else 'FAIL'} {what}")
        if not ok:
            self.failures.append(what)

    @staticmethod
    def libpq(url: str) -> str:
        """A URL as pg_dump and pg_restore take it (postgres:// is fine; keep the password out of argv)."""
        config = environ.Env.db_url_config(url)
        return psycopg.conninfo.make_conninfo(
            host=config["HOST"], port=str(config["PORT"] or 5432), user=config["USER"], dbname=config["NAME"]
        )

    @staticmethod
    def pg_env(url: str) -> dict[str, str]:
        password = environ.Env.db_url_config(url)["PASSWORD"]
        return {**os.environ, **({"PGPASSWORD": password} if password else {})}

    # --- steps --------------------------------------------------------------------
    def run(self, work: Path) -> int:
        print(f"Backup role {environ.Env.db_url_config(self.backup_url)['USER']}")
        for change in backup_role_ensure(admin_url=self.admin_url, backup_url=self.backup_url, database=self.source):
            print(f"  {change}")
        dump = work / "database.dump"
        print(f"Dump of {self.source} as the backup role")
        source_counts = self.dump(dump)
        media_archive = work / "media.tar.gz"
        source_files = self.archive_media(media_archive)
        print(f"Restore into {self.scratch}")
        self.restore(dump)
        restored_media = work / "media-restored"
        restored_files = self.unpack_media(media_archive, restored_media)
        print("Checks")
        self.compare_rows(source_counts)
        self.check(restored_files == source_files, f"{len(source_files)} files, each with the same sha256")
        self.compare_security()
        self.check_leakproof_after_setup()
        self.check_runtime_role()
        self.figures["files"] = len(source_files)
        print("Figures")
        for name, value in self.figures.items():
            print(f"  {name}: {value}")
        if self.failures:
            print(f"DRILL FAILED: {len(self.failures)} check(s) differ.")
            return 1
        print("Drill passed: everything came back.")
        return 0

    def dump(self, path: Path) -> dict[tuple[str, str], int]:
        """pg_dump in a snapshot exported by a transaction that counts the rows of the same snapshot."""
        with psycopg.connect(self.backup_url) as reader:
            reader.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY")
            snapshot = reader.execute("SELECT pg_export_snapshot()").fetchone()
            assert snapshot is not None
            started = time.monotonic()
            subprocess.run(
                [tool("pg_dump"), "--format=custom", f"--snapshot={snapshot[0]}", f"--file={path}",
                 f"--dbname={self.libpq(self.backup_url)}"],
                env=self.pg_env(self.backup_url), check=True,
            )  # fmt: skip
            self.figures["dump seconds"] = round(time.monotonic() - started, 2)
            counts = self.row_counts(reader)
        self.figures["dump bytes"] = path.stat().st_size
        self.figures["tables"] = len(counts)
        self.figures["rows"] = sum(counts.values())
        self.figures["schemas"] = len({schema for schema, _ in counts})
        return counts

    @staticmethod
    def row_counts(connection: psycopg.Connection[Any]) -> dict[tuple[str, str], int]:
        tables = connection.execute(
            "SELECT n.nspname, c.relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace"
            " WHERE c.relkind IN ('r', 'p') AND n.nspname <> ALL(%s) ORDER BY 1, 2",
            [list(SYSTEM_SCHEMAS)],
        ).fetchall()
        counts = {}
        for schema, table in tables:
            row = connection.execute(
                sql.SQL("SELECT count(*) FROM {}.{}").format(sql.Identifier(schema), sql.Identifier(table))
            ).fetchone()
            assert row is not None
            counts[(schema, table)] = int(row[0])
        return counts

    def archive_media(self, path: Path) -> dict[str, str]:
        files = self.file_digests(self.media_root)
        started = time.monotonic()
        with tarfile.open(path, "w:gz") as archive:
            if self.media_root.is_dir():
                archive.add(self.media_root, arcname=".")
        self.figures["media archive seconds"] = round(time.monotonic() - started, 2)
        self.figures["media archive bytes"] = path.stat().st_size
        return files

    def unpack_media(self, path: Path, target: Path) -> dict[str, str]:
        target.mkdir()
        with tarfile.open(path) as archive:
            archive.extractall(target, filter="data")
        return self.file_digests(target)

    @staticmethod
    def file_digests(root: Path) -> dict[str, str]:
        if not root.is_dir():
            return {}
        return {
            str(path.relative_to(root)): hashlib.sha256(path.read_bytes()).hexdigest()
            for path in sorted(root.rglob("*"))
            if path.is_file()
        }

    def restore(self, dump: Path) -> None:
        owner = environ.Env.db_url_config(self.owner_url)["USER"]
        with self.admin("postgres") as admin:
            admin.execute(sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(self.scratch)))
            admin.execute(
                sql.SQL("CREATE DATABASE {} OWNER {}").format(sql.Identifier(self.scratch), sql.Identifier(owner))
            )
        started = time.monotonic()
        scratch_admin = with_database(self.admin_url, self.scratch)
        subprocess.run(
            [tool("pg_restore"), "--exit-on-error", "--single-transaction",
             f"--dbname={self.libpq(scratch_admin)}", str(dump)],
            env=self.pg_env(scratch_admin), check=True,
        )  # fmt: skip
        self.figures["restore seconds"] = round(time.monotonic() - started, 2)

    def compare_rows(self, source: dict[tuple[str, str], int]) -> None:
        with self.admin(self.scratch) as restored:
            counts = self.row_counts(restored)
        differing = sorted(key for key in source.keys() | counts.keys() if source.get(key) != counts.get(key))
        for schema, table in differing[:10]:
            print(f"       {schema}.{table}: {source.get((schema, table))} -> {counts.get((schema, table))}")
        self.check(not differing, f"{len(source)} tables, {sum(source.values())} rows, the same count in each")

    # Privileges are compared as in effect: a NULL ACL (the owner's defaults) and the same
    # defaults written out are equal, and pg_dump writes the first for the second.
    SECURITY_QUERIES = {
        "RLS flags": "SELECT n.nspname, c.relname, c.relrowsecurity, c.relforcerowsecurity FROM pg_class c"
        " JOIN pg_namespace n ON n.oid = c.relnamespace WHERE c.relkind IN ('r', 'p')"
        " AND n.nspname <> ALL(%(system)s) ORDER BY 1, 2",
        "policies": "SELECT schemaname, tablename, policyname, permissive, roles::text, cmd, qual, with_check"
        " FROM pg_policies ORDER BY 1, 2, 3",
        "table and sequence privileges": "SELECT n.nspname, c.relname, c.relowner::regrole::text,"
        " a.grantee::regrole::text, a.privilege_type FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace,"
        " aclexplode(coalesce(c.relacl,"
        " acldefault((CASE c.relkind WHEN 'S' THEN 's' ELSE 'r' END)::\"char\", c.relowner))) a"
        " WHERE c.relkind IN ('r', 'p', 'S', 'v', 'm') AND n.nspname <> ALL(%(system)s) ORDER BY 1, 2, 4, 5",
        "schema privileges": "SELECT n.nspname, n.nspowner::regrole::text, a.grantee::regrole::text, a.privilege_type"
        " FROM pg_namespace n, aclexplode(coalesce(n.nspacl, acldefault('n'::\"char\", n.nspowner))) a"
        " WHERE n.nspname <> ALL(%(system)s) AND n.nspname NOT LIKE 'pg_%%' ORDER BY 1, 3, 4",
        "default privileges": "SELECT defaclrole::regrole::text, defaclnamespace, defaclobjtype, defaclacl::text"
        " FROM pg_default_acl ORDER BY 1, 2, 3",
        "function privileges": "SELECT n.nspname, p.oid::regprocedure::text, a.grantee::regrole::text,"
        " a.privilege_type FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace,"
        " aclexplode(coalesce(p.proacl, acldefault('f'::\"char\", p.proowner))) a"
        " WHERE n.nspname <> ALL(%(system)s) ORDER BY 1, 2, 3, 4",
    }

    def compare_security(self) -> None:
        arguments = {"system": list(SYSTEM_SCHEMAS)}
        with psycopg.connect(self.backup_url) as source, self.admin(self.scratch) as restored:
            for name, query in self.SECURITY_QUERIES.items():
                before = source.execute(query, arguments).fetchall()
                after = restored.execute(query, arguments).fetchall()
                self.check(before == after, f"{name}: {len(before)} the same")
            flags = restored.execute(self.SECURITY_QUERIES["RLS flags"], arguments).fetchall()
            tenant_schemas = {row[0] for row in restored.execute("SELECT schema_name FROM public.tenants_tenant")}
            policies = restored.execute("SELECT count(*) FROM pg_policies").fetchone()
        tenant_tables = [row for row in flags if row[0] in tenant_schemas and row[1] not in NOT_TENANT_DATA]
        unforced = [f"{schema}.{table}" for schema, table, enabled, forced in tenant_tables if not (enabled and forced)]
        for table in unforced:
            print(f"       not ENABLED and FORCED: {table}")
        self.check(
            bool(tenant_tables) and not unforced,
            f"every tenant table ({len(tenant_tables)}) has RLS ENABLED and FORCED",
        )
        self.figures["tenant schemas"] = len(tenant_schemas)
        self.figures["policies"] = policies[0] if policies else 0

    def leakproof(self) -> dict[str, bool]:
        with self.admin(self.scratch) as restored:
            rows = restored.execute(
                "SELECT p.oid::regprocedure::text, p.proleakproof FROM pg_proc p WHERE p.oid = ANY(%s::regprocedure[])",
                [list(INDEXED_SEARCH_FUNCTIONS)],
            ).fetchall()
        return {name: bool(leakproof) for name, leakproof in rows}

    def check_leakproof_after_setup(self) -> None:
        before = self.leakproof()
        print(f"       leakproof marks straight after the restore: {sum(before.values())} of {len(before)}")
        database_setup(
            admin_url=self.admin_url, owner_url=self.owner_url, runtime_url=self.runtime_url, database=self.scratch
        )
        after = self.leakproof()
        self.check(all(after.values()), f"setup_database re-marked the {len(after)} search functions LEAKPROOF")
        with self.admin(self.scratch) as restored:
            row = restored.execute(
                "SELECT has_database_privilege(%s, current_database(), 'CONNECT')",
                [environ.Env.db_url_config(self.runtime_url)["USER"]],
            ).fetchone()
        self.check(bool(row and row[0]), "the runtime role may connect to the restored database")

    def check_runtime_role(self) -> None:
        """The app's own role on the restored database sees each tenant's staff users and
        candidates with the tenant setting (as many as the superuser counts), none without."""
        runtime = with_database(self.runtime_url, self.scratch)
        with self.admin(self.scratch) as restored:
            tenants = restored.execute("SELECT id, schema_name FROM public.tenants_tenant ORDER BY id").fetchall()
            expected = {
                (schema, table): scalar(restored, sql.SQL("SELECT count(*) FROM {}.{}").format(
                    sql.Identifier(schema), sql.Identifier(table)))
                for _, schema in tenants
                for table in RUNTIME_CHECKED_TABLES
            }  # fmt: skip
        self.check(bool(tenants), f"the restored database has tenants to read as the runtime role ({len(tenants)})")
        with psycopg.connect(runtime) as app:
            for tenant_id, schema in tenants:
                for table in RUNTIME_CHECKED_TABLES:
                    count = sql.SQL("SELECT count(*) FROM {}").format(sql.Identifier(table))
                    with app.transaction():
                        app.execute(
                            "SELECT set_config('search_path', %s, true), set_config('app.tenant_id', %s, true)",
                            [schema, str(tenant_id)],
                        )
                        seen = scalar(app, count)
                    with app.transaction():
                        app.execute("SELECT set_config('search_path', %s, true)", [schema])
                        unset = scalar(app, count)
                    wanted = expected[(schema, table)]
                    self.check(
                        seen == wanted and unset == 0,
                        f"runtime role, {schema}.{table}: {seen} of {wanted} rows with the tenant setting,"
                        f" {unset} without",
                    )

    def drop_scratch(self) -> None:
        with self.admin("postgres") as admin:
            admin.execute(sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(self.scratch)))


@contextmanager
def workspace(keep: bool) -> Iterator[Path]:
    if keep:
        yield Path(tempfile.mkdtemp(prefix="ats-restore-drill-"))
        return
    with tempfile.TemporaryDirectory(prefix="ats-restore-drill-") as path:
        yield Path(path)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    env = environ.Env()
    environ.Env.read_env(ROOT / ".env", overwrite=False)
    parser.add_argument("--database", default=environ.Env.db_url_config(env.str("DATABASE_URL"))["NAME"])
    parser.add_argument(
        "--media-root", type=Path, default=Path(env.str("MEDIA_ROOT", default=str(ROOT / "var" / "media")))
    )
    parser.add_argument("--keep", action="store_true", help="keep the scratch database and files to look at")
    options = parser.parse_args(argv)
    drill = Drill(database=options.database, media_root=options.media_root.resolve(), keep=options.keep)
    with workspace(options.keep) as work:
        try:
            return drill.run(work)
        finally:
            if options.keep:
                print(f"Kept: database {drill.scratch}, files in {work}")
            else:
                drill.drop_scratch()


if __name__ == "__main__":
    sys.exit(main())

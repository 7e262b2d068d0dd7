"""Helpers shared by the benchmarks: a scratch database, the bench tenant in it, and timing summaries."""

import math
import os
import statistics
import subprocess
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import psycopg

    from apps.tenants.models import Tenant

ROOT = Path(__file__).resolve().parent.parent
BENCH_DATABASE = "bench_ats"

import environ  # noqa: E402  # after ROOT: the benchmarks read the project's .env

environ.Env.read_env(ROOT / ".env", overwrite=False)


def summary(samples_ms: list[float]) -> str:
    ordered = sorted(samples_ms)
    p95 = ordered[int(len(ordered) * 0.95) - 1]
    return f"median {statistics.median(ordered):.3f} ms, mean {statistics.fmean(ordered):.3f} ms, p95 {p95:.3f} ms"


def with_database(url: str, name: str) -> str:
    return url.rsplit("/", 1)[0] + "/" + name


def bench_env(settings_module: str, **extra: str) -> dict[str, str]:
    """Environment for a child process that works on the bench database."""
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": settings_module, "PYTHONPATH": str(ROOT), **extra}
    env["DATABASE_URL"] = with_database(os.environ["DATABASE_URL"], BENCH_DATABASE)
    env["DATABASE_OWNER_URL"] = with_database(os.environ["DATABASE_OWNER_URL"], BENCH_DATABASE)
    return env


def drop_database(name: str) -> None:
    import psycopg
    from psycopg import sql

    with psycopg.connect(os.environ["DATABASE_ADMIN_URL"], autocommit=True) as admin:
        admin.execute(sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name)))


def run(args: list[str], env: dict[str, str]) -> str:
    result = subprocess.run([sys.executable, *args], cwd=ROOT, env=env, capture_output=True, text=True, check=False)
    if result.returncode != 0:
        raise SystemExit(f"{' '.join(args)} failed:\n{result.stdout}\n{result.stderr}")
    return result.stdout


# --- The bench tenant, shared by the benchmarks that work on domain data ---------

BENCH_TENANT = "bench"
BENCH_HOST = "bench.localhost"
BENCH_SCHEMA = "t_bench"  # apps.tenants.models.schema_name_for("bench")


def ensure_bench_tenant(env: dict[str, str]) -> None:
    """Create bench_ats (if missing) with the shared schema and the bench tenant,
    migrated to the newest tenant migrations. Safe to run again."""
    run(["manage.py", "setup_database"], env)
    run(["manage.py", "migrate_schemas", "--shared", "--verbosity", "0"], env)
    run(
        [
            "manage.py",
            "provision_tenant",
            BENCH_TENANT,
            "--name",
            "Bench",
            "--domain",
            BENCH_HOST,
            "--admin-email",
            "bench@example.com",
        ],
        env,
    )
    # A bench schema left by an earlier run may predate the newest migrations;
    # only this schema is migrated, not the other tenants a benchmark left behind.
    run(["manage.py", "migrate_schemas", "--tenant", "--schema", BENCH_SCHEMA, "--verbosity", "0"], env)


def bench_user_ensure(email: str, *, host: str = BENCH_HOST) -> "Tenant":
    """In a Django child process: the hr_admin ``email`` of the tenant of ``host``
    (the bench tenant by default), with this run's password (BENCH_PASSWORD;
    staff_user_ensure leaves an existing user's password as it was, so it is set
    again). Returns the tenant."""
    from apps.staff.roles import HR_ADMIN
    from apps.staff.services import staff_user_ensure
    from apps.tenants.context import tenant_context
    from apps.tenants.selectors import tenant_for_host

    tenant = tenant_for_host(host)
    if tenant is None:
        raise SystemExit(f"no tenant for {host}: run bench/generate_domain_data.py first")
    password = os.environ["BENCH_PASSWORD"]
    with tenant_context(tenant, actor="command:bench"):
        user, _ = staff_user_ensure(email=email, role=HR_ADMIN, password=password)
        user.set_password(password)
        user.save(update_fields=["password"])
    return tenant


def owner_connection() -> "psycopg.Connection[tuple[Any, ...]]":
    """A connection to bench_ats as the owner role (the role migrations run as)."""
    import psycopg

    return psycopg.connect(with_database(os.environ["DATABASE_OWNER_URL"], BENCH_DATABASE))


def enter_bench_tenant(connection: "psycopg.Connection[tuple[Any, ...]]") -> int:
    """Bind a raw connection to the bench tenant for the rest of its session, as
    apps.tenants.postgresql does for Django's: search_path and the RLS setting
    together. Returns the tenant id; raises SystemExit if there is no bench tenant."""
    row = connection.execute("SELECT id FROM public.tenants_tenant WHERE slug = %s", [BENCH_TENANT]).fetchone()
    if row is None:
        raise SystemExit(f"no tenant {BENCH_TENANT!r} in {BENCH_DATABASE}: run bench/generate_domain_data.py first")
    tenant_id = int(row[0])
    connection.execute(
        "SELECT set_config('search_path', %s, false), set_config('app.tenant_id', %s, false)",
        [f"{BENCH_SCHEMA}, public", str(tenant_id)],
    )
    connection.commit()  # a session setting made in a transaction is undone by its rollback
    return tenant_id


def percentile(samples: list[float], fraction: float) -> float:
    """Nearest-rank percentile (fraction 0.5 for p50, 0.99 for p99)."""
    ordered = sorted(samples)
    return ordered[max(0, math.ceil(len(ordered) * fraction) - 1)]


def children(pid: int) -> list[int]:
    """The live child processes of ``pid`` (Linux: /proc)."""
    found: list[int] = []
    try:
        for task in os.listdir(f"/proc/{pid}/task"):
            found += [int(child) for child in Path(f"/proc/{pid}/task/{task}/children").read_text().split()]
    except OSError:
        return []
    return sorted(found)


def process_cpu(pids: list[int]) -> dict[int, float]:
    """User + system seconds of each of these processes still running."""
    seconds = {}
    for pid in pids:
        try:
            fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        seconds[pid] = (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
    return seconds

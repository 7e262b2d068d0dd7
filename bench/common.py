"""Helpers shared by the benchmarks: a scratch database and timing summaries."""

import os
import statistics
import subprocess
import sys
from pathlib import Path

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

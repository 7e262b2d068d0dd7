"""The drills' own servers: a PostgreSQL cluster, a redis-server, gunicorn, Celery
workers and beat, each on ports of their own, so that a drill may kill and
restart any of them without touching the shared services of the machine.

PostgreSQL runs as the ``postgres`` system user (it refuses to run as root),
from a data directory under a temporary folder that is removed at the end.
"""

import contextlib
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
import uuid
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import psycopg
import redis

ROOT = Path(__file__).resolve().parents[2]
PG_BIN = Path("/usr/lib/postgresql/15/bin")
TENANT = "drill"
SCHEMA = "t_drill"
INBOUND_DOMAIN = "inbound.localhost"
WEBHOOK_USER = "drill:" + uuid.uuid4().hex  # basic auth of this run's webhook, never reused
SIGNING_KEY = uuid.uuid4().hex
# Short enough that recovery takes seconds, long enough that a live task keeps its claim.
LEASE_SECONDS = 10
SWEEP_AFTER_SECONDS = 4
SWEEP_EVERY_SECONDS = 2


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def eventually(check: Callable[[], Any], *, timeout: float, what: str, every: float = 0.2) -> Any:
    deadline = time.monotonic() + timeout
    while not (result := check()):
        if time.monotonic() > deadline:
            raise TimeoutError(f"timed out after {timeout:.0f} s waiting for {what}")
        time.sleep(every)
    return result


def program(name: str) -> str:
    found = shutil.which(name)
    if found is None:
        raise SystemExit(f"{name} not found: the drills need it installed")
    return found


def _as_postgres(*command: str) -> list[str]:
    # The drills run as root on these machines; PostgreSQL will not.
    return [program("runuser"), "-u", "postgres", "--", *command] if os.geteuid() == 0 else list(command)


def _run(command: list[str]) -> None:
    result = subprocess.run(command, capture_output=True, text=True, check=False)
    if result.returncode != 0:
        raise RuntimeError(f"{' '.join(command)} failed:\n{result.stdout}\n{result.stderr}")


class Postgres:
    """A PostgreSQL cluster of its own: initdb, start, stop (fast or immediate), start again."""

    def __init__(self, base: Path) -> None:
        self.data = base / "pgdata"
        self.log = self.data / "postgres.log"  # written by the postgres user, in its own folder
        self.port = free_port()
        self.admin_url = f"postgres://postgres@127.0.0.1:{self.port}/postgres"

    def init(self) -> None:
        self.data.mkdir()
        if os.geteuid() == 0:
            shutil.chown(self.data, "postgres")
        _run(_as_postgres(str(PG_BIN / "initdb"), "-D", str(self.data), "-A", "trust", "-U", "postgres", "--no-sync"))
        self.start()

    def start(self) -> None:
        options = (
            f"-p {self.port} -c listen_addresses=127.0.0.1 -k {self.data} -c fsync=off -c full_page_writes=off"
            " -c max_connections=100 -c shared_buffers=64MB"
        )
        _run(
            _as_postgres(
                str(PG_BIN / "pg_ctl"), "-D", str(self.data), "-l", str(self.log), "-o", options, "-w", "start"
            )
        )

    def stop(self, mode: str = "fast") -> None:
        """``immediate`` is a crash as far as clients can tell: no goodbye, WAL recovery on start."""
        subprocess.run(
            _as_postgres(str(PG_BIN / "pg_ctl"), "-D", str(self.data), "-m", mode, "-w", "stop"),
            check=False, capture_output=True,
        )  # fmt: skip

    def connect(self, database: str = "ats") -> psycopg.Connection[tuple[Any, ...]]:
        """A superuser connection: the drill's counts see every row, past Row-Level Security."""
        return psycopg.connect(f"postgres://postgres@127.0.0.1:{self.port}/{database}", autocommit=True)


class Redis:
    """A redis-server on a port of its own, without persistence, as the broker is in development."""

    def __init__(self, base: Path) -> None:
        self.port = free_port()
        self.log = base / "redis.log"
        self.process: subprocess.Popen[bytes] | None = None

    def url(self, db: int) -> str:
        return f"redis://127.0.0.1:{self.port}/{db}"

    def client(self) -> redis.Redis:
        return redis.Redis(host="127.0.0.1", port=self.port, socket_timeout=2)

    def start(self) -> None:
        with self.log.open("ab") as log:
            self.process = subprocess.Popen(
                [program("redis-server"), "--port", str(self.port), "--bind", "127.0.0.1", "--save", "",
                 "--appendonly", "no"],
                stdout=log, stderr=subprocess.STDOUT,
            )  # fmt: skip
        eventually(self.ping, timeout=10, what="redis-server")

    def ping(self) -> bool:
        try:
            return bool(self.client().ping())
        except redis.RedisError:
            return False

    def stop(self) -> None:
        if self.process is not None:
            self.process.kill()
            self.process.wait()
            self.process = None


class App:
    """gunicorn, Celery workers and Celery beat against the drill's servers, one process group each."""

    def __init__(self, base: Path, postgres: Postgres, broker: Redis, media: Path) -> None:
        self.base = base
        self.port = free_port()
        self.media = media
        self.env = {
            **os.environ,
            "PYTHONPATH": str(ROOT),
            "DJANGO_SETTINGS_MODULE": "bench.settings_api",
            "SECRET_KEY": uuid.uuid4().hex * 2,
            "JWT_SIGNING_KEY": uuid.uuid4().hex * 2,
            "DATABASE_URL": f"postgres://ats_app@127.0.0.1:{postgres.port}/ats",
            "DATABASE_OWNER_URL": f"postgres://ats_owner@127.0.0.1:{postgres.port}/ats",
            "DATABASE_ADMIN_URL": postgres.admin_url,
            "CELERY_BROKER_URL": broker.url(0),
            "REDIS_URL": broker.url(1),
            "MEDIA_ROOT": str(media),
            "ANYMAIL_WEBHOOK_SECRET": WEBHOOK_USER,
            "MAILGUN_WEBHOOK_SIGNING_KEY": SIGNING_KEY,
            "INBOUND_DOMAIN": INBOUND_DOMAIN,
            "PUBLIC_HOSTS": "localhost,127.0.0.1",
            "ALLOWED_HOSTS": ".localhost,127.0.0.1",
            "INGESTION_LEASE_SECONDS": str(LEASE_SECONDS),
            "INGESTION_SWEEP_AFTER_SECONDS": str(SWEEP_AFTER_SECONDS),
            "INGESTION_SWEEP_EVERY_SECONDS": str(SWEEP_EVERY_SECONDS),
            "LOG_LEVEL": "WARNING",
        }
        self.server: subprocess.Popen[bytes] | None = None
        self.workers: list[subprocess.Popen[bytes]] = []
        self.beat: subprocess.Popen[bytes] | None = None
        self.generation = 0
        # The supervisor: what docker-compose.yml's "restart: unless-stopped" does for the
        # worker and beat, which a drill needs as much as production does (see supervise()).
        self.lock = threading.RLock()
        self.supervising = False
        self.signalled: set[int] = set()
        self.restarts: list[str] = []

    def manage(self, *args: str) -> str:
        result = subprocess.run(
            [sys.executable, "manage.py", *args], cwd=ROOT, env=self.env, capture_output=True, text=True, check=False
        )
        if result.returncode != 0:
            raise RuntimeError(f"manage.py {' '.join(args)} failed:\n{result.stdout}\n{result.stderr}")
        return result.stdout

    def provision(self) -> None:
        """The project's own path from an empty cluster to a tenant, as scripts/start-dev.sh takes it."""
        self.manage("setup_database")
        self.manage("migrate_schemas", "--shared", "--verbosity", "0")
        self.manage("provision_tenant", TENANT, "--name", "Fault drills", "--domain", f"{TENANT}.localhost")

    def _spawn(self, name: str, args: list[str]) -> subprocess.Popen[bytes]:
        with (self.base / f"{name}.log").open("ab") as log:
            # A session of its own: a SIGKILL to the group takes the prefork children and
            # extraction sandboxes with it, as the OOM killer or a container stop would.
            return subprocess.Popen(
                [sys.executable, "-m", *args], cwd=ROOT, env=self.env, stdout=log, stderr=subprocess.STDOUT,
                start_new_session=True,
            )  # fmt: skip

    def start_server(self) -> None:
        self.server = self._spawn(
            "gunicorn",
            ["gunicorn", "ats.wsgi", "--bind", f"127.0.0.1:{self.port}", "--worker-class", "gthread", "--workers",
             "2", "--threads", "4", "--log-level", "warning", "--graceful-timeout", "5"],
        )  # fmt: skip
        log = self.base / "gunicorn.log"
        try:
            eventually(self._healthy, timeout=60, what="gunicorn")
        except TimeoutError as error:
            raise RuntimeError(f"gunicorn did not answer:\n{log.read_text(errors='replace')[-3000:]}") from error

    def _healthy(self) -> bool:
        import http.client

        try:
            # Any answer will do: /health would wait for a Celery worker to answer its ping.
            connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=5)
            connection.request("GET", "/drill-ready", headers={"Host": "localhost"})
            return connection.getresponse().status == 404
        except OSError:
            return False

    def start_worker(self, *, concurrency: int = 2) -> subprocess.Popen[bytes]:
        with self.lock:
            self.generation += 1
            name = f"worker-{self.generation}"
            log = self.base / f"{name}.log"
            worker = self._spawn(
                name,
                ["celery", "-A", "ats", "worker", f"--concurrency={concurrency}", "--loglevel=INFO", "-n",
                 f"drill{self.generation}@%h", "--without-heartbeat", "--without-gossip", "--without-mingle"],
            )  # fmt: skip
            self.workers.append(worker)
        eventually(
            lambda: "ready." in log.read_text(errors="replace") or worker.poll() is not None,
            timeout=90, what=f"Celery {name}",
        )  # fmt: skip
        if worker.poll() is not None:
            raise RuntimeError(f"Celery {name} exited:\n{log.read_text(errors='replace')[-3000:]}")
        return worker

    def start_beat(self) -> None:
        self.beat = self._spawn(
            "beat", ["celery", "-A", "ats", "beat", "--loglevel=WARNING", "-s", str(self.base / "beat-schedule")]
        )

    def supervise(self) -> None:
        """From now until stop_all(), start again a worker or beat that exits without
        being told to, after a second, as the production compose file's restart policy
        does. Each restart is noted in ``restarts``."""
        self.supervising = True
        self.restarts = []
        threading.Thread(target=self._watch, daemon=True).start()

    def _watch(self) -> None:
        while self.supervising:
            time.sleep(1)
            with self.lock:
                if not self.supervising:
                    return
                exited = [w for w in self.workers if w.poll() is not None and w.pid not in self.signalled]
                for worker in exited:
                    self.workers.remove(worker)
                    self.restarts.append(f"worker exited with {worker.returncode}")
                    with contextlib.suppress(RuntimeError, TimeoutError):
                        self.start_worker()  # one that dies while starting is seen on the next round
                if self.beat is not None and self.beat.poll() is not None:
                    self.restarts.append(f"beat exited with {self.beat.returncode}")
                    self.start_beat()

    def worker_signal(self, worker: subprocess.Popen[bytes], signum: int) -> None:
        self.signalled.add(worker.pid)
        with contextlib.suppress(ProcessLookupError):
            if signum == signal.SIGKILL:
                os.killpg(worker.pid, signum)
            else:
                os.kill(worker.pid, signum)  # Celery's main process shuts its pool down itself

    def stop_all(self) -> None:
        with self.lock:
            self.supervising = False
            processes = [*self.workers, self.beat, self.server]
        for process in processes:
            if process is not None and process.poll() is None:
                self.worker_signal(process, signal.SIGTERM)
        for process in processes:
            if process is None:
                continue
            try:
                process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                self.worker_signal(process, signal.SIGKILL)
                process.wait()
            # Whatever the group left behind (a pool child, a sandbox) goes too.
            with contextlib.suppress(ProcessLookupError):
                os.killpg(process.pid, signal.SIGKILL)
        self.workers, self.beat, self.server = [], None, None


class Stack:
    """Everything a drill needs, started once per run; torn down by close()."""

    def __init__(self, *, tiny_media_bytes: int = 0) -> None:
        self.base = Path(tempfile.mkdtemp(prefix="ats-drills-"))
        # Traverse only, no listing: the postgres user must reach its data directory inside.
        os.chmod(self.base, 0o711)  # noqa: S103
        self.postgres = Postgres(self.base)
        self.redis = Redis(self.base)
        self.media = self.base / "media"
        self.media.mkdir()
        self.media_mounted = False
        self.tiny_media_bytes = tiny_media_bytes
        self.app = App(self.base, self.postgres, self.redis, self.media)

    def start(self) -> None:
        self.postgres.init()
        self.redis.start()
        self.app.provision()
        if self.tiny_media_bytes:
            self.media_mounted = self.mount_media(self.tiny_media_bytes)

    def mount_media(self, size: int) -> bool:
        """MEDIA_ROOT on a tmpfs of ``size`` bytes, when this machine lets us mount one."""
        result = subprocess.run(
            [program("mount"), "-t", "tmpfs", "-o", f"size={size}", "tmpfs", str(self.media)],
            capture_output=True,
            check=False,
        )
        return result.returncode == 0

    def reset(self) -> None:
        """Between drills: no processes, no rows of the tenant's mail, an empty broker and media."""
        self.app.stop_all()
        with self.postgres.connect() as db:
            db.execute(
                f"TRUNCATE {SCHEMA}.ingestion_inboundattachment, {SCHEMA}.ingestion_inboundmessage,"
                f" {SCHEMA}.candidates_resume, {SCHEMA}.candidates_candidate, public.tenants_webhooktoken CASCADE"
            )
        if not self.redis.ping():
            self.redis.stop()
            self.redis.start()
        self.redis.client().flushall()
        self.redis.client().config_set("maxmemory", 0)
        for entry in self.media.iterdir():
            if entry.is_dir():
                shutil.rmtree(entry)
            else:
                entry.unlink()

    def close(self, *, keep_logs: bool = False) -> None:
        self.app.stop_all()
        self.redis.stop()
        self.postgres.stop("immediate")
        if self.media_mounted:
            subprocess.run([program("umount"), str(self.media)], check=False)
        if keep_logs:
            # The logs of gunicorn, the workers, beat and PostgreSQL, for a drill that failed.
            shutil.rmtree(self.media, ignore_errors=True)
            return
        shutil.rmtree(self.base, ignore_errors=True)


@contextlib.contextmanager
def running_stack(*, tiny_media_bytes: int = 0, keep_logs: bool = False) -> Iterator[Stack]:
    stack = Stack(tiny_media_bytes=tiny_media_bytes)
    try:
        stack.start()
        yield stack
    finally:
        stack.close(keep_logs=keep_logs)

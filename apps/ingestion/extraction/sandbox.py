"""Extraction in a child process with hard limits, so a hostile file cannot take the caller down.

Design: a small pool (one worker by default) of warm, persistent child processes
(worker.py), started lazily and reused for many files. Each child caps its address
space (RLIMIT_AS) for good and its CPU time per job (RLIMIT_CPU); the parent holds
the wall clock and kills the child's whole process group (Tesseract included) when
it runs out, and reads at most ``max_output_bytes`` of its JSON answer. A child is
replaced after any crash, timeout or out-of-memory failure, after
``MAX_JOBS_PER_WORKER`` files, and when its resident memory passes half its cap, so
leaks and damaged heaps never outlive a few files.

Why not a fresh fork per file (multiprocessing's forkserver with PyMuPDF preloaded)?
Measured on these 2 cores (bench/extraction_speed.py --forkserver): a fork per file
adds about 23 ms, a round trip to the warm child 1-2 ms (the file out, the lines back
as JSON), against 3-15 ms for the whole extraction of a text resume; the speed goal
is 2.5x the bare PyMuPDF call, which only the warm child meets (1.7x against 5x).

The child is started with ``subprocess`` rather than ``multiprocessing``: a Celery
prefork worker is a daemonic process, which multiprocessing forbids to have
children, and a fork of a Django or Celery process would copy its connections and
threads into the child. It is a fresh interpreter (about 0.2 s to start with
PyMuPDF loaded), paid once per child, not per file. Its answer is JSON, checked
field by field (wire.py): a child that a hostile file took over cannot make the
parent run code, as unpickling would.

The same children draw resume pages for the staff console's preview (render.py):
a request's header names its task, and ``Job`` says how to read the answer and
what a failure becomes, so both kinds of work share the limits and the recycling.

Safe in a Celery prefork worker and in tests: a forked process forgets the pool it
inherited (it gets its own on first use), and the pool is shut down at exit; a
worker whose parent dies reads end-of-file and exits.
"""

import atexit
import contextlib
import functools
import json
import math
import os
import select
import signal
import struct
import subprocess
import sys
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Generic, TypeVar

from apps.ingestion.document import Document
from apps.ingestion.extraction import sniff, wire
from apps.ingestion.extraction.limits import Limits

MAX_JOBS_PER_WORKER = 500
# The child stops itself at its wall clock; the parent kills it this much later.
GRACE_SECONDS = 1.0
_REQUEST = struct.Struct(">II")
_ANSWER = struct.Struct(">I")
_ROOT = str(Path(__file__).resolve().parents[3])
_BOOT = "from apps.ingestion.extraction.worker import main; main()"
T = TypeVar("T")


@dataclass(frozen=True)
class Job(Generic[T]):
    """One request to a child: the header it reads (``task`` picks the work, extraction
    by default), how to decode its answer (raising wire.WireError when malformed)
    into a result and the worker's statistics, and the result of a failure."""

    header: dict[str, object]
    decode: Callable[[bytearray], tuple[T, dict[str, Any]]]
    failed: Callable[[str], T]


class _WorkerLost(Exception):
    """The worker died while idle: the job never started and can go to a new one."""


class _Worker:
    def __init__(self, memory: int) -> None:
        env = dict(os.environ)
        env["PYTHONPATH"] = os.pathsep.join(filter(None, (_ROOT, env.get("PYTHONPATH"))))
        env["OMP_THREAD_LIMIT"] = "1"
        self.memory = memory
        self.jobs = 0
        self.process = subprocess.Popen(
            [sys.executable, "-c", _BOOT, str(memory)],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            bufsize=0,
            close_fds=True,
            # Its own process group: a kill reaches Tesseract too.
            start_new_session=True,
            env=env,
        )
        assert self.process.stdin is not None
        assert self.process.stdout is not None
        self.requests = self.process.stdin.fileno()
        self.answers = self.process.stdout.fileno()
        os.set_blocking(self.requests, False)
        os.set_blocking(self.answers, False)
        # One poll object per direction for the child's life: a selector made for every
        # wait cost three system calls more each time.
        self.writable = select.poll()
        self.writable.register(self.requests, select.POLLOUT)
        self.readable = select.poll()
        self.readable.register(self.answers, select.POLLIN)

    def alive(self) -> bool:
        return self.process.poll() is None

    def run(self, job: Job[T], data: bytes, limits: Limits) -> tuple[T, bool]:
        """The child's result, and whether the child may take another job."""
        self.jobs += 1
        deadline = time.monotonic() + limits.wall_seconds + GRACE_SECONDS
        header = json.dumps({**job.header, "limits": _limits_dict(limits)}).encode()
        try:
            self._send((_REQUEST.pack(len(header), len(data)) + header, data), deadline)
        except (BrokenPipeError, ConnectionResetError) as exc:
            raise _WorkerLost from exc
        except TimeoutError:
            return self._fail(job, f"timeout: the extractor took no input for {limits.wall_seconds:g} s"), False
        try:
            raw = self._receive(deadline, limits.max_output_bytes)
        except TimeoutError:
            return self._fail(job, f"timeout: no result within {limits.wall_seconds:g} s"), False
        except OverflowError:
            return self._fail(job, f"too_large: the extracted text exceeds {limits.max_output_bytes} bytes"), False
        except EOFError:
            return self._fail(job, self._death(limits)), False
        try:
            result, stats = job.decode(raw)
        except wire.WireError:
            return self._fail(job, "crashed: the extractor sent a malformed answer"), False
        rss = stats.get("rss")
        grown = isinstance(rss, int) and rss > self.memory // 2
        return result, not (stats.get("recycle") or grown or self.jobs >= MAX_JOBS_PER_WORKER)

    def _send(self, chunks: tuple[bytes, ...], deadline: float) -> None:
        # Written first, waited for only when the pipe is full: a resume fits in the
        # pipe's buffer, or most of it does.
        for chunk in chunks:
            view = memoryview(chunk)
            while view:
                try:
                    view = view[os.write(self.requests, view) :]
                except BlockingIOError:
                    _wait(self.writable, deadline)

    def _receive(self, deadline: float, cap: int) -> bytearray:
        """The answer's body: its length first, then exactly that many bytes into one buffer
        (growing a buffer chunk by chunk fragments the parent's heap over thousands of files)."""
        head = self._read_into(bytearray(_ANSWER.size), deadline)
        (size,) = _ANSWER.unpack(head)
        if size > cap:
            raise OverflowError
        return self._read_into(bytearray(size), deadline)

    def _read_into(self, buffer: bytearray, deadline: float) -> bytearray:
        view = memoryview(buffer)
        filled = 0
        while filled < len(buffer):
            try:
                count = os.readv(self.answers, [view[filled:]])
            except BlockingIOError:
                _wait(self.readable, deadline)
                continue
            if count == 0:
                raise EOFError
            filled += count
        return buffer

    def _death(self, limits: Limits) -> str:
        """Why the child ended in the middle of a job, from its exit status."""
        self.close(graceful=False)
        code = self.process.returncode
        if code == -signal.SIGXCPU:
            return f"timeout: the extractor used its {limits.cpu_seconds} CPU seconds"
        if code == -signal.SIGKILL:
            return "crashed: the extractor was killed (out of memory?)"
        if code is not None and code < 0:
            return f"crashed: the extractor died with {signal.Signals(-code).name}"
        return f"crashed: the extractor exited with status {code}"

    def _fail(self, job: Job[T], reason: str) -> T:
        self.close(graceful=False)
        return job.failed(reason)

    def close(self, *, graceful: bool = True) -> None:
        """End the child: let it read end-of-input and exit, else kill its process group."""
        if self.process.returncode is not None:
            return
        for stream in (self.process.stdin, self.process.stdout):
            if stream is not None:
                stream.close()
        if graceful:
            with contextlib.suppress(subprocess.TimeoutExpired):
                self.process.wait(timeout=2)
        # Kill before reaping: until then the group id cannot have been reused.
        with contextlib.suppress(ProcessLookupError, PermissionError):
            os.killpg(self.process.pid, signal.SIGKILL)
        self.process.wait()

    def abandon(self) -> None:
        """Drop a worker inherited through fork: it belongs to the parent process."""
        for stream in (self.process.stdin, self.process.stdout):
            if stream is not None:
                stream.close()


def _wait(poll: select.poll, deadline: float) -> None:
    """Until ``poll``'s pipe is ready (or its other end is closed); TimeoutError at ``deadline``."""
    while True:
        remaining = deadline - time.monotonic()
        if remaining <= 0:
            raise TimeoutError
        if poll.poll(max(1, math.ceil(remaining * 1000))):
            return


@functools.lru_cache(maxsize=8)
def _limits_dict(limits: Limits) -> dict[str, Any]:
    """The limits as the child reads them (the same few Limits come every time)."""
    return limits.to_dict()


class _Pool:
    def __init__(self, size: int) -> None:
        self.size = size
        self.condition = threading.Condition()
        self.idle: list[_Worker] = []
        self.busy = 0

    def run(self, job: Job[T], data: bytes, limits: Limits) -> T:
        for _attempt in range(2):
            worker = self._acquire(limits.memory_bytes)
            keep = finished = False
            try:
                result, keep = worker.run(job, data, limits)
                finished = True
                return result
            except _WorkerLost:
                continue
            finally:
                # An interrupted job (a Celery soft time limit, say) leaves a busy child: kill it.
                self._release(worker, keep, graceful=finished)
        return job.failed("crashed: the extractor died before reading the file")

    def _acquire(self, memory: int) -> _Worker:
        with self.condition:
            while not self.idle and self.busy >= self.size:
                self.condition.wait()
            self.busy += 1
            worker = self.idle.pop() if self.idle else None
        if worker is not None and (not worker.alive() or worker.memory != memory):
            # Dead while idle, or capped for other limits: an address-space cap only goes down.
            worker.close(graceful=False)
            worker = None
        if worker is None:
            try:
                worker = _Worker(memory)
            except BaseException:
                with self.condition:
                    self.busy -= 1
                    self.condition.notify()
                raise
        return worker

    def _release(self, worker: _Worker, keep: bool, *, graceful: bool) -> None:
        keep = keep and worker.alive()
        if not keep:
            worker.close(graceful=graceful)
        with self.condition:
            self.busy -= 1
            if keep:
                self.idle.append(worker)
            self.condition.notify()

    def shutdown(self) -> None:
        with self.condition:
            idle, self.idle = self.idle, []
        for worker in idle:
            worker.close()

    def abandon(self) -> None:
        for worker in self.idle:
            worker.abandon()
        self.idle = []


_pool: _Pool | None = None
_pool_lock = threading.Lock()
_workers = 1
# Pools inherited through fork, kept referenced so that their Popen objects are never
# collected (and never waited for) in a process that is not their parent.
_inherited: list[_Pool] = []


def configure(*, workers: int) -> None:
    """Set the pool size (children running at once); takes effect for a new pool."""
    global _workers
    _workers = max(1, workers)


def run_sandboxed(data: bytes, filename: str, limits: Limits) -> Document:
    """Extract the file in a child."""

    def failed(reason: str) -> Document:
        # The type is sniffed here only to label the failure; sniffing reads a few headers.
        return Document.failed(reason, sniff.sniff(data[:65536]))

    return run(Job({"filename": filename}, wire.decode, failed), data, limits)


def run(job: Job[T], data: bytes, limits: Limits) -> T:
    """Run ``job`` on ``data`` in a child under ``limits``; never raises for bad input."""
    global _pool
    with _pool_lock:
        if _pool is None:
            _pool = _Pool(_workers)
        pool = _pool
    try:
        return pool.run(job, data, limits)
    except (OSError, subprocess.SubprocessError) as exc:
        # Even the machinery failing (no processes left, no file descriptors) is a result.
        # Anything else (a Celery soft time limit, a bug) is the caller's to see.
        return job.failed(f"crashed: the sandbox failed ({type(exc).__name__}: {exc})"[:200])


def shutdown() -> None:
    """Stop the pool's children (at exit, and in tests that want a clean slate)."""
    global _pool
    with _pool_lock:
        pool, _pool = _pool, None
    if pool is not None:
        pool.shutdown()


def worker_pids() -> list[int]:
    """The process ids of the idle children (for tests and benchmarks)."""
    pool = _pool
    return [worker.process.pid for worker in pool.idle] if pool is not None else []


def _forget_after_fork() -> None:
    global _pool, _pool_lock
    _pool_lock = threading.Lock()  # another thread may have held it at fork time
    if _pool is not None:
        _pool.abandon()
        _inherited.append(_pool)
        _pool = None


os.register_at_fork(after_in_child=_forget_after_fork)
atexit.register(shutdown)

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

The children are not forks of the caller: a Celery prefork worker is a daemonic
process, which multiprocessing forbids to have children, and a fork of a Django or
Celery process would copy its connections and threads into the child. Each pool
starts a spawner with ``subprocess`` (spawner.py: a fresh interpreter with PyMuPDF
loaded, about 0.2 s, that never reads a file) and asks it to fork every child, in
its own process group, with the pipes the pool made for it: a new child costs a
fork, not an interpreter's start (650 M instructions, 1.3 M a file over a child's
500). The spawner reaps a child only when the pool asks, after the pool has killed
the child's group, and answers its exit status (the CPU limit's SIGXCPU, say), so
the pool reads a child's end as it would its own child's. Its answer is JSON, checked
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
import socket
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
_BOOT = "from apps.ingestion.extraction.spawner import main; main()"
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


class _Spawner:
    """One fork server (spawner.py): the children of a pool are forked from it, so that
    none pays for the interpreter's start and PyMuPDF's import again."""

    def __init__(self) -> None:
        env = dict(os.environ)
        env["PYTHONPATH"] = os.pathsep.join(filter(None, (_ROOT, env.get("PYTHONPATH"))))
        env["OMP_THREAD_LIMIT"] = "1"
        self.lock = threading.Lock()
        self.broken = False
        self.control, theirs = socket.socketpair(socket.AF_UNIX, socket.SOCK_SEQPACKET)
        try:
            self.process = subprocess.Popen(
                [sys.executable, "-c", _BOOT, str(theirs.fileno())],
                stdin=subprocess.DEVNULL,
                stdout=subprocess.DEVNULL,
                pass_fds=(theirs.fileno(),),
                # Out of the caller's process group: a signal to the group (a Ctrl-C) is
                # not the spawner's to see; its parent ends it.
                start_new_session=True,
                env=env,
            )
        except BaseException:
            self.control.close()
            raise
        finally:
            theirs.close()

    def alive(self) -> bool:
        return not self.broken and self.process.poll() is None

    def _ask(self, request: bytes, fds: list[int] | None = None) -> str:
        with self.lock:
            try:
                if fds:
                    socket.send_fds(self.control, [request], fds)
                else:
                    self.control.send(request)
                return self.control.recv(64).decode("ascii")
            except BaseException:
                # Cut short (a Celery soft time limit, say): its answer would be read as
                # the next request's. The pool starts another spawner.
                self.broken = True
                self.process.kill()
                self.process.wait()
                raise

    def spawn(self, memory: int, requests: int, answers: int) -> int:
        """A new child reading ``requests`` and answering on ``answers``: its pid."""
        answer = self._ask(f"spawn {memory}".encode("ascii"), [requests, answers])
        if not answer.isdigit():
            raise ChildProcessError(f"the sandbox's spawner answered {answer!r}")
        return int(answer)

    def kill(self, pid: int, pidfd: int) -> None:
        """Kill the child's process group (Tesseract too), which the spawner keeps
        until it is asked to reap the child: until then the group id cannot have
        been reused. A dead spawner's children may have been reaped by anyone:
        only the child itself is killed then, through its pidfd."""
        with contextlib.suppress(ProcessLookupError, PermissionError):
            if self.alive():
                os.killpg(pid, signal.SIGKILL)
            else:
                signal.pidfd_send_signal(pidfd, signal.SIGKILL)

    def reap(self, pid: int) -> int | None:
        """The child's exit status, as Popen.returncode gives it; None when it is lost."""
        try:
            answer = self._ask(f"reap {pid}".encode("ascii"))
        except OSError:
            return None
        return int(answer) if answer.lstrip("-").isdigit() else None

    def close(self) -> None:
        """End the spawner: it reads the end of its socket and exits."""
        self.control.close()
        try:
            self.process.wait(timeout=2)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()

    def abandon(self) -> None:
        """Drop a spawner inherited through fork: it belongs to the parent process."""
        self.control.close()


class _Worker:
    def __init__(self, memory: int, spawner: _Spawner) -> None:
        self.memory = memory
        self.jobs = 0
        self.spawner = spawner
        self.returncode: int | None = None
        self.closed = False
        child_requests, self.requests = os.pipe()
        self.answers, child_answers = os.pipe()
        try:
            self.pid = spawner.spawn(memory, child_requests, child_answers)
            # Opened before the child can have been reaped (the spawner waits to be asked).
            self.pidfd = os.pidfd_open(self.pid)
        except BaseException:
            os.close(self.requests)
            os.close(self.answers)
            raise
        finally:
            os.close(child_requests)
            os.close(child_answers)
        os.set_blocking(self.requests, False)
        os.set_blocking(self.answers, False)
        # One poll object per direction for the child's life: a selector made for every
        # wait cost three system calls more each time.
        self.writable = select.poll()
        self.writable.register(self.requests, select.POLLOUT)
        self.readable = select.poll()
        self.readable.register(self.answers, select.POLLIN)
        # Readable once the child has ended.
        self.ended = select.poll()
        self.ended.register(self.pidfd, select.POLLIN)

    def alive(self) -> bool:
        return not self.closed and not self.ended.poll(0)

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
        code = self.returncode
        if code is None:
            return "crashed: the extractor died"
        if code == -signal.SIGXCPU:
            return f"timeout: the extractor used its {limits.cpu_seconds} CPU seconds"
        if code == -signal.SIGKILL:
            return "crashed: the extractor was killed (out of memory?)"
        if code < 0:
            return f"crashed: the extractor died with {signal.Signals(-code).name}"
        return f"crashed: the extractor exited with status {code}"

    def _fail(self, job: Job[T], reason: str) -> T:
        self.close(graceful=False)
        return job.failed(reason)

    def close(self, *, graceful: bool = True) -> None:
        """End the child: let it read end-of-input and exit, else kill its process group."""
        if self.closed:
            return
        self.closed = True
        os.close(self.requests)
        os.close(self.answers)
        if graceful:
            self.ended.poll(2000)
        # Kill before reaping: until then the group id cannot have been reused.
        self.spawner.kill(self.pid, self.pidfd)
        self.returncode = self.spawner.reap(self.pid)
        os.close(self.pidfd)

    def abandon(self) -> None:
        """Drop a worker inherited through fork: it belongs to the parent process."""
        self.closed = True
        for fd in (self.requests, self.answers, self.pidfd):
            os.close(fd)


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
        self.spawner: _Spawner | None = None

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
                worker = self._spawn(memory)
            except BaseException:
                with self.condition:
                    self.busy -= 1
                    self.condition.notify()
                raise
        return worker

    def _spawn(self, memory: int) -> _Worker:
        """A new child, from the pool's spawner: started with the first child, and again
        when it has died (its own children, which it no longer forks, read on)."""
        with self.condition:
            spawner = self.spawner
            if spawner is None or not spawner.alive():
                spawner = self.spawner = _Spawner()
        return _Worker(memory, spawner)

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
        with self.condition:
            spawner, self.spawner = self.spawner, None
        if spawner is not None:
            spawner.close()

    def abandon(self) -> None:
        for worker in self.idle:
            worker.abandon()
        self.idle = []
        if self.spawner is not None:
            self.spawner.abandon()
            self.spawner = None


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
    return [worker.pid for worker in pool.idle] if pool is not None else []


def _forget_after_fork() -> None:
    global _pool, _pool_lock
    _pool_lock = threading.Lock()  # another thread may have held it at fork time
    if _pool is not None:
        _pool.abandon()
        _inherited.append(_pool)
        _pool = None


os.register_at_fork(after_in_child=_forget_after_fork)
atexit.register(shutdown)

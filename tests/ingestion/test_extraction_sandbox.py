"""The sandbox: limits become failed results, the child is reused, replaced and cleaned up."""

import io
import os
import signal
import socket
import subprocess
import sys
import threading
import time
from pathlib import Path
from typing import Any

import pytest
from PIL import Image

from apps.ingestion.extraction import Limits, extract, extract_in_process, sandbox
from apps.ingestion.extraction.render import render_page
from tests.ingestion.conftest import build_pdf, slow_pdf

RESUME = build_pdf([[(72, 72, "Jane Roe", 20), (72, 100, "jane@example.com - Senior Engineer at Acme", 11)]])


def _children(pid: int = 0) -> set[int]:
    """The live descendants of a process (this test process by default), from /proc:
    the sandbox's children are the children of its spawner."""
    found: set[int] = set()
    for task in Path(f"/proc/{pid or os.getpid()}/task").iterdir():
        try:
            found.update(int(child) for child in (task / "children").read_text().split())
        except OSError:
            continue
    for child in set(found):
        found |= _children(child)
    return found


def _parent(pid: int) -> int:
    """A process's parent (/proc/PID/stat)."""
    return int(Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[1])


def _cpu_ticks(pid: int) -> int:
    """User plus system CPU time of a process, in clock ticks (/proc/PID/stat)."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return int(fields[11]) + int(fields[12])


def _assert_still_works() -> None:
    document = extract(RESUME)
    assert document.ok, document.reason
    assert "jane@example.com" in document.text


def test_the_warm_child_is_reused_from_file_to_file() -> None:
    _assert_still_works()
    first = sandbox.worker_pids()
    _assert_still_works()
    assert sandbox.worker_pids() == first
    assert len(first) == 1


def test_sandboxed_and_in_process_extraction_agree(resumes: Path) -> None:
    for name in (
        "deedy__deedy_resume-openfont.pdf",
        "ats-intel__table_resume.docx",
        "sb2nov__sourabh_bajaj_resume.pdf",
    ):
        data = (resumes / name).read_bytes()
        assert extract(data, filename=name) == extract_in_process(data, filename=name)


def test_a_child_over_its_wall_clock_is_killed_and_replaced() -> None:
    _assert_still_works()
    before = sandbox.worker_pids()
    # Built before the clock starts: compressing it takes more than a second on a
    # loaded machine, which the bound below is not about.
    data = slow_pdf(15_000_000)
    started = time.monotonic()
    document = extract(data, limits=Limits(wall_seconds=1))
    assert time.monotonic() - started < 1 + sandbox.GRACE_SECONDS + 1
    assert document.reason == "timeout: no result within 1 s"
    assert document.kind == "pdf"
    _assert_still_works()
    assert sandbox.worker_pids() != before


def test_a_child_over_its_cpu_seconds_is_stopped_by_the_kernel() -> None:
    document = extract(slow_pdf(15_000_000), limits=Limits(cpu_seconds=1, wall_seconds=30))
    assert document.reason == "timeout: the extractor used its 1 CPU seconds"
    _assert_still_works()


def test_a_child_over_its_memory_cap_fails_with_a_reason_and_the_next_file_works() -> None:
    buffer = io.BytesIO()
    Image.new("1", (10_000, 10_000), 1).save(buffer, format="PNG")  # 100 MP once decoded to grey
    limits = Limits(memory_bytes=200 * 1024 * 1024, max_image_pixels=200_000_000)
    document = extract(buffer.getvalue(), limits=limits)
    assert document.reason.startswith("crashed: out of memory"), document.reason
    _assert_still_works()


def test_a_child_that_dies_mid_job_becomes_a_crashed_result() -> None:
    _assert_still_works()
    idle = set(sandbox.worker_pids())
    results = []
    job = threading.Thread(target=lambda: results.append(extract(slow_pdf(15_000_000))))
    job.start()
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline and not (busy := _children() & idle):
        time.sleep(0.01)
    child = busy.pop()
    # Killed once it is at work on the file (its CPU time grows), not before the
    # job reached it: on a loaded machine a fixed pause was not always enough.
    start = _cpu_ticks(child)
    while time.monotonic() < deadline and _cpu_ticks(child) < start + 10:
        time.sleep(0.01)
    os.kill(child, signal.SIGSEGV)
    job.join(timeout=10)
    assert results[0].reason == "crashed: the extractor died with SIGSEGV"
    _assert_still_works()


class SoftTimeLimit(Exception):
    """Stands for Celery's SoftTimeLimitExceeded, raised by a signal handler mid-call."""


def test_an_interrupted_call_raises_to_the_caller_and_kills_the_busy_child() -> None:
    _assert_still_works()
    before = set(sandbox.worker_pids())
    # Built before the clock starts: compressing it takes most of a second on a loaded
    # machine, and an interruption there would come before the child had any work.
    data = slow_pdf(15_000_000)

    def interrupt(signum: int, frame: object) -> None:
        raise SoftTimeLimit

    previous = signal.signal(signal.SIGALRM, interrupt)
    try:
        signal.setitimer(signal.ITIMER_REAL, 0.5)
        with pytest.raises(SoftTimeLimit):
            extract(data)
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)
    assert not (_children() & before)
    _assert_still_works()


def test_a_spawn_cut_short_leaves_no_answer_behind(monkeypatch: pytest.MonkeyPatch) -> None:
    _assert_still_works()
    (pid,) = sandbox.worker_pids()
    os.kill(pid, signal.SIGKILL)  # the next file needs a new child
    time.sleep(0.1)
    send_fds = socket.send_fds

    def interrupted(*args: Any) -> None:
        send_fds(*args)
        raise SoftTimeLimit  # before the spawner's answer is read

    monkeypatch.setattr(socket, "send_fds", interrupted)
    with pytest.raises(SoftTimeLimit):
        extract(RESUME)
    monkeypatch.undo()
    _assert_still_works()
    (child,) = sandbox.worker_pids()
    # The pid the pool holds is the child that reads its pipes, not the one forked for
    # the interrupted call (which read the end of its pipes and exited).
    assert Path(f"/proc/{child}/stat").read_text().rsplit(")", 1)[1].split()[0] != "Z"
    assert child in _children()


def test_a_child_that_died_while_idle_is_replaced_without_losing_the_job() -> None:
    _assert_still_works()
    (pid,) = sandbox.worker_pids()
    os.kill(pid, signal.SIGKILL)
    time.sleep(0.1)
    _assert_still_works()
    assert sandbox.worker_pids() != [pid]


def test_an_answer_over_the_output_cap_is_refused() -> None:
    document = extract(RESUME, limits=Limits(max_output_bytes=200))
    assert document.reason == "too_large: the extracted text exceeds 200 bytes"
    _assert_still_works()


def test_shutdown_leaves_no_process_behind() -> None:
    _assert_still_works()
    pids = sandbox.worker_pids()
    assert pids
    spawner = _parent(pids[0])
    sandbox.shutdown()
    assert not (_children() & {*pids, spawner})
    for pid in (*pids, spawner):
        assert not Path(f"/proc/{pid}").exists()


def test_a_new_child_is_forked_from_the_spawner_not_started_afresh(monkeypatch: pytest.MonkeyPatch) -> None:
    # A fresh interpreter cost 650 M instructions of imports; the spawner paid them once.
    monkeypatch.setattr(sandbox, "MAX_JOBS_PER_WORKER", 2)
    sandbox.shutdown()
    _assert_still_works()
    (first,) = sandbox.worker_pids()
    spawner = _parent(first)
    assert _parent(spawner) == os.getpid()
    _assert_still_works()  # its second file: replaced after it
    _assert_still_works()
    (second,) = sandbox.worker_pids()
    assert second != first
    assert not Path(f"/proc/{first}").exists()
    assert _parent(second) == spawner
    assert Path(f"/proc/{second}/cmdline").read_bytes() == Path(f"/proc/{spawner}/cmdline").read_bytes()


def test_a_dead_spawner_is_replaced_and_a_job_cut_short_with_it_is_a_crash() -> None:
    _assert_still_works()
    (child,) = sandbox.worker_pids()
    spawner = _parent(child)
    assert spawner != os.getpid()
    os.kill(spawner, signal.SIGKILL)
    # Its child reads on; when it dies mid-job, its exit status went to whoever
    # adopted it: the job is a crash all the same.
    results = []
    job = threading.Thread(target=lambda: results.append(extract(slow_pdf(15_000_000))))
    job.start()
    deadline = time.monotonic() + 10
    start = _cpu_ticks(child)
    while time.monotonic() < deadline and _cpu_ticks(child) < start + 10:
        time.sleep(0.01)
    os.kill(child, signal.SIGSEGV)
    job.join(timeout=10)
    assert results[0].reason == "crashed: the extractor died"
    _assert_still_works()
    (replacement,) = sandbox.worker_pids()
    assert _parent(replacement) not in (spawner, os.getpid())
    assert _parent(_parent(replacement)) == os.getpid()


def test_a_forked_process_gets_its_own_child_and_leaves_the_parents_alone() -> None:
    _assert_still_works()
    parent_workers = sandbox.worker_pids()
    pid = os.fork()
    if pid == 0:  # the child: Celery's prefork pool does exactly this
        code = 1
        try:
            document = extract(RESUME)
            code = 0 if document.ok and sandbox.worker_pids() != parent_workers else 2
            sandbox.shutdown()
        finally:
            os._exit(code)
    _, status = os.waitpid(pid, 0)
    assert os.waitstatus_to_exitcode(status) == 0
    assert sandbox.worker_pids() == parent_workers
    _assert_still_works()


def test_concurrent_callers_share_the_pool_safely() -> None:
    results: list[bool] = []
    threads = [threading.Thread(target=lambda: results.append(extract(RESUME).ok)) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    assert results == [True] * 4


def test_a_child_started_for_text_pdfs_loads_only_what_they_need() -> None:
    # Every child is forked from the spawner with what the spawner imported: what
    # it imports that a text PDF does not need is memory in every child (Pillow, OCR,
    # DOCX and the sandbox's own machinery were a quarter of its start). An image
    # after the PDF still reads.
    program = (
        "import sys\n"
        "from apps.ingestion.extraction.spawner import main\n"
        "from apps.ingestion.extraction.core import extract_in_process\n"
        f"assert extract_in_process({RESUME!r}).ok\n"
        "print(' '.join(sorted(sys.modules)))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", program], capture_output=True, text=True, check=True,
        env={**os.environ, "PYTHONPATH": str(Path(sandbox.__file__).resolve().parents[3])},
    )  # fmt: skip
    loaded = set(result.stdout.split())
    assert "pymupdf" in loaded
    unneeded = {"PIL", "apps.ingestion.extraction.ocr", "apps.ingestion.extraction.docx",
                "apps.ingestion.extraction.image", "apps.ingestion.extraction.render",
                "apps.ingestion.extraction.sandbox", "subprocess"}  # fmt: skip
    assert not loaded & unneeded


def test_images_and_pages_still_read_in_a_child_that_started_with_a_pdf() -> None:
    _assert_still_works()
    picture = io.BytesIO()
    Image.new("L", (400, 200), 255).save(picture, format="PNG")
    document = extract(picture.getvalue(), filename="blank.png")
    assert document.reason.startswith("empty"), document.reason
    assert render_page(RESUME, page=1, dpi=36).startswith(b"\x89PNG")

"""The sandbox child: a warm process that extracts one file per request from its parent.

Forked by the spawner (spawner.py) with its request and answer pipes as stdin
and stdout, it runs ``serve``: PyMuPDF is loaded already (Pillow, the OCR code and
the DOCX reader come with the first file that needs them); it caps its own address
space, then loops: read a request on stdin, set a CPU-time cap for this job,
extract, answer on stdout. It exits on end of input
(its parent closed the pipe or died) and after an out-of-memory failure, when its
heap can no longer be trusted.

Requests: ``>II`` (header length, data length), a JSON header {filename, limits},
the file's bytes. Answers: ``>I`` length, then the JSON document from wire.py with
the worker's resident memory added (the parent recycles a worker that grew).
A header with ``"task": "render"`` (and a page and a DPI) asks for a page drawn
as PNG instead (render.py), answered as {png} or {reason} with the same statistics.
"""

import faulthandler
import json
import os
import resource
import struct
import sys
from typing import BinaryIO

from apps.ingestion.extraction import wire
from apps.ingestion.extraction.core import extract_in_process
from apps.ingestion.extraction.limits import Limits

_REQUEST = struct.Struct(">II")
_ANSWER = struct.Struct(">I")


def serve(memory: int) -> None:
    """Answer requests on stdin until it ends, under an address-space cap of ``memory`` bytes."""
    requests, answers = _take_pipes()
    _limit(resource.RLIMIT_CORE, 0)  # a crash must not write a core file of a resume
    _limit(resource.RLIMIT_AS, memory)
    faulthandler.enable()  # a segfault prints the Python stack to the parent's stderr
    while True:
        head = requests.read(_REQUEST.size)
        if len(head) < _REQUEST.size:
            return  # the parent is gone or done with us
        header_size, data_size = _REQUEST.unpack(head)
        header = json.loads(requests.read(header_size))
        data = requests.read(data_size)
        limits = Limits.from_dict(header.get("limits"))
        _cpu_budget(limits.cpu_seconds)
        if header.get("task") == wire.RENDER_TASK:
            # Imported with the first page drawn: a child started for extraction
            # (most are) does not pay for the render half of the protocol at its start.
            from apps.ingestion.extraction import render

            page, out_of_memory = render.answer(data, header, limits)
            del data
            answer = json.dumps({**page, "rss": _resident_bytes(), "recycle": out_of_memory}).encode()
        else:
            document = extract_in_process(data, filename=str(header.get("filename", "")), limits=limits)
            del data
            out_of_memory = document.reason.startswith("crashed: out of memory")
            answer = wire.encode(document, rss=_resident_bytes(), recycle=out_of_memory)
        answers.write(_ANSWER.pack(len(answer)) + answer)
        answers.flush()
        if out_of_memory:
            return


def _take_pipes() -> tuple[BinaryIO, BinaryIO]:
    """Keep stdin/stdout for the protocol; anything else that prints goes to stderr."""
    requests = os.fdopen(os.dup(0), "rb")
    answers = os.fdopen(os.dup(1), "wb")
    devnull = os.open(os.devnull, os.O_RDONLY)
    os.dup2(devnull, 0)
    os.close(devnull)
    os.dup2(2, 1)
    sys.stdout = sys.stderr
    return requests, answers


def _limit(which: int, value: int) -> None:
    _, hard = resource.getrlimit(which)
    if hard != resource.RLIM_INFINITY:
        value = min(value, hard)
    resource.setrlimit(which, (value, value))


def _cpu_budget(seconds: int) -> None:
    """CPU seconds are counted over the process's life: this job may use ``seconds`` more.

    Only the soft limit moves (the hard one stays open so the next job can raise it);
    past it the kernel sends SIGXCPU, whose default action ends the process.
    """
    usage = resource.getrusage(resource.RUSAGE_SELF)
    used = int(usage.ru_utime + usage.ru_stime) + 1
    _, hard = resource.getrlimit(resource.RLIMIT_CPU)
    soft = used + seconds
    if hard != resource.RLIM_INFINITY:
        soft = min(soft, hard)
    resource.setrlimit(resource.RLIMIT_CPU, (soft, hard))


def _resident_bytes() -> int:
    try:
        with open("/proc/self/statm", encoding="ascii") as statm:
            return int(statm.read().split()[1]) * os.sysconf("SC_PAGE_SIZE")
    except (OSError, ValueError, IndexError):
        return 0

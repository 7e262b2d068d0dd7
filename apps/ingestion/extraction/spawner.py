"""The sandbox's fork server: a pristine process with PyMuPDF loaded that forks each new child.

A child is replaced every MAX_JOBS_PER_WORKER files (and after any failure); started
as a fresh interpreter, each paid about 650 M instructions of imports, 1.3 M a file.
The spawner pays them once: started by sandbox.py as ``python -c ... FD`` (FD: its
end of a Unix socket pair with the parent), it imports what a child needs and never
reads a file itself, so every child forked from it starts as clean as a fresh one.

Requests on the socket, one packet each, answered with one packet:

- ``spawn MEMORY`` with two descriptors (the child's request pipe's read end and its
  answer pipe's write end): a forked child in its own process group, running
  worker.serve on them under an address-space cap of MEMORY bytes. Answer: its pid.
- ``reap PID``: wait for that child to end and answer its exit status as
  ``Popen.returncode`` gives it (minus the signal that ended it). A child is reaped
  only when its parent asks, after it has killed the child's process group: until
  then the group id cannot have been reused.

It exits when the socket ends (its parent closed it or died); its children read
the end of their own pipes then and exit too.
"""

import contextlib
import os
import socket
import sys
import traceback

from apps.ingestion.extraction import worker


def main() -> None:
    control = socket.socket(fileno=int(sys.argv[1]))
    while True:
        try:
            message, fds, _, _ = socket.recv_fds(control, 64, 2)
        except ConnectionResetError:
            return
        if not message:
            return  # the parent is gone or done with us
        command, _, argument = message.decode("ascii").partition(" ")
        if command == "spawn" and len(fds) == 2:
            answer = str(_spawn(control, int(argument), fds[0], fds[1]))
        elif command == "reap":
            answer = _reap(int(argument))
        else:
            answer = "error"
        for fd in fds:
            os.close(fd)
        try:
            control.send(answer.encode("ascii"))
        except OSError:
            return


def _spawn(control: socket.socket, memory: int, requests: int, answers: int) -> int:
    pid = os.fork()
    if pid == 0:
        code = 1
        try:
            # Its own group, set on both sides of the fork: the parent may kill the
            # group as soon as it has the pid (a kill reaches Tesseract too).
            os.setpgid(0, 0)
            control.close()
            os.dup2(requests, 0)
            os.dup2(answers, 1)
            os.close(requests)
            os.close(answers)
            worker.serve(memory)
            code = 0
        except BaseException:
            traceback.print_exc()
        finally:
            os._exit(code)
    with contextlib.suppress(ProcessLookupError, PermissionError):
        os.setpgid(pid, pid)  # gone already, or it has done so itself
    return pid


def _reap(pid: int) -> str:
    try:
        _, status = os.waitpid(pid, 0)
    except ChildProcessError:
        return "error"  # not a child of ours (or reaped already)
    return str(os.waitstatus_to_exitcode(status))

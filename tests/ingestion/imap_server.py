"""A real IMAP server for the mailbox tests: Debian's dovecot, unprivileged, in a throwaway directory.

``running_imap_server()`` writes a config (two listeners on free ports of
127.0.0.1: IMAPS, and plain IMAP that offers STARTTLS), a self-signed certificate
for 127.0.0.1 made with openssl, and one user in a passwd-file; it starts
``dovecot -F -c CONF`` as an ordinary user (``nobody`` when the tests run as
root) and stops it afterwards. Messages are loaded through IMAP APPEND, as a
mail client would, with their Date header as the server's internal date.
"""

import email.utils
import grp
import imaplib
import os
import pwd
import shutil
import signal
import socket
import ssl
import subprocess
import tempfile
import time
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

USER = "applicant"
PASSWORD = "correct horse battery staple imap"


@dataclass(frozen=True)
class ImapServer:
    host: str
    imaps_port: int
    starttls_port: int
    user: str
    password: str
    cafile: Path
    log: Path

    def url(self, *, starttls: bool = False) -> str:
        if starttls:
            return f"imap://{self.user}@{self.host}:{self.starttls_port}/"
        return f"imaps://{self.user}@{self.host}:{self.imaps_port}/"

    def connect(self) -> imaplib.IMAP4_SSL:
        client = imaplib.IMAP4_SSL(
            self.host, self.imaps_port, ssl_context=ssl.create_default_context(cafile=str(self.cafile)), timeout=30
        )
        client.login(self.user, self.password)
        return client

    def append(self, folder: str, messages: Iterable[bytes]) -> int:
        """APPEND each message to ``folder`` (created if missing); returns how many."""
        count = 0
        client = self.connect()
        try:
            client.create(folder)  # NO when it exists: fine
            for raw in messages:
                internal = imaplib.Time2Internaldate(_header_date(raw) or time.time())
                # typeshed says append() returns str; it returns (status, data) like every command.
                answer: Any = client.append(folder, "", internal, raw)
                status, detail = answer
                assert status == "OK", detail
                count += 1
        finally:
            client.logout()
        return count


def dovecot_available() -> bool:
    return shutil.which("dovecot") is not None and shutil.which("openssl") is not None


@contextmanager
def running_imap_server() -> Iterator[ImapServer]:
    """Start dovecot in a fresh temporary directory; stop it and remove the directory on exit."""
    account = pwd.getpwnam("nobody") if os.geteuid() == 0 else pwd.getpwuid(os.geteuid())
    group = grp.getgrgid(account.pw_gid).gr_name
    # Not pytest's tmp_path: its parent is private to the user running the tests, and
    # dovecot's own processes run as another one when that user is root.
    directory = Path(tempfile.mkdtemp(prefix="ats-dovecot-"))
    try:
        with _dovecot(directory, account, group) as server:
            yield server
    finally:
        shutil.rmtree(directory, ignore_errors=True)


@contextmanager
def _dovecot(directory: Path, account: pwd.struct_passwd, group: str) -> Iterator[ImapServer]:
    cert, key, passwd, log = (directory / name for name in ("cert.pem", "key.pem", "passwd", "dovecot.log"))
    subprocess.run(
        [
            *("openssl", "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes"),
            *("-keyout", str(key), "-out", str(cert), "-days", "2", "-subj", "/CN=localhost"),
            *("-addext", "subjectAltName=DNS:localhost,IP:127.0.0.1"),
        ],
        check=True,
        capture_output=True,
    )
    passwd.write_text(f"{USER}:{{PLAIN}}{PASSWORD}\n")
    imaps_port, starttls_port = _free_port(), _free_port()
    config = directory / "dovecot.conf"
    config.write_text(
        _CONFIG.format(
            directory=directory,
            user=account.pw_name,
            group=group,
            uid=account.pw_uid,
            gid=account.pw_gid,
            imaps_port=imaps_port,
            starttls_port=starttls_port,
        )
    )
    for path in [directory, *directory.iterdir()]:
        os.chown(path, account.pw_uid, account.pw_gid)
    as_other_user = os.geteuid() != account.pw_uid
    process = subprocess.Popen(
        ["dovecot", "-F", "-c", str(config)],
        stdin=subprocess.DEVNULL,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        user=account.pw_uid if as_other_user else None,
        group=account.pw_gid if as_other_user else None,
        extra_groups=[] if as_other_user else None,
    )
    try:
        _wait_for_ports(process, log, imaps_port, starttls_port)
        yield ImapServer("127.0.0.1", imaps_port, starttls_port, USER, PASSWORD, cert, log)
    finally:
        process.send_signal(signal.SIGTERM)
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def _header_date(raw: bytes) -> float | None:
    head = raw.split(b"\n\n", 1)[0].split(b"\r\n\r\n", 1)[0]
    for line in head.splitlines():
        if line.lower().startswith(b"date:"):
            parsed = email.utils.parsedate_tz(line[5:].decode("ascii", "replace").strip())
            return None if parsed is None else float(email.utils.mktime_tz(parsed))
    return None


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


def _wait_for_ports(process: subprocess.Popen[bytes], log: Path, *ports: int) -> None:
    deadline = time.monotonic() + 30
    waiting = list(ports)
    while waiting:
        if process.poll() is not None or time.monotonic() > deadline:
            text = log.read_text(errors="replace") if log.exists() else "(no log)"
            raise RuntimeError(f"dovecot did not start (exit status {process.poll()}):\n{text[-3000:]}")
        try:
            socket.create_connection(("127.0.0.1", waiting[0]), timeout=1).close()
            waiting.pop(0)
        except OSError:
            time.sleep(0.05)


# Rootless dovecot: every service runs as the one user; no chroot (it needs root).
# auth_failure_delay = 0: a wrong password is refused at once instead of after 2 s;
# no auth penalty either (anvil delays the next logins from an IP after failures, up to 15 s).
_CONFIG = """\
base_dir = {directory}/run
state_dir = {directory}/state
log_path = {directory}/dovecot.log
protocols = imap
listen = 127.0.0.1
default_internal_user = {user}
default_internal_group = {group}
default_login_user = {user}
ssl = yes
ssl_cert = <{directory}/cert.pem
ssl_key = <{directory}/key.pem
auth_mechanisms = plain login
auth_failure_delay = 0
passdb {{
  driver = passwd-file
  args = scheme=PLAIN username_format=%u {directory}/passwd
}}
userdb {{
  driver = static
  args = uid={uid} gid={gid} home={directory}/home/%u
}}
mail_location = maildir:~/Maildir
service imap-login {{
  chroot =
  inet_listener imap {{
    address = 127.0.0.1
    port = {starttls_port}
  }}
  inet_listener imaps {{
    address = 127.0.0.1
    port = {imaps_port}
    ssl = yes
  }}
}}
service anvil {{
  chroot =
  unix_listener anvil-auth-penalty {{
    mode = 0
  }}
}}
"""

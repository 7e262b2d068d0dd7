"""The staff console in a real browser: Debian's Chromium, headless, driven by
Playwright (sync API), against gunicorn serving this run's test database.

A tenant of its own ("console", provisioned and removed by the real commands)
holds what the browser tests create, committed for real because the server is
another process; alpha and beta stay untouched for the other tests.

Screenshots of each step go to var/test-output/console/ (printed at the end);
with STAFF_GUIDE_IMAGES=1 they are also copied to docs/staff-guide/, the
images of docs/staff-guide.md.
"""

import datetime
import os
import shutil
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from django.contrib.auth.models import User
from django.test.utils import override_settings
from playwright.sync_api import Browser, Page, Playwright, sync_playwright

from apps.applications.models import Application, Job, Stage
from apps.applications.services import application_create, application_move, job_create
from apps.candidates.models import Candidate, Resume
from apps.candidates.services import candidate_create, candidate_ingest, candidate_set_status
from apps.ingestion.extraction import extract
from apps.ingestion.parsing import parse
from apps.ingestion.services import resume_store
from apps.staff.roles import HR_ADMIN, RECRUITER
from apps.staff.services import staff_user_ensure
from apps.tenants.context import leave_tenant, tenant_context
from apps.tenants.models import Tenant
from apps.tenants.selectors import forget_tenants
from tests.conftest import PASSWORD, ROOT, manage_env, run_manage

CHROMIUM = "/usr/bin/chromium"
SLUG = "console"
HR = "hr@console.example"
RECRUITER_USER = "recruiter@console.example"
RESUME = ROOT.parent / "shared" / "data" / "resumes" / "awesome-cv__resume.pdf"  # read in place, never copied
SHOTS = ROOT / "var" / "test-output" / "console"
GUIDE_IMAGES = ROOT / "docs" / "staff-guide"


@dataclass
class Console:
    tenant: Tenant
    host: str
    base_url: str
    ada: Candidate
    resume: Resume
    job: Job
    flagged: Application
    hr: User
    recruiter: User


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def _seed(tenant: Tenant) -> dict[str, object]:
    """What the browser tests work on, committed."""
    with tenant_context(tenant, actor="test:console"):
        hr, _ = staff_user_ensure(email=HR, role=HR_ADMIN, password=PASSWORD)
        recruiter, _ = staff_user_ensure(email=RECRUITER_USER, role=RECRUITER, password=PASSWORD)
        data = RESUME.read_bytes()
        document = extract(data, filename=RESUME.name)
        parsed = parse(document, today=datetime.date(2026, 11, 1))
        ada = candidate_create(
            source=Candidate.Source.EMAIL,
            full_name="Ada Lovelace",
            emails=["ada@analytical.example"],
            location="London",
        )
        resume = resume_store(
            candidate=ada, data=data, filename=RESUME.name, content_type="application/pdf", document=document,
            parsed=parsed,
        )  # fmt: skip
        # Two records of one person: the matcher opens a duplicate review item.
        for email in ("grace@navy.example", "g.hopper@other.example"):
            candidate_ingest(full_name="Grace Hopper", emails=[email], phones=[], location="Arlington", source="email")
        job = job_create(title="Backend engineer", code="ENG-1", status=Job.Status.OPEN)
        former = candidate_create(
            source=Candidate.Source.ADMIN, full_name="Bob Former", emails=["bob@former.example"], location="Leeds"
        )
        candidate_set_status(
            candidate=former,
            status=Candidate.Status.LEFT,
            left_on=datetime.date(2024, 3, 31),
            left_reason="Dismissed for misconduct",
            rehire_eligible=False,
        )
        flagged = application_create(candidate=former, job=job, source="admin")
        for stage in (Stage.SCREENING, Stage.INTERVIEW, Stage.OFFER):
            flagged = application_move(application=flagged, to_stage=stage, actor=hr)
        application_create(candidate=ada, job=job, source="admin")
    return {"ada": ada, "resume": resume, "job": job, "flagged": flagged, "hr": hr, "recruiter": recruiter}


@pytest.fixture(scope="module")
def console(
    django_db_setup: None, django_db_blocker: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[Console]:
    """The console tenant, seeded, served by gunicorn on a free port."""
    media = tmp_path_factory.mktemp("media")
    result = run_manage("provision_tenant", SLUG, "--name", "Console GmbH", "--domain", f"{SLUG}.localhost")
    assert result.returncode == 0, result.stderr
    port = free_port()
    log = (tmp_path_factory.mktemp("server") / "gunicorn.log").open("w")
    server = None
    try:
        with django_db_blocker.unblock(), override_settings(MEDIA_ROOT=media):  # type: ignore[attr-defined]
            forget_tenants()
            tenant = Tenant.objects.get(slug=SLUG)
            seeded = _seed(tenant)
            leave_tenant()
            server = subprocess.Popen(
                [sys.executable, "-m", "gunicorn", "ats.wsgi", "--bind", f"127.0.0.1:{port}", "--workers", "2",
                 "--timeout", "60"],
                cwd=ROOT,
                env={**manage_env(), "MEDIA_ROOT": str(media)},
                stdout=log,
                stderr=subprocess.STDOUT,
            )  # fmt: skip
            _wait_for(port, server)
            yield Console(
                tenant=tenant,
                host=f"{SLUG}.localhost",
                base_url=f"http://{SLUG}.localhost:{port}",
                **seeded,  # type: ignore[arg-type]
            )
    finally:
        if server is not None:
            server.terminate()
            server.wait(timeout=30)
        log.close()
        done = run_manage("deprovision_tenant", SLUG, "--confirm", SLUG)
        assert done.returncode == 0, done.stderr
        forget_tenants()
        if SHOTS.exists():
            print(f"\nStaff console screenshots: {SHOTS}")


def _wait_for(port: int, server: subprocess.Popen[bytes]) -> None:
    """Until gunicorn accepts connections on ``port``."""
    deadline = time.monotonic() + 60
    while True:
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=2):
                return
        except OSError:
            if server.poll() is not None or time.monotonic() > deadline:
                raise RuntimeError("gunicorn did not start") from None
            time.sleep(0.2)


@pytest.fixture(scope="module")
def browser(console: Console) -> Iterator[Browser]:
    """Started after the database and the server: Playwright's sync API runs an
    event loop in this thread, and Django refuses ORM calls while one runs unless
    told that this thread's calls are plain synchronous ones (the test's own
    reads of audit rows and stages)."""
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    try:
        with sync_playwright() as playwright:
            yield _launch(playwright)
    finally:
        os.environ.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)


def _launch(playwright: Playwright) -> Browser:
    return playwright.chromium.launch(
        executable_path=CHROMIUM,
        headless=True,
        args=["--host-resolver-rules=MAP *.localhost 127.0.0.1", "--no-sandbox", "--disable-dev-shm-usage"],
    )


@pytest.fixture
def page(browser: Browser) -> Iterator[Page]:
    context = browser.new_context(locale="en-GB", viewport={"width": 1440, "height": 900})
    yield context.new_page()
    context.close()


@pytest.fixture
def german_page(browser: Browser) -> Iterator[Page]:
    context = browser.new_context(locale="de-DE", viewport={"width": 1440, "height": 900})
    yield context.new_page()
    context.close()


def shot(page: Page, name: str, *, height: int | None = None, element: str | None = None) -> Path:
    """A screenshot of the step, under the test output (and in the guide when asked);
    the whole page, its top ``height`` pixels, or the one ``element`` (a CSS selector)."""
    SHOTS.mkdir(parents=True, exist_ok=True)
    target = SHOTS / f"{name}.png"
    if element is not None:
        page.locator(element).screenshot(path=str(target))
    else:
        clip = (
            {"x": 0, "y": 0, "width": page.viewport_size["width"], "height": height}
            if height and page.viewport_size
            else None
        )
        page.screenshot(path=str(target), full_page=True, clip=clip)  # type: ignore[arg-type]  # a FloatRect-shaped dict
    if os.environ.get("STAFF_GUIDE_IMAGES") == "1":
        GUIDE_IMAGES.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(target, GUIDE_IMAGES / target.name)
    return target


def sign_in(page: Page, console: Console, username: str) -> None:
    page.goto(f"{console.base_url}/admin/login/?next=/admin/")
    page.fill("#id_username", username)
    page.fill("#id_password", PASSWORD)
    page.click("input[type=submit]")
    page.wait_for_load_state()

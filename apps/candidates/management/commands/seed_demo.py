"""seed_demo SLUG: jobs, candidates (one a former employee) and applications,
so that a new tenant's admin and API are worth opening; then a few resumes
mailed to the tenant through the real ingestion pipeline (message_store, then
the worker that the quick start runs). Idempotent."""

import datetime
from email.message import EmailMessage
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import transaction

from apps.applications.models import Job
from apps.applications.services import application_create, application_move, job_create
from apps.candidates.services import candidate_create, candidate_set_status, note_create
from apps.ingestion.models import InboundMessage
from apps.ingestion.services import message_store
from apps.ingestion.text_pdf import text_pdf
from apps.tenants.context import tenant_context
from apps.tenants.models import Tenant

JOBS = [
    ("BE-1", "Backend engineer (Python)", "Engineering", "Berlin", "open"),
    ("PM-2", "Product manager", "Product", "Remote (EU)", "open"),
    ("NUR-3", "Registered nurse, night shift", "Care", "Lyon", "open"),
    ("ACC-4", "Accountant", "Finance", "Madrid", "closed"),
]
CANDIDATES = [
    ("Zoë Müller", "zoe.mueller@example.com", "+49 30 901820", "Berlin, Germany", ["Python", "Django", "PostgreSQL"]),
    ("José María García", "jm.garcia@example.es", "+34 912 345 678", "Madrid, Spain", ["Accounting", "SAP"]),
    ("Amélie Durand", "amelie.durand@example.fr", "+33 4 72 00 00 00", "Lyon, France", ["Nursing", "ICU"]),
    ("Kwame Mensah", "kwame@example.com", "+1 415 555 0134", "San Francisco, USA", ["Go", "Kubernetes"]),
    ("Priya Raman", "priya.raman@example.in", "+91 98765 43210", "Bengaluru, India", ["Product management", "SQL"]),
    ("Li Wei", "li.wei@example.cn", "", "Remote", ["Python", "Machine learning"]),
    ("Seán Ó Briain", "sean.obriain@example.ie", "+353 1 555 0199", "Dublin, Ireland", ["JavaScript", "React"]),
]
# (candidate index, job code, stages to walk through after "applied")
APPLICATIONS = [
    (0, "BE-1", ["screening", "interview"]),
    (3, "BE-1", ["screening"]),
    (4, "PM-2", ["interview", "offer"]),
    (2, "NUR-3", []),
    (5, "BE-1", ["rejected"]),
    (6, "PM-2", ["withdrawn"]),
]


class Command(BaseCommand):
    help = "Fill a tenant with demo jobs, candidates and applications (once)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("slug")

    def handle(self, *args: Any, **options: Any) -> None:
        tenant = Tenant.objects.filter(slug=options["slug"]).first()
        if tenant is None:
            raise CommandError(f"No tenant {options['slug']}.")
        with tenant_context(tenant, actor="command:seed_demo"):
            if Job.objects.exists():
                self.stdout.write(f"Tenant {tenant.slug} already has jobs; nothing seeded.")
                return
            self._seed()
            mailed = _mail_resumes(tenant)
        counts = f"{len(JOBS)} jobs, {len(CANDIDATES) + 1} candidates, {len(APPLICATIONS) + 1} applications"
        self.stdout.write(self.style.SUCCESS(f"Seeded {tenant.slug}: {counts}."))
        self.stdout.write(
            f"Mailed {mailed} resumes to {tenant.slug}+BE-1@{settings.INBOUND_DOMAIN}; the worker parses them."
        )

    @transaction.atomic  # all or nothing: a half-seeded tenant would never be completed
    def _seed(self) -> None:
        jobs = {code: job_create(title=t, code=code, department=d, location=loc, status="open")
                for code, t, d, loc, _ in JOBS}  # fmt: skip
        candidates = [
            candidate_create(full_name=name, emails=[email], phones=[phone] if phone else [], location=place,
                             skills=skills, source="admin")
            for name, email, phone, place, skills in CANDIDATES
        ]  # fmt: skip
        for index, code, stages in APPLICATIONS:
            application = application_create(candidate=candidates[index], job=jobs[code], source="admin")
            for stage in stages:
                reason = "Looking for more seniority" if stage == "rejected" else ""
                application_move(application=application, to_stage=stage, actor=None, reason=reason)
        former = candidate_create(full_name="Marta Kowalska", emails=["marta.kowalska@example.pl"],
                                  phones=["+48 22 555 01 23"], location="Warsaw, Poland",
                                  skills=["Python", "Team leadership"], source="admin")  # fmt: skip
        candidate_set_status(candidate=former, status="left", left_on=datetime.date(2023, 6, 30),
                             left_reason="Left during the 2023 reorganisation; not eligible for rehire.")  # fmt: skip
        flagged = application_create(candidate=former, job=jobs["BE-1"], source="admin")
        application_move(application=flagged, to_stage="offer", actor=None)
        note_create(candidate=former, application=flagged, author=None,
                    body="Former employee: check with HR before making an offer.")  # fmt: skip
        for code, *_, status in JOBS:
            if status != "open":
                jobs[code].status = status
                jobs[code].save(update_fields=["status", "updated_at"])


# The shared sample resumes when the checkout has them beside it (../shared/data), else generated ones.
SAMPLE_RESUMES = settings.BASE_DIR.parent / "shared" / "data" / "resumes"
SAMPLE_NAMES = [
    "rendercv__John_Doe_ClassicTheme_CV.pdf",
    "resume-matcher__bruce_wayne_fullstack.pdf",
    "resume-matcher__harvey_dent_mle.pdf",
    "hr-helper__sample_resume.docx",
]
GENERATED = [
    ("Ada Lovelace", "ada.lovelace@example.org", "+44 20 7946 0958", "London, UK", "Analytical Engines Ltd"),
    ("Grace Hopper", "grace.hopper@example.org", "+1 202 555 0101", "Arlington, VA", "Eckert-Mauchly"),
    ("Alan Turing", "alan.turing@example.org", "+44 161 555 0199", "Manchester, UK", "Bletchley Park"),
]


def _generated_resume(name: str, email: str, phone: str, place: str, employer: str) -> bytes:
    lines = [
        (name, 20), (f"{email} | {phone} | {place}", 10), ("", 10),
        ("EXPERIENCE", 13), (f"Senior Software Engineer, {employer}", 11), ("Jan 2018 - Present", 10),
        ("Built data pipelines in Python and PostgreSQL.", 10), ("", 10),
        ("EDUCATION", 13), ("B.Sc. Mathematics, University of Cambridge, 2010 - 2014", 10), ("", 10),
        ("SKILLS", 13), ("Python, Django, PostgreSQL, Redis, Celery", 10),
    ]  # fmt: skip
    return text_pdf(lines)


def _samples() -> list[tuple[str, bytes, str]]:
    """(file name, bytes, sender) of each demo resume."""
    if SAMPLE_RESUMES.is_dir():
        found = [SAMPLE_RESUMES / name for name in SAMPLE_NAMES if (SAMPLE_RESUMES / name).is_file()]
        return [(path.name, path.read_bytes(), f"applicant{index}@example.com") for index, path in enumerate(found)]
    return [
        (f"{name.replace(' ', '_')}_CV.pdf", _generated_resume(name, email, phone, place, employer), email)
        for name, email, phone, place, employer in GENERATED
    ]


def _mail_resumes(tenant: Tenant) -> int:
    """Mail the sample resumes to the tenant's BE-1 job address, through message_store:
    the same path as a webhook delivery. Fixed Message-IDs make a rerun a no-op."""
    count = 0
    for filename, data, sender in _samples():
        mail = EmailMessage()
        mail["From"] = sender
        mail["To"] = f"{tenant.slug}+BE-1@{settings.INBOUND_DOMAIN}"
        mail["Subject"] = f"Application: {Path(filename).stem}"
        mail["Message-ID"] = f"<demo-{tenant.slug}-{Path(filename).stem}@seed.invalid>"
        mail.set_content("Hello,\n\nplease find my resume attached.\n")
        subtype = "pdf" if filename.endswith(".pdf") else "octet-stream"
        mail.add_attachment(data, maintype="application", subtype=subtype, filename=filename)
        stored = message_store(
            tenant=tenant,
            raw_mime=bytes(mail.as_bytes()),
            channel=InboundMessage.Channel.ADMIN,
            job_code="BE-1",
            envelope={"sender": sender, "recipient": str(mail["To"])},
        )
        count += stored.created
    return count

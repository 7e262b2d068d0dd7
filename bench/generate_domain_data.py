"""Bulk-loads realistic candidates, open jobs, applications and their stage
history into the bench tenant of bench_ats, for the API benchmarks at scale
(bench/domain_api.py).

    .venv/bin/python bench/generate_domain_data.py [--candidates 1000000] [--jobs 200] [--fresh]

Each candidate gets 0-6 applications (2 on average, exactly 2 x N in all) to
distinct jobs, mostly in their own field, and one stage change per step the
application took. Rows are generated in Python and streamed with COPY as the
owner role, inside one transaction: a crash leaves the tenant as it was.

Why a staging table: PostgreSQL refuses COPY FROM into a table under Row-Level
Security, and every tenant table has FORCEd RLS (the owner included). So rows
are copied into temporary tables and moved with INSERT ... SELECT, which passes
the RLS check, fills tenant_id from app.tenant_id and computes search_vector on
the way (cheaper than an UPDATE afterwards, which would write every row twice).
Secondary indexes are dropped for the load and rebuilt from their own
definitions afterwards (pg_get_indexdef): building a GIN index once is several
times faster than maintaining five of them row by row.

If the tenant already has N candidates or more this does nothing; with fewer it
adds the missing ones (so a trial run can be grown). --fresh drops bench_ats first.
"""

import argparse
import array
import bisect
import random
import sys
import time
from collections.abc import Iterator, Sequence
from datetime import UTC, date, datetime, timedelta
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from apps.candidates.normalize import normalize_name
from bench.common import (
    BENCH_DATABASE,
    bench_env,
    drop_database,
    ensure_bench_tenant,
    enter_bench_tenant,
    owner_connection,
)

if TYPE_CHECKING:
    import psycopg

# --- Vocabulary ------------------------------------------------------------------

# Names read best as running text; split once at import.
FIRST_NAMES = (  # noqa: SIM905
    "Aaliyah Aarav Abigail Adam Adrián Agnieszka Ahmed Aiden Aino Aisha Akira Alejandro Aleksander "
    "Alexander Alexandra Alice Amara Amelia Amir Ana Anders André Andrea Andrés Anja Anna Anouk Antoine "
    "Antonio Arjun Astrid Ava Ayumi Beatriz Benjamin Bernd Björn Bogdan Camila Carlos Carmen Caroline "
    "Catarina Chen Chiara Chloé Christian Clara Daniel Daniela Dávid David Diego Dmitri Elena Elias Elif "
    "Elijah Elisa Émile Emily Emma Enzo Eric Erik Esther Ethan Eva Fatima Felix Fernando Finn Florian "
    "François Freya Gabriel Gabriela Giulia Grace Greta Hana Hannah Hassan Helena Henrik Hugo Ibrahim "
    "Inês Ingrid Isabel Isabella Ivan Jakub Jan Javier Jessica João Jonas Jorge José Joseph Juan Julia "
    "Julián Jürgen Kai Karin Kateřina Kenji Laila Lars Laura Léa Leon Liam Lina Lucas Lucía Luis Łukasz "
    "Maja Malik Manon Marco Margarida María Marie Marta Mateo Matteo Maximilian Maya Mehmet Mia Michael "
    "Mikael Miguel Mila Mohammed Nadia Nathan Nikola Noah Noémie Nora Olga Oliver Olivia Omar Oscar "
    "Paula Pedro Petra Pierre Priya Rafael Rahul Ravi Rebecca Renée Ricardo Rosa Ryan Sakura Samuel "
    "Sandra Santiago Sara Sebastian Seo-yeon Shreya Simone Siobhán Sofia Søren Stefan Susanne Tariq Teresa "
    "Thomas Tomás Valentina Victor Wei Wojciech Yara Yusuf Zainab Zoë Zoltán Aurora Bianca Cem Dario Dilara "
    "Emre Eszter Fabian Hiroshi Imani Jana Joaquín Kwame Linnea Magnus Milan Nikolai Oksana Pablo Rania "
    "Selin Tobias Ümit Vera Yuki"
).split()
LAST_NAMES = [
    *(  # noqa: SIM905
        "Abbott Adeyemi Ahmed Alexander Ali Almeida Andersen Anderson Andersson Andrade Bauer Becker Bergström "
        "Bernard Bianchi Blanco Böhm Brown Bruno Campbell Castillo Castro Chen Christensen Clarke Cohen Colombo "
        "Costa Cruz Dąbrowski Davies Díaz Dubois Dumont Eriksson Esposito Evans Fernandes Fernández Ferrari "
        "Fischer Fontaine Fournier Friedrich Gallagher García Garnier Gómez González Gonçalves Gray Groß Gunnarsson "
        "Gupta Hansen Hartmann Hernández Hoffmann Horváth Huber Hughes Iglesias Ivanova Jackson Jansen Jensen "
        "Jiménez Johansson Johnson Jones Kaiser Kamiński Kang Keller Khan Kim Klein König Kovács Kowalski Krüger "
        "Kumar Lambert Lang Larsen Laurent Lee Lefèvre Lehmann Leroy Lindqvist López Lorenz Mancini Marković "
        "Martin Martínez Meier Mendes Meyer Moreau Morales Moreno Müller Murphy Nagy Nakamura Navarro Neumann "
        "Nguyen Nielsen Novák Nowak O'Brien O'Connor Olsen Ortiz Owusu Park Patel Pereira Pérez Petrov Popescu "
        "Quinn Ramírez Reddy Ribeiro Richter Rodrigues Rodríguez Romano Rossi Roux Ruiz Sánchez Sanders "
        "Santos Sato Schäfer Schmidt Schneider Schulz Schwarz Silva Singh Smith Sørensen Sousa Suzuki Svensson "
        "Szabó Takahashi Tanaka Taylor Thomas Torres Varga Vasquez Vogel Wagner Walker Wang Weber "
        "Williams Wilson Wolf Wójcik Wright Yamamoto Yılmaz Zhang Zimmermann Żukowski Achterberg Banerjee Berger "  # noqa: RUF001  # the Turkish dotless i, on purpose
        "Bonnet Brandt Carvalho Demir Doğan Engel Fuchs Haas Ito Jovanović Kaya Kuznetsov Lindgren Mahmoud Mensah "
        "Nilsson Okafor Pham Rao Sauer Vogt Yadav"
    ).split(),
    # Family names of several words, kept whole.
    "van der Berg",
    "De la Cruz",
    "García-López",
]

# Skills by field; a candidate's skills are mostly from one field, plus a general one.
TECH_SKILLS = (
    "Python",
    "PostgreSQL",
    "JavaScript",
    "TypeScript",
    "Go",
    "Rust",
    "Java",
    "Kotlin",
    "Swift",
    "C",
    "C++",
    "C#",
    "Ruby",
    "PHP",
    "Scala",
    "Elixir",
    "R",
    "SQL",
    "MySQL",
    "MongoDB",
    "Redis",
    "Elasticsearch",
    "Kafka",
    "RabbitMQ",
    "Django",
    "Flask",
    "FastAPI",
    "Spring Boot",
    "Ruby on Rails",
    "Node.js",
    "React",
    "Vue.js",
    "Angular",
    "Svelte",
    "Next.js",
    "HTML",
    "CSS",
    "GraphQL",
    "REST APIs",
    "gRPC",
    "Docker",
    "Kubernetes",
    "Terraform",
    "Ansible",
    "AWS",
    "Azure",
    "Google Cloud",
    "Linux",
    "Bash",
    "Git",
    "CI/CD",
    "GitHub Actions",
    "Prometheus",
    "Grafana",
    "Machine Learning",
    "Deep Learning",
    "PyTorch",
    "TensorFlow",
    "pandas",
    "Spark",
    "Airflow",
    "dbt",
    "Snowflake",
    "Data Analysis",
    "Computer Vision",
    "NLP",
    "Security",
    "Penetration Testing",
    "Networking",
    "iOS",
    "Android",
    "Flutter",
    "Figma",
    "UX Design",
    "Accessibility",
    "Test Automation",
    "Cypress",
    "Microservices",
    "System Design",
)
HEALTH_SKILLS = (
    "Nursing",
    "Patient Care",
    "Intensive Care",
    "Emergency Medicine",
    "Pediatrics",
    "Geriatrics",
    "Phlebotomy",
    "Pharmacology",
    "Medical Coding",
    "Electronic Health Records",
    "BLS",
    "ACLS",
    "Wound Care",
    "Midwifery",
    "Physiotherapy",
    "Radiology",
    "Laboratory",
    "Infection Control",
    "Mental Health",
    "Occupational Therapy",
)
FINANCE_SKILLS = (
    "Accounting",
    "Bookkeeping",
    "Financial Reporting",
    "IFRS",
    "GAAP",
    "Auditing",
    "Tax",
    "Payroll",
    "Budgeting",
    "Forecasting",
    "Financial Modeling",
    "Excel",
    "SAP",
    "DATEV",
    "QuickBooks",
    "Accounts Payable",
    "Accounts Receivable",
    "Controlling",
    "Risk Management",
    "Compliance",
)
BUSINESS_SKILLS = (
    "Sales",
    "Account Management",
    "Customer Success",
    "Customer Service",
    "Marketing",
    "SEO",
    "Copywriting",
    "Social Media",
    "Salesforce",
    "HubSpot",
    "Recruiting",
    "Human Resources",
    "Project Management",
    "Scrum",
    "Product Management",
    "Operations",
    "Logistics",
    "Supply Chain",
    "Procurement",
    "Warehouse",
    "Forklift",
    "Retail",
    "Hospitality",
    "Teaching",
    "Contract Law",
    "Translation",
)
GENERAL_SKILLS = (
    "English",
    "German",
    "French",
    "Spanish",
    "Communication",
    "Leadership",
    "Teamwork",
    "Negotiation",
    "Presentation",
    "Problem Solving",
)
# (field, share of candidates, skills, job titles with their department)
FIELDS: tuple[tuple[str, float, Sequence[str], Sequence[str]], ...] = (
    (
        "Engineering",
        0.55,
        TECH_SKILLS,
        (
            "Backend Engineer",
            "Frontend Engineer",
            "Full-Stack Developer",
            "Site Reliability Engineer",
            "Data Engineer",
            "Machine Learning Engineer",
            "Mobile Developer",
            "Security Engineer",
            "QA Engineer",
            "Engineering Manager",
            "Data Scientist",
            "Product Designer",
        ),
    ),
    (
        "Care",
        0.12,
        HEALTH_SKILLS,
        ("Registered Nurse", "ICU Nurse", "Midwife", "Physiotherapist", "Care Assistant", "Medical Assistant"),
    ),
    (
        "Finance",
        0.13,
        FINANCE_SKILLS,
        ("Accountant", "Financial Controller", "Payroll Specialist", "Auditor", "Tax Advisor", "FP&A Analyst"),
    ),
    (
        "Operations",
        0.20,
        BUSINESS_SKILLS,
        (
            "Account Executive",
            "Customer Success Manager",
            "Marketing Manager",
            "Recruiter",
            "Project Manager",
            "Warehouse Operative",
            "Logistics Coordinator",
            "Store Manager",
        ),
    ),
)
FIELD_WEIGHTS = [share for _, share, _, _ in FIELDS]

# (location, E.164 country code, national number: a fixed prefix and a count of random digits)
LOCATIONS = (
    ("Berlin, Germany", "49", "15", 9),
    ("Munich, Germany", "49", "17", 9),
    ("Hamburg, Germany", "49", "16", 8),
    ("Köln, Germany", "49", "15", 9),
    ("Zürich, Switzerland", "41", "7", 8),
    ("Wien, Austria", "43", "66", 8),
    ("London, United Kingdom", "44", "7", 9),
    ("Manchester, United Kingdom", "44", "7", 9),
    ("Dublin, Ireland", "353", "8", 8),
    ("Paris, France", "33", "6", 8),
    ("Lyon, France", "33", "7", 8),
    ("Madrid, Spain", "34", "6", 8),
    ("Barcelona, Spain", "34", "6", 8),
    ("Lisboa, Portugal", "351", "9", 8),
    ("Milano, Italy", "39", "3", 9),
    ("Amsterdam, Netherlands", "31", "6", 8),
    ("København, Denmark", "45", "2", 7),
    ("Stockholm, Sweden", "46", "7", 8),
    ("Oslo, Norway", "47", "4", 7),
    ("Helsinki, Finland", "358", "4", 8),
    ("Warszawa, Poland", "48", "5", 8),
    ("Kraków, Poland", "48", "6", 8),
    ("Praha, Czechia", "420", "7", 8),
    ("Budapest, Hungary", "36", "30", 7),
    ("New York, NY, USA", "1", "212", 7),
    ("San Francisco, CA, USA", "1", "415", 7),
    ("Austin, TX, USA", "1", "512", 7),
    ("Toronto, Canada", "1", "416", 7),
    ("São Paulo, Brazil", "55", "119", 8),
    ("Bangalore, India", "91", "9", 9),
    ("Tokyo, Japan", "81", "90", 8),
    ("Remote", "1", "646", 7),
)
EMAIL_DOMAINS = (
    "gmail.com",
    "outlook.com",
    "yahoo.com",
    "proton.me",
    "icloud.com",
    "web.de",
    "gmx.de",
    "hotmail.com",
    "mail.com",
    "fastmail.com",
)
CANDIDATE_SOURCES = (("email", 0.40), ("api", 0.30), ("import", 0.25), ("admin", 0.05))
# Mostly active; about 1% former employees (left).
CANDIDATE_STATUSES = (("active", 0.965), ("hired", 0.015), ("left", 0.01), ("do_not_contact", 0.01))
LEFT_REASONS = ("Relocated", "Career change", "Contract ended", "Further studies", "Better offer", "")
APPLICATION_SOURCES = ("email", "api", "career_site", "referral", "import")
# The path an application took to reach each stage; closed stages branch off the open ones.
STAGE_PATHS = {
    "applied": ("applied",),
    "screening": ("applied", "screening"),
    "interview": ("applied", "screening", "interview"),
    "offer": ("applied", "screening", "interview", "offer"),
    "hired": ("applied", "screening", "interview", "offer", "hired"),
    "rejected": ("applied", "screening", "rejected"),
    "rejected_early": ("applied", "rejected"),
    "rejected_late": ("applied", "screening", "interview", "rejected"),
    "withdrawn": ("applied", "screening", "withdrawn"),
}
STAGE_WEIGHTS = {
    "applied": 0.30,
    "screening": 0.15,
    "interview": 0.10,
    "offer": 0.03,
    "hired": 0.03,
    "rejected": 0.12,
    "rejected_early": 0.15,
    "rejected_late": 0.06,
    "withdrawn": 0.06,
}
STAGE_KEYS = list(STAGE_PATHS)
REJECTION_REASONS = (
    "Not enough experience",
    "Position filled",
    "Salary expectations",
    "Location",
    "Skills do not match",
    "No reply from candidate",
)
# Applications per candidate: 0-4 drawn with these weights, then evened out to 2 x N exactly.
APPLICATION_COUNT_WEIGHTS = (0.08, 0.27, 0.35, 0.20, 0.10)
MAX_APPLICATIONS = 6
HISTORY_YEARS = 3
# A Latin transliteration for the letters NFKD leaves alone, for email addresses.
ASCII_FOLD = str.maketrans({"ø": "o", "æ": "ae", "ß": "ss", "ł": "l", "đ": "d", "\u0131": "i", "'": "", "-": ""})


# Rows are handed to COPY as text, arrays as literals: several times faster than
# letting psycopg adapt lists and datetimes, and safe because no generated value
# can hold a character that text COPY or an array literal would need escaped.
COPY_SPECIAL = frozenset('\t\n\r\\"{}')


def pg_array(items: list[str]) -> str:
    return '{"' + '","'.join(items) + '"}' if items else "{}"


def check_vocabulary() -> None:
    words = [*FIRST_NAMES, *LAST_NAMES, *GENERAL_SKILLS, *REJECTION_REASONS, *LEFT_REASONS, *EMAIL_DOMAINS]
    for field, _, skills, titles in FIELDS:
        words += [field, *skills, *titles]
    words += [location for location, _, _, _ in LOCATIONS]
    unsafe = [word for word in words if COPY_SPECIAL & set(word)]
    assert not unsafe, f"these would need escaping in COPY: {unsafe}"


@cache
def name_forms(full_name: str) -> tuple[str, str]:
    """(name_normalized, ascii local part base) for a full name, with the app's normalizer."""
    normalized = normalize_name(full_name)
    ascii_words = [word.translate(ASCII_FOLD).encode("ascii", "ignore").decode() for word in normalized.split()]
    return normalized, ".".join(word for word in ascii_words if word)


def cumulative(weights: Sequence[float]) -> list[float]:
    total, running = sum(weights), []
    acc = 0.0
    for weight in weights:
        acc += weight
        running.append(acc / total)
    return running


def pick(rng: random.Random, cumulative_weights: list[float]) -> int:
    """Index drawn by weight; cheaper than rng.choices() in a hot loop."""
    return min(bisect.bisect(cumulative_weights, rng.random()), len(cumulative_weights) - 1)


# --- Generation ------------------------------------------------------------------


class Plan:
    """What the candidate pass decides and the application passes need, kept
    compact (a few bytes per row) so that 1M candidates cost a few megabytes."""

    def __init__(self, count: int) -> None:
        self.created = array.array("d", bytes(8 * count))  # epoch seconds
        self.field = bytearray(count)
        self.status = bytearray(count)  # index into CANDIDATE_STATUSES
        self.applications = bytearray(count)


def application_counts(rng: random.Random, plan: Plan, total: int) -> None:
    """Draw each candidate's number of applications, then nudge random candidates
    up or down until the sum is exactly ``total``."""
    weights = cumulative(APPLICATION_COUNT_WEIGHTS)
    count = len(plan.applications)
    for index in range(count):
        plan.applications[index] = pick(rng, weights)
    difference = total - sum(plan.applications)
    while difference:
        index = rng.randrange(count)
        value = plan.applications[index]
        if difference > 0 and value < MAX_APPLICATIONS:
            plan.applications[index] = value + 1
            difference -= 1
        elif difference < 0 and value > 0:
            plan.applications[index] = value - 1
            difference += 1


def candidate_rows(
    rng: random.Random, plan: Plan, *, first_id: int, start: datetime, now: datetime
) -> Iterator[tuple[Any, ...]]:
    """One row per candidate, in the column order of stage_candidates(). Ids and
    created_at rise together, as rows inserted over three years would."""
    count = len(plan.created)
    span = (now - start).total_seconds()
    field_weights = cumulative(FIELD_WEIGHTS)
    source_weights = cumulative([w for _, w in CANDIDATE_SOURCES])
    status_weights = cumulative([w for _, w in CANDIDATE_STATUSES])
    for index in range(count):
        candidate_id = first_id + index
        first = FIRST_NAMES[rng.randrange(len(FIRST_NAMES))]
        last = LAST_NAMES[rng.randrange(len(LAST_NAMES))]
        if rng.random() < 0.08:  # a middle name, or a second family name
            full_name = f"{first} {FIRST_NAMES[rng.randrange(len(FIRST_NAMES))]} {last}"
        else:
            full_name = f"{first} {last}"
        normalized, local = name_forms(full_name)
        domain = EMAIL_DOMAINS[rng.randrange(len(EMAIL_DOMAINS))]
        emails = [f"{local}{candidate_id}@{domain}"]
        if rng.random() < 0.3:
            emails.append(f"{local.split('.')[0]}.{candidate_id}@{EMAIL_DOMAINS[rng.randrange(len(EMAIL_DOMAINS))]}")
        location, country, prefix, digits = LOCATIONS[rng.randrange(len(LOCATIONS))]
        phones = [f"+{country}{prefix}{rng.randrange(10**digits):0{digits}d}"] if rng.random() < 0.7 else []
        slug = local.replace(".", "-")
        linkedin = f"https://linkedin.com/in/{slug}-{candidate_id:x}" if rng.random() < 0.4 else ""
        field = pick(rng, field_weights)
        field_skills = FIELDS[field][2]
        skills = rng.sample(field_skills, rng.randint(2, 9))
        skills.append(GENERAL_SKILLS[rng.randrange(len(GENERAL_SKILLS))])
        github = f"https://github.com/{slug}{candidate_id % 1000}" if field == 0 and rng.random() < 0.3 else ""
        website = f"https://{slug}.dev" if rng.random() < 0.04 else ""
        years = rng.randint(1, 25)
        title = FIELDS[field][3][rng.randrange(len(FIELDS[field][3]))]
        summary = f"{title} with {years} years of experience in {skills[0]} and {skills[1]}."
        source = CANDIDATE_SOURCES[pick(rng, source_weights)][0]
        status_index = pick(rng, status_weights)
        status = CANDIDATE_STATUSES[status_index][0]
        created = start + timedelta(seconds=span * (index + rng.random()) / count)
        updated = min(created + timedelta(days=rng.random() * 90), now)
        left_on: date | None = None
        left_reason, rehire_eligible = "", False
        if status == "left":
            left_on = (created - timedelta(days=rng.randint(30, 2000))).date()
            left_reason = LEFT_REASONS[rng.randrange(len(LEFT_REASONS))]
            rehire_eligible = rng.random() < 0.7
        archived = updated if rng.random() < 0.01 else None
        plan.created[index] = created.timestamp()
        plan.field[index] = field
        plan.status[index] = status_index
        yield (
            candidate_id,
            full_name,
            normalized,
            pg_array(emails),
            pg_array(phones),
            linkedin,
            github,
            website,
            location,
            pg_array(skills),
            pg_array([skill.casefold() for skill in skills]),  # as apps.candidates.services stores them
            summary,
            source,
            status,
            left_on,
            left_reason,
            rehire_eligible,
            created.isoformat(),
            updated.isoformat(),
            archived.isoformat() if archived else None,
        )


class History:
    """Per application, what the stage-change pass needs (compact, as in Plan)."""

    def __init__(self, count: int) -> None:
        self.created = array.array("d", bytes(8 * count))
        self.updated = array.array("d", bytes(8 * count))
        self.path = bytearray(count)
        self.reason = bytearray(count)


def application_rows(
    rng: random.Random,
    plan: Plan,
    history: History,
    *,
    first_candidate_id: int,
    first_application_id: int,
    jobs_by_field: list[list[int]],
    all_jobs: list[int],
    now: datetime,
) -> Iterator[tuple[Any, ...]]:
    """Each candidate's applications, to distinct jobs (so the partial unique
    constraint on open (candidate, job) pairs holds), mostly in their field.
    A former employee's applications carry the rehire flag, as application_create sets it."""
    stage_weights = cumulative([STAGE_WEIGHTS[key] for key in STAGE_KEYS])
    statuses = [status for status, _ in CANDIDATE_STATUSES]
    hired, left = statuses.index("hired"), statuses.index("left")
    hired_path, offer_path = STAGE_KEYS.index("hired"), STAGE_KEYS.index("offer")
    latest = now.timestamp() - 60
    number = 0
    for index, count in enumerate(plan.applications):
        if not count:
            continue
        own_field = jobs_by_field[plan.field[index]]
        jobs: list[int] = []
        while len(jobs) < count:
            pool = own_field if rng.random() < 0.8 else all_jobs
            job_id = pool[rng.randrange(len(pool))]
            if job_id not in jobs:
                jobs.append(job_id)
        status = plan.status[index]
        for position, job_id in enumerate(jobs):
            # Only a hired candidate has a hired application (application_move
            # sets the candidate to hired), and a hired candidate has one.
            path = hired_path if status == hired and position == 0 else pick(rng, stage_weights)
            if path == hired_path and (status != hired or position > 0):
                path = offer_path
            stage = STAGE_PATHS[STAGE_KEYS[path]][-1]
            candidate_created = plan.created[index]
            created = candidate_created + rng.random() * min(60 * 86400, latest - candidate_created)
            updated = created + rng.random() * min(45 * 86400, latest - created)
            reason = rng.randrange(len(REJECTION_REASONS))
            history.created[number] = created
            history.updated[number] = updated
            history.path[number] = path
            history.reason[number] = reason
            yield (
                first_application_id + number,
                first_candidate_id + index,
                job_id,
                stage,
                APPLICATION_SOURCES[rng.randrange(len(APPLICATION_SOURCES))],
                REJECTION_REASONS[reason] if stage == "rejected" else "",
                "{rehire_review}" if status == left else "{}",
                datetime.fromtimestamp(created, UTC).isoformat(),
                datetime.fromtimestamp(updated, UTC).isoformat(),
            )
            number += 1


def stage_change_rows(history: History, *, first_application_id: int) -> Iterator[tuple[Any, ...]]:
    """One row per step each application took: from "" to applied on creation,
    then one per move, spread evenly up to its last update."""
    for number, path_index in enumerate(history.path):
        path = STAGE_PATHS[STAGE_KEYS[path_index]]
        created, updated = history.created[number], history.updated[number]
        step = (updated - created) / max(len(path) - 1, 1)
        previous = ""
        for position, stage in enumerate(path):
            reason = REJECTION_REASONS[history.reason[number]] if stage == "rejected" else ""
            at = datetime.fromtimestamp(created + step * position, UTC).isoformat()
            yield (first_application_id + number, previous, stage, reason, False, at)
            previous = stage


# --- Loading ---------------------------------------------------------------------

CANDIDATE_COLUMNS = (
    "id, full_name, name_normalized, emails, phones, linkedin_url, github_url, website_url, location, skills,"
    " skill_keys, summary, source, status, left_on, left_reason, rehire_eligible, created_at, updated_at, archived_at"
)
# apps.candidates.services.SEARCH_VECTOR_SQL without the resume part: generated
# candidates have no resume, and an empty tsvector adds nothing to the concatenation.
SEARCH_VECTOR = (
    "setweight(to_tsvector('simple', name_normalized), 'A')"
    " || setweight(to_tsvector('simple', array_to_string(skills, ' ')), 'B')"
    " || setweight(to_tsvector('simple', array_to_string(emails, ' ')), 'C')"
)
APPLICATION_COLUMNS = "id, candidate_id, job_id, stage, source, rejection_reason, flags, created_at, updated_at"
STAGE_CHANGE_COLUMNS = "application_id, from_stage, to_stage, reason, override, created_at"
# The tables loaded here; their audit triggers are off during the load (see load()).
LOADED_TABLES = (
    "candidates_candidate",
    "applications_job",
    "applications_application",
    "applications_stagechange",
)


class Timer:
    def __init__(self) -> None:
        self.started = time.perf_counter()
        self.total = 0.0

    def step(self, what: str) -> None:
        elapsed = time.perf_counter() - self.started
        self.total += elapsed
        print(f"  {what:<58} {elapsed:7.1f} s", flush=True)
        self.started = time.perf_counter()


def scalar(cursor: "psycopg.Cursor[Any]", query: str) -> Any:
    row = cursor.execute(query).fetchone()
    assert row is not None
    return row[0]


def copy_rows(cursor: "psycopg.Cursor[Any]", statement: str, rows: Iterator[tuple[Any, ...]]) -> int:
    written = 0
    with cursor.copy(statement) as copy:
        for row in rows:
            copy.write_row(row)
            written += 1
    return written


def ensure_jobs(cursor: "psycopg.Cursor[Any]", wanted: int, start: datetime) -> list[list[int]]:
    """At least ``wanted`` open jobs, spread over the fields; their ids by field."""
    missing = wanted - scalar(cursor, "SELECT count(*) FROM applications_job WHERE status = 'open'")
    if missing > 0:
        rows = []
        number = scalar(cursor, "SELECT count(*) FROM applications_job")
        for offset in range(missing):
            field, _, _, titles = FIELDS[(number + offset) % len(FIELDS)]
            title = titles[(number + offset) // len(FIELDS) % len(titles)]
            location = LOCATIONS[(number + offset) % len(LOCATIONS)][0]
            code = f"{field[:3].upper()}-{number + offset + 1:04d}"
            created = start - timedelta(days=30, hours=offset)
            description = f"{title} in our {field} team, {location}. Tell us what you have built."
            rows.append((title, code, field, location, "open", description, created, created))
        cursor.executemany(
            "INSERT INTO applications_job (title, code, department, location, status, description, created_at,"
            " updated_at) VALUES (%s, %s, %s, %s, %s, %s, %s, %s)",
            rows,
        )
    by_field: list[list[int]] = [[] for _ in FIELDS]
    names = [field for field, _, _, _ in FIELDS]
    for job_id, department in cursor.execute("SELECT id, department FROM applications_job WHERE status = 'open'"):
        by_field[names.index(department) if department in names else 0].append(job_id)
    return by_field


def drop_secondary_indexes(cursor: "psycopg.Cursor[Any]", tables: Sequence[str]) -> list[str]:
    """Drop the non-unique indexes of these tables; return their definitions.
    Unique indexes stay: they check the generated data as it goes in."""
    definitions = []
    for table in tables:
        rows = cursor.execute(
            "SELECT indexrelid::regclass::text, pg_get_indexdef(indexrelid) FROM pg_index"
            " WHERE indrelid = %s::regclass AND NOT indisunique",
            [table],
        ).fetchall()
        for name, definition in rows:
            cursor.execute(f"DROP INDEX {name}")
            definitions.append(definition)
    return definitions


def app_search_vector_sql() -> str:
    """apps.candidates.services.SEARCH_VECTOR_SQL (an f-string built from a helper, so
    imported, with Django set up for it, rather than read from the source)."""
    import os

    import django

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "ats.settings.local")
    django.setup()
    from apps.candidates.services import SEARCH_VECTOR_SQL

    return SEARCH_VECTOR_SQL


def check_search_vectors(cursor: "psycopg.Cursor[Any]", sample_ids: list[int]) -> str:
    """The vectors loaded here must equal what the app computes: run the app's own
    SQL on a sample inside a savepoint, compare, and roll it back."""
    app_sql = app_search_vector_sql()
    query = "SELECT id, search_vector::text FROM candidates_candidate WHERE id = ANY(%s) ORDER BY id"
    loaded = cursor.execute(query, [sample_ids]).fetchall()
    cursor.execute("SAVEPOINT search_vector_check")
    cursor.execute(app_sql, [sample_ids])
    computed = cursor.execute(query, [sample_ids]).fetchall()
    cursor.execute("ROLLBACK TO SAVEPOINT search_vector_check")
    if loaded != computed:
        raise SystemExit(f"search_vector differs from apps.candidates.services:\n{loaded[:2]}\n{computed[:2]}")
    return f"match the app's SQL ({len(sample_ids)} sampled)"


def load(connection: "psycopg.Connection[Any]", *, candidates: int, jobs: int, seed: int) -> None:
    check_vocabulary()
    timer = Timer()
    cursor = connection.cursor()
    first_candidate_id = scalar(cursor, "SELECT coalesce(max(id), 0) + 1 FROM candidates_candidate")
    first_application_id = scalar(cursor, "SELECT coalesce(max(id), 0) + 1 FROM applications_application")
    rng = random.Random(seed * 1_000_003 + first_candidate_id)  # noqa: S311  # test data, reproducible by seed
    now = datetime.now(UTC).replace(microsecond=0)
    start = now - timedelta(days=HISTORY_YEARS * 365)
    # Session settings for the bulk load only: room to sort for the index builds.
    cursor.execute("SET maintenance_work_mem = '1GB'")
    # The foreign keys are DEFERRABLE INITIALLY DEFERRED: checked at commit, their
    # cost would show up there. Checked as each table is filled, each step's time is its own.
    cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
    # Generated rows are not changes anyone made: the audit trail stays empty of
    # them (millions of events would also dominate the load). Disabled inside the
    # transaction, so a failed load leaves the triggers on.
    for table in LOADED_TABLES:
        cursor.execute(f"ALTER TABLE {table} DISABLE TRIGGER audit_changes")
    jobs_by_field = ensure_jobs(cursor, jobs, start)
    all_jobs = [job_id for ids in jobs_by_field for job_id in ids]
    indexes = drop_secondary_indexes(
        cursor, ("candidates_candidate", "applications_application", "applications_stagechange")
    )
    timer.step(f"open jobs: {len(all_jobs)}; {len(indexes)} secondary indexes dropped")

    plan = Plan(candidates)
    application_counts(rng, plan, 2 * candidates)
    cursor.execute(
        "CREATE TEMPORARY TABLE candidate_load ON COMMIT DROP AS"
        f" SELECT {CANDIDATE_COLUMNS} FROM candidates_candidate WITH NO DATA"
    )
    rows = candidate_rows(rng, plan, first_id=first_candidate_id, start=start, now=now)
    written = copy_rows(cursor, f"COPY candidate_load ({CANDIDATE_COLUMNS}) FROM STDIN", rows)
    timer.step(f"candidates generated and copied to staging: {written:,}")
    cursor.execute(
        f"INSERT INTO candidates_candidate ({CANDIDATE_COLUMNS}, search_vector)"
        f" SELECT {CANDIDATE_COLUMNS}, {SEARCH_VECTOR} FROM candidate_load"
    )
    timer.step("candidates inserted (RLS check, search_vector computed)")

    history = History(2 * candidates)
    cursor.execute(
        "CREATE TEMPORARY TABLE application_load ON COMMIT DROP AS"
        f" SELECT {APPLICATION_COLUMNS} FROM applications_application WITH NO DATA"
    )
    rows = application_rows(
        rng,
        plan,
        history,
        first_candidate_id=first_candidate_id,
        first_application_id=first_application_id,
        jobs_by_field=[ids or all_jobs for ids in jobs_by_field],
        all_jobs=all_jobs,
        now=now,
    )
    written = copy_rows(cursor, f"COPY application_load ({APPLICATION_COLUMNS}) FROM STDIN", rows)
    timer.step(f"applications generated and copied to staging: {written:,}")
    cursor.execute(
        f"INSERT INTO applications_application ({APPLICATION_COLUMNS})"
        f" SELECT {APPLICATION_COLUMNS} FROM application_load"
    )
    timer.step("applications inserted")

    cursor.execute(
        "CREATE TEMPORARY TABLE stage_change_load ON COMMIT DROP AS"
        f" SELECT {STAGE_CHANGE_COLUMNS} FROM applications_stagechange WITH NO DATA"
    )
    rows = stage_change_rows(history, first_application_id=first_application_id)
    written = copy_rows(cursor, f"COPY stage_change_load ({STAGE_CHANGE_COLUMNS}) FROM STDIN", rows)
    timer.step(f"stage changes generated and copied to staging: {written:,}")
    cursor.execute(
        f"INSERT INTO applications_stagechange ({STAGE_CHANGE_COLUMNS})"
        f" SELECT {STAGE_CHANGE_COLUMNS} FROM stage_change_load"
    )
    timer.step("stage changes inserted")

    for definition in indexes:
        cursor.execute(definition)
    timer.step(f"{len(indexes)} secondary indexes rebuilt")
    for table in ("candidates_candidate", "applications_application"):
        cursor.execute(f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), (SELECT max(id) FROM {table}))")
    sample = list(range(first_candidate_id, first_candidate_id + candidates, max(candidates // 200, 1)))
    checked = check_search_vectors(cursor, sample)
    for table in LOADED_TABLES:
        cursor.execute(f"ALTER TABLE {table} ENABLE TRIGGER audit_changes")
    connection.commit()
    timer.step(f"search vectors {checked}; committed")

    # VACUUM as well as ANALYZE: it sets the visibility map and hint bits now, so
    # the first benchmark requests do not pay for that, and autovacuum has no
    # reason to start on these tables in the middle of a measurement.
    connection.autocommit = True
    for table in LOADED_TABLES:
        connection.execute(f"VACUUM (ANALYZE) {table}")
    timer.step("VACUUM (ANALYZE)")
    print(f"  {'total':<58} {timer.total:7.1f} s")


def report(connection: "psycopg.Connection[Any]") -> None:
    cursor = connection.cursor()
    for table, column in (
        ("candidates_candidate", "status"),
        ("applications_application", "stage"),
        ("applications_job", "status"),
    ):
        counts = cursor.execute(f"SELECT {column}, count(*) FROM {table} GROUP BY 1 ORDER BY 2 DESC").fetchall()
        total = sum(count for _, count in counts)
        detail = ", ".join(f"{value} {count:,}" for value, count in counts)
        print(f"  {table}: {total:,} ({detail})")
    print(f"  applications_stagechange: {scalar(cursor, 'SELECT count(*) FROM applications_stagechange'):,}")
    size = scalar(
        cursor,
        "SELECT pg_size_pretty(sum(pg_total_relation_size(c.oid))) FROM pg_class c"
        " JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = current_schema() AND c.relkind = 'r'",
    )
    print(f"  tenant schema size with indexes: {size}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--candidates", type=int, default=1_000_000)
    parser.add_argument("--jobs", type=int, default=200, help="open jobs (default 200)")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--fresh", action="store_true", help=f"drop and recreate {BENCH_DATABASE} first")
    args = parser.parse_args()

    started = time.perf_counter()
    if args.fresh:
        drop_database(BENCH_DATABASE)
    ensure_bench_tenant(bench_env("bench.settings_tenant"))
    print(f"database {BENCH_DATABASE} and tenant ready: {time.perf_counter() - started:.1f} s")
    with owner_connection() as connection:
        enter_bench_tenant(connection)
        existing = scalar(connection.cursor(), "SELECT count(*) FROM candidates_candidate")
        if existing >= args.candidates:
            print(f"the bench tenant already has {existing:,} candidates (>= {args.candidates:,}): nothing to do")
        else:
            missing = args.candidates - existing
            print(f"loading {missing:,} candidates (the tenant has {existing:,}) and {2 * missing:,} applications:")
            load(connection, candidates=missing, jobs=args.jobs, seed=args.seed)
        report(connection)


if __name__ == "__main__":
    main()

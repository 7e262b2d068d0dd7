"""Skills matching speed: the token lookup of apps/ingestion/parsing/skills.py against
a naive baseline, one compiled regex alternation of every alias of the taxonomy with
word boundaries (case-insensitive, longest alias first), in the same run, over the
text of the sample resumes (PyMuPDF, read in place) and a synthetic 3-page resume.
Prints microseconds per resume for both and their ratio. Goal: well under 1 ms per
resume for skills (field parsing as a whole has 2 ms).

    .venv/bin/python bench/skills_speed.py [--rounds 7] [--resumes DIR]
"""

import argparse
import re
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import pymupdf

from apps.ingestion.parsing.skills import DATA_FILE, Taxonomy, default_taxonomy, load_taxonomy

ROOT = Path(__file__).resolve().parent.parent
RESUMES = ROOT.parent / "shared" / "data" / "resumes"


def resume_texts(folder: Path) -> list[tuple[str, str]]:
    """(file name, text) of every PDF with a text layer; image-only scans have none."""
    texts = []
    for path in sorted(folder.glob("*.pdf")):
        with pymupdf.open(path) as document:
            text = "".join(page.get_text() for page in document)
        if len(text.strip()) >= 200:
            texts.append((path.name, text))
    return texts


def synthetic_resume() -> str:
    """About three pages of resume text: prose bullets, skills lists, other trades' words."""
    summary = (
        "Senior software engineer with ten years of experience building data platforms and web "
        "applications in Python, Go and TypeScript. I excel at mentoring, worked on R&D projects "
        "at Google and spent a spring semester abroad. Strong communication and leadership skills."
    )
    bullets = [
        "Designed and shipped a billing service in Go and PostgreSQL handling 4M invoices per month",
        "Migrated 120 microservices from a VM fleet to Kubernetes (EKS) with Helm charts and Argo CD",
        "Built ETL pipelines with Apache Airflow, dbt and Snowflake; cut the nightly run from 6 h to 40 min",
        "Led a team of 6 engineers; introduced code review, TDD and trunk-based development",
        "Wrote React and Next.js front ends with Redux; improved Core Web Vitals by 30%",
        "Set up observability with Prometheus, Grafana and OpenTelemetry; on-call rotation of 8 people",
        "Worked with finance on IFRS 15 revenue recognition and month-end close automation in SAP FI",
        "Trained a fraud detection model with scikit-learn and XGBoost, served with FastAPI on AWS Lambda",
    ]
    jobs = [
        ("Staff Engineer", "Acme Payments GmbH, Berlin", "Jan 2021 - Present"),
        ("Senior Engineer", "Globex Logistics, Hamburg", "03/2018 - 12/2020"),
        ("Software Engineer", "Initech, Munich", "2015 - 2018"),
        ("Junior Developer", "Hooli, Zurich", "2013 - 2015"),
        ("Intern", "Umbrella Health, Basel", "Summer 2012"),
    ]
    context = (
        "Joined a team of twelve responsible for the platform that the rest of the company builds on; "
        "worked closely with product, finance and the warehouse operations team on requirements, "
        "rollout plans and training, and reported to the VP of Engineering."
    )
    lines = ["Jane Example", "Berlin, Germany | jane@example.com | +49 30 1234567", "", "SUMMARY", summary, ""]
    lines.append("EXPERIENCE")
    for number, (title, employer, dates) in enumerate(jobs):
        lines += [f"{title}, {employer}", dates, context]
        lines += [f"\u2022 {bullets[(number + k) % len(bullets)]}." for k in range(8)]
        lines.append("")
    lines += [
        "EDUCATION",
        "M.Sc. Computer Science, Technical University of Munich, 2011 - 2013",
        "B.Sc. Mathematics, University of Hamburg, 2008 - 2011",
        "",
        "SKILLS",
        "Languages: Python, Go, TypeScript, JavaScript, SQL, Bash, Rust, C++",
        "Frameworks: Django, FastAPI, Flask, React, Next.js, Spring Boot",
        "Data: PostgreSQL, Redis, Kafka, Snowflake, dbt, Airflow, Spark, pandas",
        "Cloud & DevOps: AWS, GCP, Terraform, Docker, Kubernetes, Helm, GitHub Actions, Jenkins",
        "Other: Agile, Scrum, Jira, Confluence, Excel, PowerPoint, project management",
        "",
        "CERTIFICATIONS",
        "AWS Certified Solutions Architect - Professional (2022); Certified Kubernetes Administrator (2021)",
        "",
        "LANGUAGES",
        "German (native), English (fluent), French (intermediate), Spanish (basic)",
        "",
        "VOLUNTEERING",
        "Taught Python to adults at a community college; first aid and CPR certified; forklift licence.",
        "",
        "PROJECTS",
    ]
    lines += [f"\u2022 {bullet}." for bullet in bullets * 3]
    return "\n".join(lines)


def naive_regex(taxonomy: Taxonomy) -> Callable[[str], list[str]]:
    """The baseline: one alternation of all aliases, then the same canonical names, deduplicated."""
    canonical: dict[str, str] = {}
    for skill in taxonomy.skills.values():
        for form in (skill.name, *skill.aliases, *skill.ambiguous, *skill.capitalized):
            canonical.setdefault(form.casefold(), skill.name)
    alternation = "|".join(re.escape(form) for form in sorted(canonical, key=len, reverse=True))
    pattern = re.compile(rf"(?<!\w)(?:{alternation})(?!\w)", re.IGNORECASE)

    def find(text: str) -> list[str]:
        names = (canonical.get(hit.casefold()) for hit in pattern.findall(text))
        return list(dict.fromkeys(name for name in names if name))

    return find


def per_call_us(find: Callable[[str], list[str]], text: str, rounds: int) -> float:
    """Best over rounds (as timeit reports; other load on the machine only adds) of the
    time of one call, in microseconds; each round repeats the call for at least 20 ms."""
    start = time.perf_counter()
    find(text)  # warm-up, and the repeat count for this text
    once = time.perf_counter() - start
    repeat = max(1, int(0.02 / max(once, 1e-7)))
    samples = []
    for _ in range(rounds):
        start = time.perf_counter()
        for _ in range(repeat):
            find(text)
        samples.append((time.perf_counter() - start) / repeat * 1e6)
    return min(samples)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=7)
    parser.add_argument("--resumes", type=Path, default=RESUMES)
    args = parser.parse_args()

    start = time.perf_counter()
    taxonomy = load_taxonomy(DATA_FILE)
    load_ms = (time.perf_counter() - start) * 1e3
    forms = sum(1 + len(s.aliases) + len(s.ambiguous) + len(s.capitalized) for s in taxonomy.skills.values())
    print(f"taxonomy: {len(taxonomy)} skills, {forms} forms, loaded in {load_ms:.1f} ms (once per process)")
    taxonomy = default_taxonomy()
    start = time.perf_counter()
    baseline = naive_regex(taxonomy)
    print(f"baseline regex: {forms} alternatives, compiled in {(time.perf_counter() - start) * 1e3:.0f} ms")

    texts = resume_texts(args.resumes)
    texts.append(("synthetic 3-page resume", synthetic_resume()))
    print(f"\n{'resume':52} {'chars':>6} {'skills':>6} {'tokens us':>10} {'regex us':>10} {'ratio':>6}")
    ours: list[float] = []
    theirs: list[float] = []
    for name, text in texts:
        fast = per_call_us(taxonomy.find, text, args.rounds)
        slow = per_call_us(baseline, text, max(3, args.rounds // 2))
        ours.append(fast)
        theirs.append(slow)
        found = len(taxonomy.find(text))
        print(f"{name[:52]:52} {len(text):6} {found:6} {fast:10.0f} {slow:10.0f} {slow / fast:5.0f}x")
    sample = len(texts) - 1
    print(
        f"\nsample resumes ({sample}): token lookup mean {statistics.fmean(ours[:sample]):.0f} us, "
        f"max {max(ours[:sample]):.0f} us; regex mean {statistics.fmean(theirs[:sample]):.0f} us"
    )
    synthetic = len(texts[-1][1])
    print(f"synthetic 3-page resume ({synthetic} chars): token lookup {ours[-1]:.0f} us, regex {theirs[-1]:.0f} us")
    print(f"regex / token lookup, summed over all texts: {sum(theirs) / sum(ours):.0f}x")


if __name__ == "__main__":
    main()

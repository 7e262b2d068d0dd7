"""One generated resume: its content (as printed), how it is presented, and its ground truth.

Everything printed is decided here, once, so the PDF and DOCX renderers print the same strings
and the truth is derived from exactly what is on the page.
"""

import random
from dataclasses import dataclass, field
from typing import Any

from bench.corpus import i18n, orgs, people, trades
from bench.corpus.i18n import DateFormat, Ym
from bench.corpus.people import Link, Phone, PrintedName
from bench.corpus.skills import SKILLS

GENERATOR = "bench/make_resume_corpus.py"
AS_OF = "2026-11-26"
AS_OF_MONTH = Ym(2026, 11)
LAYOUTS = ("classic", "sidebar", "banner", "table", "compact", "title_first")
RESIDENCE: dict[str, tuple[tuple[str, int], ...]] = {
    "en": (("US", 9), ("GB", 7), ("IN", 4)),
    "de": (("DE", 18), ("GB", 1), ("FR", 1)),
    "fr": (("FR", 18), ("DE", 1), ("ES", 1)),
    "es": (("ES", 18), ("FR", 1), ("US", 1)),
}
ACCENTS = ("#1f3a5f", "#2e5e4e", "#7a2e2e", "#3b3b6d", "#444444", "#0b6e8a", "#8a5a0b")
MONTHS_COUNTED_NOTE = (
    "total_experience_months: union of the experience ranges in whole months, both ends inclusive "
    "(2019-01..2019-03 = 3); a year-only start counts from January, a year-only end to December "
    "(capped at as_of); 'present' = the month of as_of; overlaps counted once, gaps excluded."
)


@dataclass(slots=True)
class Job:
    employer: str
    title: str
    city: str
    start: Ym  # at the precision printed
    end: Ym | None  # None while current
    dates: str  # the range as printed
    bullets: list[str]


@dataclass(slots=True)
class Education:
    institution: str
    degree: str
    field: str | None
    city: str
    start: Ym | None
    end: Ym
    dates: str
    line: str  # degree and field as printed


@dataclass(slots=True)
class Style:
    """Presentation choices, picked once per resume."""

    accent: str
    font: str  # sans, serif, dejavu-sans, dejavu-serif
    paper: str  # a4 or letter
    skills_style: str  # comma, bullets, pipes, lines
    contact_sep: str
    labels: bool
    employer_first: bool
    job_city: bool
    edu_first: bool
    headline: bool  # print the current title under the name
    footer: bool  # page footer with the name and page number on multi-page files
    docx_header_contact: bool  # DOCX: contact lines in the page header part
    personal_details: bool  # title_first: a labelled "Persönliche Daten" block holds name and contact
    headline_large: bool  # title_first: the title above the name is set larger than the name
    variant: int  # 0-99, for the small choices a layout makes (alignment, order of contact items)


@dataclass(slots=True)
class Resume:
    stem: str  # file name without extension
    seed: int
    index: int
    lang: str
    layout: str
    fmt: str  # pdf or docx
    scanned: bool
    trade: str
    name: PrintedName
    headline: str
    doc_title: str | None
    emails: list[str]
    phones: list[Phone]
    location: str
    links: list[Link]
    summary: str | None
    skills: list[tuple[str, str]]  # (canonical, printed)
    languages: list[str]  # "Deutsch (Muttersprache)"
    interests: list[str]
    jobs: list[Job]  # newest first, as printed
    education: list[Education]  # newest first
    headings: dict[str, str]
    labels: dict[str, str]
    style: Style
    birth_date: str  # printed only in the personal-details block (a date that is not a phone)
    notes: list[str] = field(default_factory=list)

    @property
    def filename(self) -> str:
        return f"{self.stem}.{self.fmt}"

    @property
    def scan_filename(self) -> str:
        return f"{self.stem}.scan.pdf"


# --- Building ----------------------------------------------------------------------------------


def _gendered(title: str, gender: str) -> str:
    masculine, _, feminine = title.partition("|")
    return feminine if gender == "f" and feminine else masculine


def _sentence_form(printed: str, lang: str, generic: bool) -> str:
    if generic and lang in ("en", "fr", "es") and len(printed) > 1 and printed[1].islower():
        return printed[0].lower() + printed[1:]
    return printed


def _month_add(ym: Ym, months: int) -> Ym:
    n = ym.ordinal() + months
    return Ym(n // 12, n % 12 + 1)


def _timeline(rng: random.Random, n_jobs: int) -> list[tuple[Ym, Ym | None]]:
    """Job ranges, oldest first: mostly back to back, with some gaps and some overlaps."""
    current = rng.random() < 0.75
    spans: list[tuple[Ym, Ym | None]] = []
    duration = rng.randint(3, 72)
    if current:
        start = _month_add(AS_OF_MONTH, -duration + 1)
        spans.append((start, None))
    else:
        end = _month_add(AS_OF_MONTH, -rng.randint(1, 10))
        start = _month_add(end, -duration + 1)
        spans.append((start, end))
    for _ in range(n_jobs - 1):
        next_start = spans[-1][0]
        roll = rng.random()
        gap = 0 if roll < 0.6 else rng.randint(2, 9) if roll < 0.85 else -rng.randint(1, 6)
        end = _month_add(next_start, -1 - gap)
        start = _month_add(end, -rng.randint(6, 48) + 1)
        if start.year < 1988:
            break
        spans.append((start, end))
    spans.reverse()
    return spans


def _two(rng: random.Random, preferred: list[str], fallback: list[str]) -> tuple[str, str]:
    """Two different skills, from ``preferred`` when it has enough."""
    pool = preferred if len(preferred) >= 2 else preferred + [s for s in fallback if s not in preferred]
    first, second = rng.sample(pool, 2)
    return first, second


def _pick_phone_count(rng: random.Random) -> int:
    return 2 if rng.random() < 0.1 else 1


def build(
    rng: random.Random, *, seed: int, index: int, lang: str, layout: str, fmt: str, scanned: bool, trade_key: str
) -> Resume:
    trade = next(t for t in trades.TRADES if t.key == trade_key)
    countries, weights = zip(*RESIDENCE[lang], strict=True)
    country = rng.choices(countries, weights=weights)[0]
    home = rng.choice(people.cities_in(country))
    spec = people.pick_name(rng, country)
    name = people.print_name(rng, spec, lang)

    # Contact details.
    emails = [people.make_email(rng, spec)]
    if rng.random() < 0.08:
        emails.append(people.make_email(rng, spec))
        emails = list(dict.fromkeys(emails))
    national_ok = {"de": "DE", "fr": "FR", "es": "ES"}.get(lang, country) == country
    phones = [people.make_phone(rng, home, national_ok=national_ok)]
    if _pick_phone_count(rng) == 2:
        phones.append(people.make_phone(rng, home, national_ok=national_ok, kind="fixed"))
    location = people.print_location(rng, home, lang)
    links = people.make_links(rng, spec, tech=trade.tech, office=trade.office)

    # Career.
    long_resume = rng.random() < 0.3
    n_jobs = rng.choice((4, 5, 6)) if long_resume else rng.choices((1, 2, 3, 4), weights=(1, 3, 4, 3))[0]
    spans = _timeline(rng, n_jobs)
    fmt_dates = i18n.date_format(rng, lang)
    titles = [_gendered(t, spec.gender) for t in trade.titles[lang]]
    first_title = rng.randint(0, max(0, len(titles) - len(spans)))

    n_skills = rng.randint(6, min(12, len(trade.skills)))
    skill_names = rng.sample(trade.skills, n_skills)
    skills: list[tuple[str, str]] = []
    for canonical in skill_names:
        skill = SKILLS[canonical]
        # Tech names are the same everywhere; trade skills are mostly written in the local language.
        printed = skill.printed(lang) if rng.random() < 0.93 else skill.canonical
        if skill.aliases and rng.random() < 0.2:
            printed = rng.choice(skill.aliases)
        skills.append((canonical, printed))
    sentence_skills = [_sentence_form(p, lang, SKILLS[c].generic) for c, p in skills]
    practices = [s for (c, _), s in zip(skills, sentence_skills, strict=True) if SKILLS[c].generic]
    tools = [s for (c, _), s in zip(skills, sentence_skills, strict=True) if not SKILLS[c].generic]

    def fill(template: str) -> str:
        a, b = _two(rng, practices, tools)
        x, y = _two(rng, tools, practices)
        text = template.format(a=a, b=b, x=x, y=y)
        return text[0].upper() + text[1:]

    # Each job draws bullets from a shuffled pool, so consecutive jobs do not repeat each other.
    bullet_pool: list[str] = []
    generic_bullets = tuple(rng.sample(trades.GENERIC_BULLETS[lang], 2))

    def draw_bullets(count: int) -> list[str]:
        drawn: list[str] = []
        for _ in range(count):
            if not bullet_pool:
                templates = trade.bullets[lang] + generic_bullets
                bullet_pool.extend(rng.sample(templates, len(templates)))
            template = bullet_pool.pop()
            if template not in drawn:
                drawn.append(template)
        return [fill(t) for t in drawn]

    jobs: list[Job] = []
    previous_employer: str | None = None
    for i, (start, end) in enumerate(spans):
        title = titles[min(first_title + i, len(titles) - 1)]
        promoted = bool(jobs) and jobs[-1].title != title
        same_employer = previous_employer is not None and promoted and rng.random() < 0.15
        job_country = country if rng.random() < 0.85 else rng.choice(("DE", "FR", "ES", "GB", "US"))
        city = home if rng.random() < 0.6 else rng.choice(people.cities_in(job_country))
        job_country = city.country
        employer = (
            previous_employer
            if same_employer and previous_employer
            else orgs.make_employer(rng, job_country, rng.choice(trade.sectors), city)
        )
        current = end is None
        printed_start = fmt_dates.precision(start)
        if current and fmt_dates.since and rng.random() < 0.5:
            printed_start = Ym(start.year)
        printed_end = fmt_dates.precision(end) if end is not None else None
        dates = fmt_dates.span(printed_start, printed_end, current=current)
        n_bullets = rng.randint(2, 4) if long_resume else rng.randint(1, 3)
        bullets = draw_bullets(n_bullets)
        jobs.append(Job(employer, title, city.name(lang), printed_start, printed_end, dates, bullets))
        previous_employer = employer
    jobs.reverse()

    education = _education(rng, trade, lang, country, spans[0][0], fmt_dates)

    headline = jobs[0].title
    total = total_experience_months(jobs)
    summary: str | None = None
    if rng.random() < 0.7 or layout == "title_first":
        years = max(1, total // 12)
        a, b, c = rng.sample(sentence_skills, 3)
        summary = rng.choice(trades.SUMMARIES[lang]).format(title=headline, years=years, a=a, b=b, c=c)

    languages = _languages(rng, lang, spec.origin)
    interests = rng.sample(trades.INTERESTS[lang], 3) if rng.random() < 0.4 else []
    headings = {key: rng.choice(values[lang]) for key, values in i18n.HEADINGS.items()}
    labels = {key: rng.choice(values[lang]) for key, values in i18n.LABELS.items()}
    doc_title = None
    if (layout == "title_first" and rng.random() < 0.5) or (layout in ("classic", "table") and rng.random() < 0.2):
        doc_title = rng.choice(i18n.DOCUMENT_TITLES[lang])
    style = Style(
        accent=rng.choice(ACCENTS),
        font=rng.choice(("sans", "serif", "dejavu-sans", "dejavu-serif")),
        paper="letter" if country == "US" else "a4",
        skills_style=rng.choice(("comma", "bullets", "pipes", "lines")),
        contact_sep=rng.choice((" | ", " • ", " · ", f" {i18n.EN_DASH} ")),
        labels=rng.random() < 0.35,
        employer_first=rng.random() < 0.4,
        job_city=rng.random() < 0.5,
        edu_first=rng.random() < 0.15,
        headline=rng.random() < 0.5,
        footer=rng.random() < 0.5,
        docx_header_contact=fmt == "docx" and layout != "sidebar" and rng.random() < 0.3,
        personal_details=layout == "title_first" and rng.random() < (0.3 if lang == "en" else 0.6),
        headline_large=rng.random() < 0.5,
        variant=rng.randrange(100),
    )
    birth_year = spans[0][0].year - rng.randint(18, 26)
    birth = i18n.birth_date(lang, birth_year, rng.randint(1, 12), rng.randint(1, 28))
    stem = f"gen-{seed}-{index:03d}-{layout}-{lang}"
    return Resume(
        stem=stem,
        seed=seed,
        index=index,
        lang=lang,
        layout=layout,
        fmt=fmt,
        scanned=scanned,
        trade=trade.key,
        name=name,
        headline=headline,
        doc_title=doc_title,
        emails=emails,
        phones=phones,
        location=location,
        links=links,
        summary=summary,
        skills=skills,
        languages=languages,
        interests=interests,
        jobs=jobs,
        education=education,
        headings=headings,
        labels=labels,
        style=style,
        birth_date=birth,
    )


_DASHED = "{d} " + i18n.EN_DASH + " {f}"
DEGREE_LINES: dict[str, tuple[str, ...]] = {
    "en": ("{d} in {f}", "{d}, {f}", _DASHED),
    "de": ("{d} {f}", _DASHED, "{f} ({d})", "{d}: {f}"),
    "fr": ("{d} {f}", _DASHED, "{d}, {f}"),
    "es": ("{d} en {f}", "{d} en {f}", _DASHED, "{d}: {f}"),
}


def _education(
    rng: random.Random, trade: trades.Trade, lang: str, country: str, first_job: Ym, fmt_dates: DateFormat
) -> list[Education]:
    degrees = list(trade.degrees[lang])
    count = 2 if rng.random() < 0.35 and len(degrees) > 1 else 1
    # Newest (most advanced) first: that is the order they are printed and dated in.
    chosen = sorted(rng.sample(degrees, count), key=_degree_rank, reverse=True)
    edu_fmt = fmt_dates if rng.random() < 0.5 else DateFormat(lang, "year", i18n.EN_DASH, fmt_dates.present)
    end = Ym(first_job.year if first_job.month and first_job.month >= 8 else first_job.year - 1, rng.choice((6, 7)))
    entries: list[Education] = []
    for degree, field_name, kind in chosen:
        years = 2 if kind in ("voc", "school") or degree.lower().startswith(("m", "mba")) else rng.choice((3, 4))
        start = Ym(end.year - years, rng.choice((9, 10)))
        study_country = country if rng.random() < 0.85 else rng.choice(("DE", "FR", "ES", "GB", "US"))
        if kind == "school" and study_country != country:
            study_country = country
        institution, city = orgs.make_institution(rng, study_country, kind)
        line = degree if field_name is None else rng.choice(DEGREE_LINES[lang]).format(d=degree, f=field_name)
        printed_start = edu_fmt.precision(start) if rng.random() < 0.8 else None
        printed_end = edu_fmt.precision(end)
        dates = edu_fmt.span(printed_start, printed_end)
        entries.append(Education(institution, degree, field_name, city, printed_start, printed_end, dates, line))
        end = Ym(start.year - rng.choice((0, 1)), rng.choice((6, 7)))
    return entries


_ADVANCED = (
    "M.",
    "MSc",
    "MBA",
    "Master",
    "Máster",
    "Dipl",
    "Diplôme d'ingénieur",
    "Diplôme universitaire",
    "Meister",
    "Fachweiterbildung",
    "Weiterbildung",
    "Experto",
    "PGCE",
    "CAPES",
    "Zweites",
)


def _degree_rank(degree: trades.Degree) -> int:
    name, _, kind = degree
    if name.startswith(_ADVANCED):
        return 2
    return 1 if kind == "univ" else 0


def _languages(rng: random.Random, lang: str, origin: str) -> list[str]:
    names = trades.LANGUAGE_NAMES[lang]
    native_level, levels = trades.LANGUAGE_LEVELS[lang]
    native = trades.NATIVE_LANGUAGE.get(origin, lang)
    others = [code for code in rng.sample(("en", "de", "fr", "es", "it"), 3) if code != native]
    spoken = [native, *others[:2]]
    if lang not in spoken:
        spoken.insert(1, lang)
    out = [f"{names[spoken[0]]} ({native_level})"]
    out += [f"{names[code]} ({rng.choice(levels)})" for code in spoken[1:]]
    return out


# --- Truth -------------------------------------------------------------------------------------


def _month_range(start: Ym, end: Ym | None) -> range:
    first = start.ordinal()
    if end is None:
        last = AS_OF_MONTH.ordinal()
    elif end.month is None:
        last = min(end.year * 12 + 11, AS_OF_MONTH.ordinal())
    else:
        last = end.ordinal()
    return range(first, last + 1)


def total_experience_months(jobs: list[Job]) -> int:
    months: set[int] = set()
    for job in jobs:
        months.update(_month_range(job.start, job.end))
    return len(months)


def truth(resume: Resume, *, file: str, scan: dict[str, Any] | None = None) -> dict[str, Any]:
    source: dict[str, Any] = {
        "generator": GENERATOR,
        "seed": resume.seed,
        "index": resume.index,
        "layout": resume.layout,
        "language": resume.lang,
        "format": "pdf" if scan else resume.fmt,
        "trade": resume.trade,
    }
    if resume.doc_title:
        source["document_title"] = resume.doc_title
    if scan:
        source["scan_of"] = resume.filename
        source["scan"] = scan
    spec = resume.name.spec
    experience = [
        {
            "employer": job.employer,
            "company": job.employer,
            "title": job.title,
            "location": job.city,
            "start_date": job.start.iso(),
            "end_date": "present" if job.end is None else job.end.iso(),
            "current": job.end is None,
        }
        for job in resume.jobs
    ]
    education = [
        {
            "institution": edu.institution,
            "degree": edu.degree,
            "field": edu.field,
            "area": edu.field,
            "location": edu.city,
            "start_date": edu.start.iso() if edu.start else None,
            "end_date": edu.end.iso(),
        }
        for edu in resume.education
    ]
    out: dict[str, Any] = {
        "file": file,
        "source": source,
        "truth_source": "generated",
        "name": resume.name.printed,
        "name_alternates": resume.name.alternates,
        "name_parts": {"given": spec.given, "family": spec.family, "script": spec.script},
        "emails": resume.emails,
        "phones": [p.printed for p in resume.phones],
        "phones_e164": [p.e164 for p in resume.phones],
        "location": resume.location,
        "links": [link.url for link in resume.links],
        "skills": [canonical for canonical, _ in resume.skills],
        "skills_as_printed": dict(resume.skills),
        "languages": resume.languages,
        "education": education,
        "experience": experience,
        "total_experience_months": total_experience_months(resume.jobs),
        "as_of": AS_OF,
        "summary": resume.summary,
        "notes": MONTHS_COUNTED_NOTE,
    }
    return out

"""Reads on candidates: list, search and the detail with what it embeds."""

import calendar
import datetime
import json
import re
from collections.abc import Callable, Collection, Mapping, Sequence
from dataclasses import dataclass, replace
from typing import Any, TypeVar

from django.conf import settings
from django.contrib.postgres.search import SearchQuery
from django.db import connection
from django.db.models import Exists, Model, OuterRef, Q, QuerySet

from apps.applications.models import Application
from apps.candidates.matching import (
    Match,
    Person,
    Thresholds,
    Verdict,
    classify,
    email_keys,
    name_keys,
    name_query_keys,
    phone_keys,
    profile_keys,
    score,
)
from apps.candidates.matching.score import MAX_ORGANIZATIONS, MAX_TEXT
from apps.candidates.models import (
    Candidate,
    DuplicateReview,
    MatchSettings,
    Merge,
    Note,
    Resume,
    RetentionPolicy,
)
from apps.candidates.normalize import normalize_email, normalize_name, normalize_phone
from ats.lookups import AnyOf

# A search's matching ids reach the page as one array (see _matching).
Candidate._meta.pk.register_lookup(AnyOf)

M = TypeVar("M", bound=Model)
MIN_FRAGMENT = 3  # trigram search needs three characters to use its index
FEW_MATCHES_EXPECTED = 10_000  # the planner overestimates rare matches (2,000 for a typo at 1M rows)
FEW_MATCHES = 5_000
PHONE_LIKE = re.compile(r"\+?[\d\s().-]{6,}")


def candidate_list(*, archived: bool = False) -> QuerySet[Candidate]:
    """The candidates in lists and search, or with ``archived`` the archived ones only."""
    candidates = Candidate.objects.defer("summary", "search_vector", "left_reason")
    return candidates.filter(archived_at__isnull=not archived)


def candidate_search(queryset: QuerySet[M], term: str, *, path: str = "") -> QuerySet[M]:
    """The one search over candidates, for the API and the staff console: an
    exact email address or phone number (array indexes), else full text over
    name, skills, emails and resume text, or every word of the term inside the
    accent-free name (trigram index). ``path`` leads from the queryset's model
    to the candidate (``"candidate__"`` for applications)."""
    term = term.strip()[:200]
    if not term:
        return queryset
    if "@" in term:
        email = normalize_email(term) or term.lower()
        return _matching(queryset, path, lambda to: Q(**{f"{to}emails__contains": [email]}))
    if PHONE_LIKE.fullmatch(term):
        phone = normalize_phone(term, settings.PHONE_DEFAULT_REGION)
        if phone is not None:
            return _matching(queryset, path, lambda to: Q(**{f"{to}phones__contains": [phone]}))
    query = SearchQuery(term, config="simple", search_type="websearch")
    words = normalize_name(term).split()
    in_name = bool(words) and all(len(word) >= MIN_FRAGMENT for word in words)

    def condition(to: str) -> Q:
        text = Q(**{f"{to}search_vector": query})
        return text | Q(*[Q(**{f"{to}name_normalized__contains": word}) for word in words]) if in_name else text

    return _matching(queryset, path, condition)


def candidate_with_skills(queryset: QuerySet[Candidate], keys: list[str]) -> QuerySet[Candidate]:
    """Candidates who have every one of the skills (casefolded keys)."""
    return _matching(queryset, "", lambda to: Q(skill_keys__contains=keys))


def _matching(queryset: QuerySet[M], path: str, condition: Callable[[str], Q]) -> QuerySet[M]:
    """Narrow ``queryset`` to candidates meeting ``condition`` (built for a path).

    Pages are sorted newest first, and PostgreSQL serves ``ORDER BY created_at
    LIMIT 26`` by walking the created_at index and testing each row: quick when
    many candidates match, a walk of the whole table when few or none do (the
    planner cannot tell a rare trigram match from a common one in that plan).
    So when the planner expects few matches, their ids are fetched first from
    the GIN indexes and the page is read by primary key; when it expects many,
    the walk soon fills a page. Fetching ids for a common term would cost more
    than the walk (the index hands over every match before the first one)."""
    matches = Candidate.objects.filter(condition(""))
    if _estimated_rows(matches) <= FEW_MATCHES_EXPECTED:
        ids = list(matches.values_list("pk", flat=True)[: FEW_MATCHES + 1])
        if len(ids) <= FEW_MATCHES:
            return queryset.filter(**{f"{path}pk__any": ids})
    return queryset.filter(condition(path))


def _estimated_rows(queryset: QuerySet[Any]) -> int:
    """The planner's estimate of the rows ``queryset`` returns (no execution)."""
    plan = json.loads(queryset.explain(format="json"))
    return int(plan[0]["Plan"]["Plan Rows"])


LIST_COLUMNS = ("id", "full_name", "emails", "phones", "location", "skills", "status", "source", "created_at",
                "updated_at")  # fmt: skip


def candidate_rows(candidates: QuerySet[Candidate]) -> QuerySet[Candidate, dict[str, Any]]:
    """The list's columns as dicts: a list page is read and sent without building
    model instances or serializer fields (several times cheaper per row)."""
    rows: QuerySet[Candidate, dict[str, Any]] = candidates.values(*LIST_COLUMNS)
    return rows


def candidate_row(row: dict[str, Any]) -> dict[str, Any]:
    """One list row in the shape of serializers.CandidateListSerializer."""
    emails, phones = row.pop("emails"), row.pop("phones")
    row["primary_email"] = emails[0] if emails else ""
    row["primary_phone"] = phones[0] if phones else ""
    return row


DETAIL_COLUMNS = (*LIST_COLUMNS, "linkedin_url", "github_url", "website_url", "summary", "left_on", "left_reason",
                  "rehire_eligible", "archived_at", "former_employee_id")  # fmt: skip
FORMER_EMPLOYEE_COLUMNS = ("id", "full_name", "status", "left_on", "left_reason", "rehire_eligible")
RESUME_COLUMNS = ("id", "filename", "content_type", "size", "page_count", "status", "error", "parsed",
                  "parser_version", "ocr_used", "created_at")  # fmt: skip
APPLICATION_COLUMNS = ("id", "job", "stage", "flags", "created_at", "updated_at")


# The detail in one round trip: three statements, no ORM to build and compile
# (at the detail's rate that cost more than the database's answers). The former
# employee is joined: under RLS, like every read, and absent when not visible.
DETAIL_SQL = (
    f"SELECT {', '.join(f'c.{column}' for column in DETAIL_COLUMNS)},"
    f" {', '.join(f'f.{column}' for column in FORMER_EMPLOYEE_COLUMNS)}"
    " FROM candidates_candidate c LEFT JOIN candidates_candidate f ON f.id = c.former_employee_id"
    " WHERE c.id = %(pk)s;\n"
    f"SELECT {', '.join(RESUME_COLUMNS)} FROM candidates_resume"
    " WHERE candidate_id = %(pk)s AND is_current ORDER BY id LIMIT 1;\n"
    "SELECT a.id, a.job_id, a.stage, a.flags, a.created_at, a.updated_at, j.code, j.title"
    " FROM applications_application a JOIN applications_job j ON j.id = a.job_id"
    " WHERE a.candidate_id = %(pk)s ORDER BY a.created_at DESC"
)
APPLICATION_KEYS = (*APPLICATION_COLUMNS, "job_code", "job_title")


def candidate_detail(*, pk: int) -> dict[str, Any] | None:
    """One candidate with the current resume and the applications, in the shape
    of serializers.CandidateDetailSerializer, or None. Read as plain rows: at
    the detail's rate, building model instances and serializer fields cost
    more than the three queries."""
    with connection.cursor() as cursor:
        cursor.execute(DETAIL_SQL, {"pk": pk})
        found = cursor.fetchone()
        cursor.nextset()
        resume = cursor.fetchone()
        cursor.nextset()
        applications = cursor.fetchall()
    if found is None:
        return None
    row = dict(zip(DETAIL_COLUMNS, found, strict=False))
    former = dict(zip(FORMER_EMPLOYEE_COLUMNS, found[len(DETAIL_COLUMNS) :], strict=True))
    emails, phones = row["emails"], row["phones"]
    del row["former_employee_id"]
    detail = {**candidate_row(row), "emails": emails, "phones": phones}
    detail["former_employee"] = former if former["id"] is not None else None
    if resume is not None:
        current = dict(zip(RESUME_COLUMNS, resume, strict=True))
        # jsonb reaches Django as text (its JSONField decodes it): decoded here the same way.
        current["parsed"] = None if current["parsed"] is None else json.loads(current["parsed"])
        detail["current_resume"] = current
    else:
        detail["current_resume"] = None
    detail["applications"] = [dict(zip(APPLICATION_KEYS, application, strict=True)) for application in applications]
    return detail


def candidate_notes(candidate: Candidate) -> QuerySet[Note]:
    return candidate.notes.select_related("author").order_by("-created_at")


# --- Duplicates ----------------------------------------------------------------

# Blocking: at most this many candidates are scored for one person. Strong keys
# (email, phone, profile link) rarely match more than a few; a phonetic name key
# or a trigram lookup of a common name can match hundreds at 1M candidates, so
# those are cut, keeping the most recent (highest ids: the whole block is read
# from the index either way, sorting a few hundred ids is cheap).
# An initial-and-surname key ("J. Smith") is the broadest, so it has its own
# lookup: in one ``= ANY`` with the others its rows would come first and fill the limit.
STRONG_KEY_LIMIT = 50
NAME_KEY_LIMIT = 50
INITIAL_KEY_LIMIT = 30
TYPO_KEY_LIMIT = 30
TRIGRAM_LIMIT = 50
TRIGRAM_THRESHOLD = 0.6  # pg_trgm's % operator: a looser one walks far more of the index
# In the model's field order: Candidate.from_db reads a partial row in that order.
MATCH_COLUMNS = tuple(
    field.attname
    for field in Candidate._meta.concrete_fields
    if field.attname in {"id", "full_name", "emails", "phones", "linkedin_url", "github_url", "location", "status",
                         "rehire_eligible", "archived_at", "left_on", "former_employee_id"}
)  # fmt: skip

# One UNION of index lookups, each with its own limit. A single query with OR
# between them falls back to a sequential scan (measured: 2.2 s at 1M rows).
# ``key = ANY`` is plain text equality, LEAKPROOF, so it uses the b-tree under
# RLS; ``%`` is pg_trgm's similarity_op, marked LEAKPROOF by setup_database.
# Each lookup is a MATERIALIZED CTE, planned for all its rows: planned under
# its LIMIT, the planner expects enough matches early in a sequential scan and
# walks the whole table when there are none.
# The trigram lookup is the last resort: it runs only when no exact, phonetic or
# typo key matched anyone (the condition is a one-time filter: PostgreSQL skips
# the scan). It is the one lookup that grows with the table (1M candidates:
# 7 to 30 ms, against well under 1 ms for each key lookup).
BLOCKING_SQL = """
WITH strong AS MATERIALIZED (
    SELECT candidate_id AS id FROM candidates_candidatekey WHERE key = ANY(%(strong)s)
), names AS MATERIALIZED (
    SELECT candidate_id AS id FROM candidates_candidatekey WHERE key = ANY(%(names)s)
), typos AS MATERIALIZED (
    SELECT candidate_id AS id FROM candidates_candidatekey WHERE key = ANY(%(typos)s)
), initials AS MATERIALIZED (
    SELECT candidate_id AS id FROM candidates_candidatekey WHERE key = ANY(%(initials)s)
), trigram AS MATERIALIZED (
    SELECT id FROM candidates_candidate
    WHERE name_normalized %% %(name)s AND %(name)s <> ''
      AND NOT EXISTS (SELECT FROM strong) AND NOT EXISTS (SELECT FROM names) AND NOT EXISTS (SELECT FROM typos)
)
(SELECT id FROM strong ORDER BY id DESC LIMIT %(strong_limit)s)
UNION (SELECT id FROM names ORDER BY id DESC LIMIT %(name_limit)s)
UNION (SELECT id FROM typos ORDER BY id DESC LIMIT %(typo_limit)s)
UNION (SELECT id FROM initials ORDER BY id DESC LIMIT %(initial_limit)s)
UNION (SELECT id FROM trigram ORDER BY id DESC LIMIT %(trigram_limit)s)
"""


def _organizations_sql(section: str, key: str) -> str:
    """The ``key`` values of the entries in the ``section`` of the current
    resume's parse (alias r), as the pipeline passes a new resume's to the
    matcher: the non-empty strings in the resume's order, as many and as long
    as score() looks at. A section of another shape gives none."""
    return (
        f"ARRAY(SELECT left(entry ->> '{key}', {MAX_TEXT}) FROM jsonb_array_elements("
        f"CASE WHEN jsonb_typeof(r.parsed -> '{section}') = 'array' THEN r.parsed -> '{section}' END)"
        " WITH ORDINALITY AS entries(entry, position)"
        f" WHERE jsonb_typeof(entry -> '{key}') = 'string' AND entry ->> '{key}' <> ''"
        f" ORDER BY position LIMIT {MAX_ORGANIZATIONS})"
    )


# The block's rows, each with the employers and schools of the candidate's
# current resume (at most one: one_current_resume_per_candidate), for scoring
# only. They are picked out of the parse here, so the parse itself never travels.
BLOCK_SQL = (
    f"SELECT {', '.join(f'c.{column}' for column in MATCH_COLUMNS)},"
    f" {_organizations_sql('experience', 'employer')}, {_organizations_sql('education', 'institution')}"
    " FROM candidates_candidate c LEFT JOIN candidates_resume r ON r.candidate_id = c.id AND r.is_current"
    f" WHERE c.id IN ({BLOCKING_SQL})"
)

# The whole match read in one round trip (three statements, one implicit
# transaction): the thresholds, the lookup settings and the erased former
# employee the person's digests name (if any), the block's rows (BLOCK_SQL), and the
# settings back. Both settings are LOCAL, so they never outlive the
# transaction (nor, with the RESETs, the match inside a caller's transaction).
# pg_trgm's operator is costed as cheap as text equality, so on a small tenant
# the planner prefers a sequential scan computing trigrams for every row
# (10,000 candidates: 72 ms, against 0.2 ms on the index): seqscan is off here.
MATCH_SQL = (
    "SELECT set_config('pg_trgm.similarity_threshold', %(threshold)s, true),"
    " set_config('enable_seqscan', 'off', true),"
    " (SELECT same_threshold FROM candidates_matchsettings WHERE id = 1),"
    " (SELECT possible_threshold FROM candidates_matchsettings WHERE id = 1),"
    " (SELECT candidate_id FROM candidates_formeremployeehash WHERE digest = ANY(%(digests)s) ORDER BY id LIMIT 1);\n"
    f"{BLOCK_SQL};\n"
    "RESET enable_seqscan; RESET pg_trgm.similarity_threshold"
)


@dataclass(frozen=True)
class Found:
    """An existing candidate the matcher scored against a person."""

    candidate: Candidate
    match: Match
    outcome: Verdict


def match_thresholds() -> Thresholds:
    """The tenant's thresholds, or the defaults until an hr_admin sets them."""
    row = MatchSettings.objects.filter(pk=1).first() or MatchSettings()
    return Thresholds(same=row.same_threshold, possible=row.possible_threshold)


def person_of(candidate: Candidate) -> Person:
    """The candidate's own fields: what their blocking keys are made of. No
    employers or schools: those are on the current resume, which only the
    scoring of stored candidates reads (scored_person)."""
    return Person(
        full_name=candidate.full_name,
        emails=tuple(candidate.emails),
        phones=tuple(candidate.phones),
        linkedin_url=candidate.linkedin_url,
        github_url=candidate.github_url,
        location=candidate.location,
        employers=(),
        schools=(),
    )


def strong_keys(person: Person) -> list[str]:
    """The exact keys: one of them shared is near-certain evidence."""
    return [
        *(f"e:{key}" for key in email_keys(person.emails)),
        *(f"p:{key}" for key in phone_keys(person.phones)),
        *(f"u:{key}" for key in profile_keys(person.linkedin_url, person.github_url)),
    ]


MAX_TYPO_WORD = 20  # longer words get no typo keys (a word of n letters gives n + 1)


def _deletions(word: str) -> list[str]:
    return [word, *(word[:at] + word[at + 1 :] for at in range(len(word)))] if len(word) <= MAX_TYPO_WORD else [word]


def typo_keys(full_name: str) -> list[str]:
    """Keys that two spellings of a name share when the first or the last word
    differs by one typo (a letter missing, added, changed, or two swapped) and
    the other word is the same: each word with one letter deleted, or none, next
    to the other word as it is (the "deletion neighbourhood" of SymSpell); and
    the first word with each middle word, for a dropped second surname. They
    find "Emre Lindvqist" for "Emre Lindqvist", whose phonetic codes differ, by
    b-tree equality, where a trigram lookup costs tens of milliseconds at 1M rows."""
    words = normalize_name(full_name).split()
    if len(words) < 2:
        return []
    first, last = words[0], words[-1]
    keys = {f"t:{first}|{variant}" for variant in _deletions(last)}
    keys.update(f"t:{variant}|{last}" for variant in _deletions(first))
    # A middle name or first surname as if it were the last word: "María García
    # López" meets "María García" (the phonetic keys pair first and last words only).
    keys.update(f"t:{first}|{word}" for word in words[1:-1][:2])
    return sorted(keys)


def blocking_keys(person: Person) -> list[str]:
    """Every key stored for a candidate (apps.candidates.services keeps them)."""
    return [
        *strong_keys(person),
        *(f"n:{key}" for key in name_keys(person.full_name)),
        *typo_keys(person.full_name),
    ]


def blocking_params(person: Person) -> dict[str, Any]:
    """The parameters of BLOCKING_SQL for ``person``."""
    # A full name looks up "I:" (names written with an initial), a name with an
    # initial "i:" (every name with that initial and surname): name_query_keys.
    names = [f"n:{key}" for key in name_query_keys(person.full_name)]
    initials = [key for key in names if key.startswith(("n:i:", "n:I:"))]
    names = [key for key in names if key not in initials]
    return {
        "strong": strong_keys(person), "strong_limit": STRONG_KEY_LIMIT,
        "names": names, "name_limit": NAME_KEY_LIMIT,
        "typos": typo_keys(person.full_name), "typo_limit": TYPO_KEY_LIMIT,
        "initials": initials, "initial_limit": INITIAL_KEY_LIMIT,
        "name": normalize_name(person.full_name)[:200], "trigram_limit": TRIGRAM_LIMIT,
    }  # fmt: skip


@dataclass(frozen=True)
class History:
    """The employers and schools on a candidate's current resume."""

    employers: tuple[str, ...] = ()
    schools: tuple[str, ...] = ()


NO_HISTORY = History()


@dataclass(frozen=True)
class Block:
    """What one match read found: the tenant's thresholds, the candidates worth
    scoring, the erased former employee whose hashes matched (or None), and the
    employers and schools on the candidates' current resumes, by candidate id
    (only those with any)."""

    thresholds: Thresholds
    candidates: list[Candidate]
    hashed_former_id: int | None
    histories: Mapping[int, History]


def scored_person(candidate: Candidate, history: History) -> Person:
    """A stored candidate as scored: person_of with the employers and schools of
    the current resume, which match_read reads with the block."""
    return replace(person_of(candidate), employers=history.employers, schools=history.schools)


def match_read(person: Person, *, digests: Sequence[str] = ()) -> Block:
    """The thresholds and the candidates worth scoring against ``person``: those
    sharing an exact key or a phonetic name key, or with a similar name (index
    lookups only, each limited; never a scan of the tenant); and the erased
    former employee one of whose exact keys or full name hashes to one of
    ``digests`` (apps.candidates.services.former_employee_digests). The
    employers and schools on the candidates' current resumes come with them,
    in the same query."""
    with connection.cursor() as cursor:
        params = {**blocking_params(person), "threshold": str(TRIGRAM_THRESHOLD), "digests": list(digests)}
        cursor.execute(MATCH_SQL, params)
        _, _, same, possible, hashed_former_id = cursor.fetchone()
        defaults = MatchSettings()
        thresholds = Thresholds(
            same=defaults.same_threshold if same is None else same,
            possible=defaults.possible_threshold if possible is None else possible,
        )
        cursor.nextset()
        candidates, histories = [], {}
        width = len(MATCH_COLUMNS)
        for row in cursor.fetchall():
            candidate = Candidate.from_db(connection.alias, MATCH_COLUMNS, row[:width])
            candidates.append(candidate)
            employers, schools = row[width:]
            if employers or schools:
                histories[candidate.pk] = History(tuple(employers), tuple(schools))
        cursor.nextset()
        cursor.nextset()
    return Block(thresholds, candidates, hashed_former_id, histories)


def duplicate_block(person: Person) -> tuple[Thresholds, list[Candidate]]:
    """The tenant's thresholds and the candidates worth scoring against ``person`` (match_read)."""
    block = match_read(person)
    return block.thresholds, block.candidates


def decided_different(candidate_id: int) -> set[int]:
    """The candidates staff said are not this one."""
    pairs = DuplicateReview.objects.filter(
        Q(candidate_id=candidate_id) | Q(other_id=candidate_id), status=DuplicateReview.Status.DIFFERENT
    ).values_list("candidate_id", "other_id")
    return {other if first == candidate_id else first for first, other in pairs}


def duplicates_of(person: Person, *, exclude: int | None = None) -> list[Found]:
    """The existing candidates that are ``person`` ("same") or may be ("possible"),
    best first, leaving out ``exclude`` and those staff said are different from it.
    Merged candidates have no keys and are never found."""
    return scored(person, match_read(person), exclude=exclude)


def scored(person: Person, block: Block, *, exclude: int | None = None) -> list[Found]:
    """The candidates of ``block`` that are or may be ``person``, as duplicates_of."""
    skip = {exclude, *decided_different(exclude)} if exclude is not None and block.candidates else set()
    found = []
    for candidate in block.candidates:
        if candidate.pk in skip:
            continue
        match = score(person, scored_person(candidate, block.histories.get(candidate.pk, NO_HISTORY)))
        outcome = classify(match, block.thresholds)
        if outcome is not None:
            found.append(Found(candidate, match, outcome))
    found.sort(key=lambda item: (-item.match.score, item.candidate.pk))
    return found


def duplicate_review_list() -> QuerySet[DuplicateReview]:
    return DuplicateReview.objects.select_related("candidate", "other", "decided_by").order_by("-created_at", "-id")


def merge_list() -> QuerySet[Merge]:
    return Merge.objects.select_related("survivor", "merged", "actor", "undone_by").order_by("-created_at", "-id")


# --- Privacy -----------------------------------------------------------------------


def same_person(candidate_id: int) -> list[int]:
    """The candidate and every candidate joined to them by merges not undone, both
    ways and transitively: one person, whose data the merges copied between rows."""
    group = {candidate_id}
    frontier = {candidate_id}
    while frontier:
        pairs = Merge.objects.filter(undone_at__isnull=True).filter(
            Q(survivor_id__in=frontier) | Q(merged_id__in=frontier)
        )
        found = {pk for pair in pairs.values_list("survivor_id", "merged_id") for pk in pair} - group
        group |= found
        frontier = found
    return sorted(group)


def months_before(moment: datetime.datetime, months: int) -> datetime.datetime:
    """The same day and time ``months`` calendar months earlier (the month's last
    day when it is shorter: 31 March - 1 month = 28 or 29 February)."""
    index = moment.year * 12 + moment.month - 1 - months
    year, month = divmod(index, 12)
    day = min(moment.day, calendar.monthrange(year, month + 1)[1])
    return moment.replace(year=year, month=month + 1, day=day)


def retention_policy() -> RetentionPolicy:
    """The tenant's policy, or the defaults while nobody has saved one."""
    return RetentionPolicy.objects.filter(pk=1).first() or RetentionPolicy(pk=1)


def retention_due(
    *,
    policy: RetentionPolicy,
    now: datetime.datetime,
    limit: int,
    exclude: Collection[int] = (),
    only: int | None = None,
    lock: bool = False,
) -> list[int]:
    """Candidates past the policy's limit for their status, oldest first.

    Last activity is the latest of: the candidate's own last change
    (updated_at), the last change of any of their applications (a stage move),
    their latest resume and their latest note. Each is checked against the cutoff
    through an index (candidate_retention on status and updated_at, then per
    candidate the indexes on applications, resumes and notes by candidate).
    Erased candidates are done; a candidate merged into another is left to the
    survivor, who carries their applications, resumes and notes (erasing the
    survivor erases them too). ``lock`` takes the row lock (the re-check before
    an erasure)."""
    due: list[int] = []
    for status, months in sorted(policy.months_by_status().items()):
        if len(due) >= limit:
            break
        cutoff = months_before(now, months)
        candidates = Candidate.objects.filter(status=status, erased_at__isnull=True, updated_at__lt=cutoff).exclude(
            Q(Exists(Application.objects.filter(candidate=OuterRef("pk"), updated_at__gte=cutoff)))
            | Q(Exists(Resume.objects.filter(candidate=OuterRef("pk"), created_at__gte=cutoff)))
            | Q(Exists(Note.objects.filter(candidate=OuterRef("pk"), created_at__gte=cutoff)))
            | Q(Exists(Merge.objects.filter(merged=OuterRef("pk"), undone_at__isnull=True)))
        )
        if only is not None:
            candidates = candidates.filter(pk=only)
        if exclude:
            candidates = candidates.exclude(pk__in=list(exclude))
        if lock:
            candidates = candidates.select_for_update()
        due.extend(candidates.order_by("updated_at", "pk").values_list("pk", flat=True)[: limit - len(due)])
    return due

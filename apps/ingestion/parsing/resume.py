"""parse(): a Document's lines in, a ParsedResume out. Pure, deterministic, never raises."""

import bisect
import datetime
import itertools
import re
from collections import Counter

import phonenumbers

from apps.ingestion.document import Document

from .contact import find_emails, find_links, find_phones, merge_profile_links
from .dates import find_ranges
from .education import parse_education
from .entries import JOINING_WORDS
from .experience import Job, looks_like_education, parse_experience
from .layout import Row, body_size, build_rows
from .lexicon import PARTICLES, company_score, title_score
from .location import find_location, place_of
from .memo import clear_memos
from .name import find_name
from .result import Confidence, EducationEntry, ExperienceEntry, ParsedResume, Source
from .rirekisho import History, read_history
from .sections import Section, heading_kind, split_sections
from .skills import find_skills, skill_category
from .text import fold, is_bullet, is_upper, lowered, strip_bullet, word_set
from .timeline import total_months

_LANGUAGE_WORDS = {
    "de": set(
        [
            "und",
            "der",
            "die",
            "das",
            "mit",
            "für",
            "bei",
            "von",
            "im",
            "ist",
            "ich",
            "zur",
            "zum",
            "als",
            "auf",
            "berufserfahrung",
            "ausbildung",
            "kenntnisse",
        ]
    ),
    "fr": set(
        [
            "et",
            "le",
            "la",
            "les",
            "des",
            "du",
            "pour",
            "avec",
            "dans",
            "une",
            "sur",
            "au",
            "aux",
            "en",
            "expérience",
            "formation",
            "compétences",
        ]
    ),
    "es": set(
        [
            "y",
            "el",
            "la",
            "los",
            "las",
            "del",
            "para",
            "con",
            "en",
            "una",
            "por",
            "experiencia",
            "formación",
            "habilidades",
            "conocimientos",
        ]
    ),
    "en": set(["and", "the", "of", "to", "with", "for", "in", "on", "at", "as", "experience", "education", "skills"]),
    # Afrikaans, Dutch and Italian share "en", "die", "de", "la" with the languages above: their own
    # words keep their resumes from reading as French, German or Spanish (a phone's country).
    "af": set(word_set("en die van vir het nie ek werk ervaring opleiding vaardighede")),
    "nl": set(word_set("en van het de een voor met bij werkervaring opleiding vaardigheden")),
    "it": set(word_set("il di e della delle degli per nel con esperienza competenze istruzione")),
}
_WORD_LANGUAGES: dict[str, tuple[str, ...]] = {}
for _lang, _vocabulary in _LANGUAGE_WORDS.items():
    for _word in _vocabulary:
        _WORD_LANGUAGES[_word] = (*_WORD_LANGUAGES.get(_word, ()), _lang)
_WORD_RE = re.compile(r"[^\W\d_]+")
_LANGUAGE_REGION = {"de": "DE", "fr": "FR", "es": "ES", "af": "ZA", "nl": "NL", "it": "IT"}
# Scripts that one country writes most: its national phone format for numbers printed
# without a country code ("138 1234 5678" beside 陈思远 is Chinese). Kana before Han.
_SCRIPT_RANGES = (
    ("\uac00-\ud7af", "KR"),
    ("\u3040-\u30ff", "JP"),
    ("\u4e00-\u9fff", "CN"),
    ("\u0900-\u097f", "IN"),
    ("\u0e00-\u0e7f", "TH"),
    ("\u0370-\u03ff", "GR"),
    ("\u0590-\u05ff", "IL"),
    ("\u0454\u0456\u0457\u0491", "UA"),  # letters of Ukrainian that Russian lacks
)
_SCRIPT_REGIONS = tuple((re.compile(f"[{letters}]"), region) for letters, region in _SCRIPT_RANGES)
# Any of them: one scan of a text that holds none (accented Latin) instead of five.
_ANY_SCRIPT_RE = re.compile(f"[{''.join(letters for letters, _ in _SCRIPT_RANGES)}]")
# Country domains that sites of every country use ("jane.io", "resume.me"): they name no country.
_GENERIC_DOMAINS = frozenset({"IO", "CO", "ME", "TV", "AI", "LY", "FM", "GG", "TO", "CC", "WS", "SH", "IM", "LA", "NU"})


def _domain_region(emails: list[str]) -> str | None:
    """The country of the first email's country domain ("noa@walla.co.il", "jan@seznam.cz")."""
    if not emails:
        return None
    code = emails[0].rsplit(".", 1)[-1].upper()
    code = "GB" if code == "UK" else code
    return code if code in phonenumbers.SUPPORTED_REGIONS and code not in _GENERIC_DOMAINS else None


def _script_region(text: str) -> str | None:
    if text.isascii() or not _ANY_SCRIPT_RE.search(text):
        return None
    return next((region for pattern, region in _SCRIPT_REGIONS if pattern.search(text)), None)


_CONTACT_KINDS = {"header", "contact"}
_ENTRY_KINDS = {"experience", "education"}
_OTHER_PERSON_RE = re.compile(r"\b(?:supervisor|referee|reference|manager|contact this)\b\s*(?:name)?\s*:", re.I)


def clear_caches() -> None:
    """Forget every memoized answer about strings (dates, places, headings, title
    words; see memo.py): the speed benchmark times a first parse, not a repeat."""
    clear_memos()


def language_of(text: str) -> str:
    """The resume's language by its commonest function words (en when unsure)."""
    counts = dict.fromkeys(_LANGUAGE_WORDS, 0)
    seen = Counter(_WORD_RE.findall(text[:6000].lower()))
    for word, languages in _WORD_LANGUAGES.items():  # the few function words, not the many words seen
        for lang in languages:
            counts[lang] += seen[word]
    best = max(counts, key=lambda k: counts[k])
    return best if counts[best] >= 3 and counts[best] > counts["en"] * 1.2 else "en"


def parse(document: Document, *, today: datetime.date, default_region: str | None = None) -> ParsedResume:
    """The structured resume of one extracted document."""
    result = ParsedResume(ocr_used=document.ocr_used, pages=document.pages)
    if not document.ok:
        result.warnings.append(f"extraction failed: {document.reason or 'unknown'}")
        return result
    try:
        _parse_into(result, document, today=today, default_region=default_region)
    except Exception as error:  # a parser bug must not lose the resume
        fallback = ParsedResume(ocr_used=document.ocr_used, pages=document.pages)
        fallback.warnings.append(f"parser error: {type(error).__name__}")
        return fallback
    return result


def _parse_into(result: ParsedResume, document: Document, *, today: datetime.date, default_region: str | None) -> None:
    rows = build_rows(document)
    result.warnings.extend(document.warnings)
    if not rows:
        result.warnings.append("no text found")
        return
    body = body_size(rows)
    sections = split_sections(rows, body)
    full_text = "\n".join(r.text for r in rows)
    source: Source = "ocr" if document.ocr_used else "text"

    def confidence(name: str, score: float, rows_used: list[Row] | None = None) -> None:
        field_source: Source = source
        if rows_used:
            field_source = "ocr" if any(r.ocr for r in rows_used) else "text"
        penalty = 0.8 if field_source == "ocr" else 1.0
        result.confidence[name] = Confidence(max(0.0, min(1.0, score * penalty)), field_source)

    # A referees' section gives other people's emails and numbers.
    referees = {r.index for s in sections if s.kind == "references" for r in s.rows}
    own_rows = [r for r in rows if r.index not in referees] if referees else rows
    own_text = "\n".join(r.text for r in own_rows) if referees else full_text
    contact_rows = _contact_rows(own_rows, sections)
    contact_text = "\n".join(r.text for r in contact_rows)

    result.emails = find_emails(own_text)
    confidence("emails", 0.98 if result.emails else 0.5)

    header_rows = [r for s in sections if s.kind in _CONTACT_KINDS for r in s.rows[:40]]
    # A town in a job's or a school's rows is the employer's or the school's (a contact
    # block beside the section, in a column of its own, or a footer's contact line with an
    # email address, is still the candidate's).
    entry_rows = {
        r.index
        for s in sections
        if s.kind in _ENTRY_KINDS and s.heading is not None
        for r in s.rows
        if r.column == s.heading.column and "@" not in r.text
    }
    place = find_location([r.text for r in header_rows], [r.text for r in contact_rows if r.index not in entry_rows])
    result.location = place.text if place else None
    confidence("location", 0.8 if place else 0.3)

    language = language_of(full_text)
    regions = [
        r
        for r in (
            place.country if place else None,
            _domain_region(result.emails),
            _LANGUAGE_REGION.get(language),
            _script_region(full_text),
            default_region,
        )
        if r
    ]
    if not regions or (language == "en" and "US" not in regions and not default_region):
        regions.append("US")  # the commonest national format among English resumes
    labelled = "\n".join(r.text for r in _rows_with_phone_label(own_rows, own_text))
    result.phones = find_phones(contact_text + "\n" + labelled, _dedupe(regions))
    confidence("phones", 0.9 if any(p for p in result.phones) else 0.5)

    in_contact = {r.index for s in sections if s.kind in _CONTACT_KINDS for r in s.rows}
    entry_text = "\n".join(r.text for r in contact_rows if r.index not in in_contact)
    block_text = "\n".join(r.text for r in contact_rows if r.index in in_contact)
    found_links = find_links(block_text + "\n" + _links_text(sections), result.emails)
    found_links += [link for link in find_links(entry_text, result.emails, bare_hosts=False) if link not in found_links]
    result.links = merge_profile_links(found_links, document.links)
    confidence("links", 0.9 if result.links else 0.5)

    header_end = next((s.heading.index for s in sections if s.heading is not None), len(rows))
    guess = find_name(rows, header_end=header_end, emails=result.emails)
    result.name = guess.name if guess else None
    name_row = None
    if guess is not None:
        first_word = guess.name.split()[0].lower()
        name_row = next((r for r in rows[:40] if first_word in r.text.lower()), None)
    confidence("name", min(1.0, guess.score / 7.0) if guess else 0.0, [name_row] if name_row else None)
    if result.name is None and result.emails and (from_email := _name_in_email(result.emails[0])):
        result.name = from_email
        confidence("name", 0.3)

    result.summary = _summary(sections)
    confidence("summary", 0.8 if result.summary else 0.3)

    result.skills = _skills(sections, full_text)
    confidence("skills", 0.8 if result.skills else 0.3)

    jobs: list[Job] = []
    schools_rows: list[Row] = []
    for section in sections:
        if section.kind == "experience":
            found = parse_experience(section.rows)
            jobs.extend(j for j in found if not looks_like_education(j))
        elif section.kind == "education":
            schools_rows.extend(section.rows)
    if not any(s.kind == "experience" for s in sections):
        jobs = _unheaded_jobs(sections)
    # A Japanese rirekisho's history table (学歴 and 職歴, one event a row) names no sections.
    history = read_history(rows) if "歴" in full_text else History([], [], set())
    if history.rows:
        jobs = [j for j in jobs if history.rows.isdisjoint(j.rows)]
        schools_rows = [r for r in schools_rows if r.index not in history.rows]
    jobs = _dedupe_jobs(jobs + history.jobs)
    result.experience = [
        ExperienceEntry(
            employer=_tidy(j.employer),
            title=_tidy(j.title),
            start=j.start.iso() if j.start else None,
            end=None if j.current else (j.end.iso() if j.end else None),
            current=j.current,
        )
        for j in jobs
    ]
    complete = sum(1 for j in jobs if j.employer and j.title)
    confidence("experience", 0.3 + 0.6 * complete / len(jobs) if jobs else 0.3)
    result.total_experience_months = total_months([(j.start, j.end, j.current) for j in jobs], today=today)
    confidence("total_experience_months", 0.8 if jobs else 0.3)

    schools = parse_education(schools_rows) + history.schools
    result.education = []
    for school in schools:
        start, end = school.start_end()
        result.education.append(
            EducationEntry(
                institution=_tidy(school.institution),
                degree=school.degree,
                field=school.field,
                start=start.iso() if start else None,
                end=end.iso() if end else None,
            )
        )
    confidence("education", 0.8 if schools else 0.3)

    if result.name is None:
        result.warnings.append("no name found")
    if not result.emails:
        result.warnings.append("no email found")
    if not any(s.kind == "experience" for s in sections):
        result.warnings.append("no experience section found")
    if document.ocr_used:
        result.warnings.append("ocr used: lower confidence")


# The lookahead names the letters a label can start with: a position that holds none of
# them fails at once instead of trying every word (about 2.5 times faster, same matches).
_PHONE_LABEL_PATTERN = (
    r"\b(?=[ptmch])(?:phone|tel|mobile|cell|telefon|handy|t[ée]l[ée]phone|portable|m[óo]vil|celular)\b"
)
_PHONE_LABEL_RE = re.compile(_PHONE_LABEL_PATTERN, re.I)
_PHONE_LABEL_LOWER_RE = re.compile(_PHONE_LABEL_PATTERN)  # for lowered() text


def _rows_with_phone_label(rows: list[Row], full_text: str) -> list[Row]:
    """The rows a phone label is printed in, from one scan of ``full_text`` (the rows'
    texts joined by line breaks)."""
    ends = list(itertools.accumulate(len(r.text) + 1 for r in rows))
    lower = lowered(full_text)
    labels = _PHONE_LABEL_LOWER_RE.finditer(lower) if lower is not None else _PHONE_LABEL_RE.finditer(full_text)
    found: list[Row] = []
    for match in labels:
        row = rows[bisect.bisect_right(ends, match.start())]
        if not found or found[-1] is not row:
            found.append(row)
    return found


_EMAIL_NAME_RE = re.compile(r"^([a-z]{2,})[._]([a-z]{2,})$")


def _name_in_email(email: str) -> str | None:
    """ "jane.doe@example.com" -> "Jane Doe": the name of a resume that prints none."""
    match = _EMAIL_NAME_RE.match(email.split("@", 1)[0])
    return f"{match.group(1).capitalize()} {match.group(2).capitalize()}" if match else None


def _dedupe(items: list[str]) -> list[str]:
    return list(dict.fromkeys(items))


def _contact_rows(rows: list[Row], sections: list[Section]) -> list[Row]:
    """The header block, any contact section, the first rows of page one and any row
    with an email address (a footer's contact line) but those that give another
    person's details (a supervisor's, a referee's)."""
    chosen: dict[int, Row] = {}
    for section in sections:
        if section.kind in _CONTACT_KINDS:
            for r in section.rows[:40]:
                chosen[r.index] = r
    for n, r in enumerate(rows):
        if (n < 25 or "@" in r.text) and (":" not in r.text or not _OTHER_PERSON_RE.search(r.text)):
            chosen[r.index] = r
    return [chosen[i] for i in sorted(chosen)]


def _links_text(sections: list[Section]) -> str:
    return "\n".join(
        r.text for s in sections if s.title and fold(s.title).startswith(("links", "social")) for r in s.rows
    )


def _summary(sections: list[Section]) -> str | None:
    for section in sections:
        if section.kind == "summary":
            text = " ".join(strip_bullet(r.text) for r in section.rows if r.text)
            text = re.sub(r"-\s+(?=[a-z])", "", text) if "- " in text else text
            text = re.sub(r"\s+", " ", text).strip()
            if text:
                return text[:2000]
    return None


def _skills(sections: list[Section], full_text: str) -> list[str]:
    """The skills the resume lists as skills: the taxonomy's names, then the list's items
    it does not know, as printed. The whole text is scanned only when
    no skills section yields any: prose names tools the person merely worked near
    (a company's product, a colleague's stack), which a list would not claim."""
    found: list[str] = []
    for section in sections:
        if section.kind == "skills":
            for kind, group in itertools.groupby(section.rows, key=_row_label_kind):
                if kind in _NOT_SKILLS and kind != "languages":
                    continue
                rows = list(group)
                skills = find_skills("\n".join(r.text for r in rows), in_skills_section=True)
                # "Languages: Java, Python, SQL" among technical skills names programming
                # languages; "Languages: English, German" names none.
                found.extend(s for s in skills if kind != "languages" or skill_category(s) != "language")
                if kind in (None, "skills"):
                    # Not from OCR: a misread word ("Power Bl") or a heading lost on a
                    # faint scan would make up skills.
                    found.extend(_listed_unknown([r for r in rows if not r.ocr]))
    if found:
        return _dedupe(found)
    # Scanned whole, the text names the languages spoken (a "Languages" section, "fluent in
    # Spanish"), which a skills list would have named as such.
    return [skill for skill in find_skills(full_text) if skill_category(skill) != "language"]


def _listed_unknown(rows: list[Row]) -> list[str]:
    """The items of a skills list that the taxonomy does not know ("Dry needling",
    "Soins de réanimation"): short pieces cut at commas, bullets and bars, a row
    wrapped into the next joined first; never running text."""
    lines: list[str] = []
    bulleted = False  # the row above was a list item with its bullet
    gaps = [b.y - a.y for a, b in itertools.pairwise(rows) if a.page == b.page and b.y > a.y > 0]
    pitch = sorted(gaps)[len(gaps) // 2] if gaps else 0.0
    for above, row in zip([None, *rows], rows, strict=False):
        bullet = is_bullet(row.text)
        text = strip_bullet(row.text) if bullet else row.text
        label, colon, rest = text.partition(":")
        if colon and len(label) <= 30:
            text = rest  # "Tools: Cliniko, Pilates"
        # Closer to the row above than the list's rows are to each other: "Lesen technischer" / "Zeichnungen".
        close = above is not None and above.page == row.page and 0 < row.y - above.y < 0.9 * pitch
        if lines and not bullet and not colon and (bulleted or close or _wrapped(lines[-1], text)):
            # "Conduite de chariots" / "élévateurs", "• Vorbeugende" / "Instandhaltung"
            glue = "" if lines[-1].endswith("-") else " "
            lines[-1] = f"{lines[-1]}{glue}{text}"
        else:
            lines.append(text)
            bulleted = bullet
    items = []
    for text in lines:
        if text.rstrip().endswith(".") and len(text.split()) > 8:
            continue  # a sentence
        for piece in _split_items(text):
            piece = piece.strip(" .")
            words = piece.split()
            if (
                1 <= len(words) <= 4
                and len(piece) <= 40
                and piece[:1].isalpha()
                and fold(words[-1]) not in JOINING_WORDS
                and not find_skills(piece, in_skills_section=True)
            ):
                items.append(piece)
    return items


def _wrapped(above: str, text: str) -> bool:
    """The row goes on with the last item of the row above: it starts in lower case, or
    the row above is a list cut short of its separator ("..., Natural" / "Language Processing")."""
    end = above.rstrip()[-1:]
    return text[:1].islower() or end in ",;&" or (any(c in above for c in ",;|") and end not in _ITEM_SEPARATORS)


_ITEM_SEPARATORS = ",;|\u2022\u00b7\u25aa\u25cf"


def _split_items(text: str) -> list[str]:
    """Pieces between separators outside brackets ("MS Office (Word, Excel), Cliniko")."""
    pieces, depth, start = [], 0, 0
    for i, char in enumerate(text):
        if char in "([":
            depth += 1
        elif char in ")]":
            depth = max(0, depth - 1)
        elif depth == 0 and char in _ITEM_SEPARATORS:
            pieces.append(text[start:i])
            start = i + 1
    pieces.append(text[start:])
    return pieces


# Rows of a skills section labelled as another section ("Sprachen | Deutsch, Türkisch",
# "Hobbies: chess", "Driving licence | B, C"): the languages spoken, the pastimes and the
# rest are not skills (a "Languages" row keeps its programming languages).
_NOT_SKILLS = {"languages", "interests", "other"}


def _row_label_kind(row: Row) -> str | None:
    if len(row.parts) > 1:
        return heading_kind(row.parts[0])
    label, colon, value = row.text.partition(":")
    if not colon or len(label) > 40:
        return None
    # "French: A2", "German: fluent": a language and its level, under "Other language(s)".
    return heading_kind(label) or ("languages" if _LEVEL_RE.match(value) else None)


_LEVEL_RE = re.compile(r"\s*(?:[ABC][12]\b|native|fluent|basic|intermediate|advanced|beginner|conversational)", re.I)


def _unheaded_jobs(sections: list[Section]) -> list[Job]:
    """Jobs under a heading the parser does not know ("Where I've worked", or any heading of a
    language it has no words for): the dated entries of sections whose heading names nothing
    and of the header below its contact rows, when at least two read as jobs."""
    jobs: list[Job] = []
    for section in sections:
        if section.kind == "header":
            rows = _below_contacts(section.rows)
        elif section.kind == "other" and heading_kind(section.title) is None:
            rows = section.rows
        else:
            continue
        found = [j for j in parse_experience(rows) if j.start and j.title and not looks_like_education(j)]
        if len(found) >= 2 and any(title_score(j.title) or company_score(j.employer) for j in found):
            jobs.extend(found)
    return jobs


_ONLINE_RE = re.compile(r"@|https?:|www\.|linkedin|github", re.I)
_NUMBER_RE = re.compile(r"\d[\d ().-]{6,}\d")


def _is_contact(text: str) -> bool:
    if _ONLINE_RE.search(text) or place_of(text):
        return True
    return _NUMBER_RE.search(text) is not None and not find_ranges(text)  # a phone, not "2012 - 2018"


def _below_contacts(rows: list[Row]) -> list[Row]:
    """The header's rows after its last contact row above the first date, without the unknown
    heading right there, up to the next row set in that heading's type (the next section's)."""
    dated = next((n for n, r in enumerate(rows) if find_ranges(r.text)), len(rows))
    last = max((n for n, r in enumerate(rows[:dated]) if _is_contact(r.text)), default=-1)
    below = rows[last + 1 :]
    if not below or find_ranges(below[0].text) or title_score(below[0].text) or company_score(below[0].text):
        return below
    heading, below = below[0], below[1:]
    if heading.size <= 0:
        return below  # no type to tell the next heading by (plain text)
    end = next((n for n, r in enumerate(below) if (r.size, r.bold) == (heading.size, heading.bold)), len(below))
    return below[:end]


def _dedupe_jobs(jobs: list[Job]) -> list[Job]:
    seen: set[tuple[str, str, object]] = set()
    out = []
    for job in jobs:
        key = (fold(job.employer), fold(job.title), job.start)
        if key not in seen:
            seen.add(key)
            out.append(job)
    return out


_EAST_ASIAN_RE = re.compile("[\u3040-\u30ff\u4e00-\u9fff\uac00-\ud7af]")
# USAJOBS prints this after the title of every federal position.
_FEDERAL_RE = re.compile(r"\s*\(this is a federal job\)", re.I)


def _tidy(text: str) -> str:
    """Title-case an all-capitals phrase ("SOFTWARE ENGINEER"); keep acronyms ("IBM")."""
    text = _FEDERAL_RE.sub("", text).strip(" ,;:-|") if "(" in text else text.strip(" ,;:-|")
    if not is_upper(text) or (len(text) <= 5 and " " not in text) or _EAST_ASIAN_RE.search(text):
        return text  # "ITサポート": capitals beside letters that have no case
    return " ".join(_tidy_word(w, first=n == 0) for n, w in enumerate(text.split()))


# Short words that join a title's or a name's words: lower-case, not acronyms ("JEFE DE OBRA").
_JOINING = PARTICLES | frozenset(["and", "the", "for", "of", "in", "at", "to", "en", "et", "und", "e", "au", "à"])


_VOWELS_RE = re.compile("[AEIOUYÀ-ÖØ-Ýaeiouyà-öø-ý]")


def _tidy_word(word: str, *, first: bool) -> str:
    bare = word.strip("()[],")
    if bare.lower() in _JOINING:
        return word.replace(bare, bare.capitalize() if first else bare.lower(), 1)
    if bare.isalpha() and (len(bare) <= 3 or (len(bare) <= 5 and bare != word) or not _VOWELS_RE.search(bare)):
        return word  # an acronym: "IBM", "(OXXO)", "KPMG", "HSBC"
    return word.replace(bare, bare.capitalize(), 1) if bare else word

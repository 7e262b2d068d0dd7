"""Emails, phone numbers (E.164) and profile links."""

import re

import phonenumbers

from apps.candidates.normalize import normalize_url

from .dates import find_ranges
from .lexicon import DEGREE_SHORT_RE
from .text import lowered, word_set

_EMAIL_RE = re.compile(r"(?<![\w.+-])([\w.+-]+(?:\.[\w+-]+)*@(?:[A-Za-z0-9-]+\.)+[A-Za-z]{2,24})(?![\w-])", re.UNICODE)

# A phone candidate: an optional +, then digits with the separators people print
# ("(555) 222-3333", "+49 30 1234567", "607.379.5733", "+1-(234)-555-1234").
# Lookaheads naming the characters a match can start with, here and below: a position
# holding none of them fails at once instead of trying the whole pattern (same matches).
# "30309 - 404-555-0171", "0812-3456-7890 / 031-5551234": a postcode and a number, or two
# numbers, set apart by a spaced slash or dash (extraction prints every dash as "-").
_SPACED_SEPARATOR_RE = re.compile(r"(?<=\d) [/-] (?=[+(\d])")
_COUNTRY_CODE_RE = re.compile(r"(?<![\w+])(?:\+|00)\s?([1-9]\d{0,2})[\s(.-]")
# After a label's colon ("Phone:555-222-3333", "電話:070-5521-9038"), not a time's or a link's ("10:30", "s://").
_PHONE_RE = re.compile(r"(?=[+(\d])(?<![\w@/.#=-])(?<![\d/]:)(\+ ?|00)?\(?\+?\d[\d \t().\-/]{5,22}\d(?![\w@])")
# Not after a dot: "budi@example.co.id" ends in "id" too.
_NOT_PHONE_CONTEXT_RE = re.compile(
    r"(?<!\.)\b(?:isbn|issn|doi|id|no\.?|nr\.?|zip|plz|postal|code|gpa|patent|iban|bic|swift|ref|version|v\d|"
    r"box|postfach|apartado|casilla)\W*$",  # "P.O. Box 4521-00100"
    re.I,
)
_PHONE_LABEL_RE = re.compile(
    r"(?:phone|tel|t[ée]l[ée]?phone|tel[ée]fono|mobile?|cell|handy|fon|telefon|movil|móvil|m[óo]vil|celular|portable|"
    r"tél|tlf|whatsapp|mob|ph)\W{0,4}$",
    re.I,
)


_WRAPPED_RE = re.compile(
    r"(?<=https://)\s*\n\s*(?=\S)|(?<=http://)\s*\n\s*(?=\S)"
    r"|(?<=[a-z]\.[a-z]{2}/)\s*\n\s*(?=[\w-])|(?<=[a-z]\.[a-z]{3}/)\s*\n\s*(?=[\w-])"
    r"|(?<=/in/)\s*\n\s*(?=[\w-])|(?<=[\w/]-)\s*\n\s*(?=[a-z0-9][\w.-]*[/,]?(?:@|\s|$))",
    re.I,
)


# Every wrap _WRAPPED_RE joins follows a "/" or a "-" at the end of a line: the
# pattern is tried only there (tried at every position it cost a millisecond a resume).
_WRAP_SPOT_RE = re.compile(r"[/-](?=[^\S\n]*\n)")


def unwrap(text: str) -> str:
    """Join an address or a link that a narrow column wrapped onto the next line
    ("https://linkedin.com/in/" / "jdoe", "soeren-" / "mueller@example.org")."""
    if "\n" not in text:
        return text
    pieces: list[str] = []
    last = 0
    for spot in _WRAP_SPOT_RE.finditer(text):
        at = spot.end()
        if at < last:
            continue
        wrapped = _WRAPPED_RE.match(text, at)
        if wrapped is not None:
            pieces.append(text[last:at])
            last = wrapped.end()
    if not pieces:
        return text
    pieces.append(text[last:])
    return "".join(pieces)


def _lines_with(text: str, mark: str) -> str:
    """Only the lines holding ``mark``: the patterns here never span lines, and scanning a
    whole resume for them costs more than the rest of contact parsing."""
    return "\n".join(line for line in text.split("\n") if mark in line)


def find_emails(text: str) -> list[str]:
    text = _lines_with(unwrap(text), "@")
    found: list[str] = []
    for match in _EMAIL_RE.finditer(text):
        email = match.group(1).strip(".").lower()
        if email.startswith("mailto:"):
            email = email[7:]
        local, _, domain = email.rpartition("@")
        if not local or ".." in email or domain.endswith((".png", ".jpg", ".gif")):
            continue
        if email not in found:
            found.append(email)
    return found


def _looks_like_date_or_range(raw: str) -> bool:
    digits = re.sub(r"\D", "", raw)
    if re.fullmatch(r"\s*\d{4}\s*[-/.\u2013]\s*\d{2,4}\s*", raw):
        return True  # 2015-2018, 2017-03, 2019/20
    if re.fullmatch(r"\s*\d{1,2}\s*[/.]\s*\d{4}(\s*[-\u2013]\s*\d{1,2}\s*[/.]\s*\d{4})?\s*", raw):
        return True  # 03/2017, 03/2017 - 11/2019
    if re.fullmatch(r"\s*\d{1,2}[./]\d{1,2}[./]\d{2,4}\s*", raw):
        return True  # 01.03.2018
    ranges = find_ranges(raw)
    if ranges and len(digits) <= 12:
        covered = sum(r.stop - r.begin for r in ranges)
        if covered >= len(raw.strip()) - 3:
            return True
    return False


def find_phones(text: str, regions: list[str]) -> list[str]:
    """Phone numbers in E.164. ``regions`` are tried in order for numbers
    printed without a country code; the first under which the number is
    possible wins."""
    found: list[str] = []
    text = _SPACED_SEPARATOR_RE.sub(" \n ", text)
    # A number printed with its country code tells the country of those printed without one
    # ("+61 8 9555 0147 | 0438 555 019"), after the place's.
    coded = [region for region in _coded_regions(text) if region not in regions]
    if coded:
        regions = [*regions[:1], *coded, *regions[1:]]
    for match in _PHONE_RE.finditer(text):
        e164 = _phone(match.group(0).strip(), text, match, regions)
        if e164 is not None and e164 not in found:
            found.append(e164)
    return found


def _coded_regions(text: str) -> list[str]:
    regions: list[str] = []
    if "+" not in text and "00" not in text:
        return regions
    for match in _COUNTRY_CODE_RE.finditer(text):
        region = phonenumbers.region_code_for_country_code(int(match.group(1)))
        if region != "ZZ" and region not in regions:
            regions.append(region)
    return regions


def _phone(raw: str, text: str, match: "re.Match[str]", regions: list[str]) -> str | None:
    """The number in E.164, or None when the run of digits is not a phone number."""
    digits = re.sub(r"\D", "", raw)
    if not 7 <= len(digits) <= 15:
        return None
    before = text[max(0, match.start() - 12) : match.start()]
    if not _PHONE_LABEL_RE.search(before):
        if _NOT_PHONE_CONTEXT_RE.search(before) or _looks_like_date_or_range(raw):
            return None
        # A bare run of digits with no separator is an id more often than a phone,
        # unless it has a country code.
        if raw.isdigit() and not raw.startswith("0") and len(raw) not in (10, 11):
            return None
    if re.match(r"[-.\s]?\d*[xX*]{2,}", text[match.end() : match.end() + 8]):
        return None  # "131-221-87xxx": a placeholder, not a number
    number = _parse(raw, regions)
    return None if number is None else phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)


def _parse(raw: str, regions: list[str]) -> phonenumbers.PhoneNumber | None:
    """The number under the first region where it is valid, else the first
    where it is at least possible (placeholders like 555 numbers are printed as
    real ones and a recruiter still wants them)."""
    cleaned = raw.replace("(+", "+").replace("+ ", "+")
    if cleaned.startswith("00"):
        cleaned = "+" + cleaned[2:]
    possible: phonenumbers.PhoneNumber | None = None
    tried = [None] if "+" in cleaned else regions
    for n, region in enumerate(tried):
        try:
            number = phonenumbers.parse(cleaned, region)
        except phonenumbers.NumberParseException:
            continue
        if possible is None and n == len(tried) - 1 and _kept_unverified(number):
            return number  # the last region: valid or not, this number is the answer
        if phonenumbers.is_valid_number(number):
            return number
        if possible is None and _kept_unverified(number):
            possible = number
    return possible


def _kept_unverified(number: phonenumbers.PhoneNumber) -> bool:
    """Short numbers are possible in many plans; only full-length ones are kept unverified
    (checking validity costs more than parsing)."""
    return len(str(number.national_number)) >= 9 and phonenumbers.is_possible_number(number)


_URL_RE = re.compile(
    r"(?<![@\w.])((?:https?://)?(?:www\.)?(?:[a-z0-9-]+\.)+(?:com|org|net|io|dev|me|ai|co|de|fr|es|uk|in|info|app|"
    r"tech|xyz|page|site|online|eu|ch|at|nl|be|it|us|ca|ly|gl|so|sh|to|cc|pro|blog|cloud|codes|design|"
    # Country domains: the national sites of people and consultancies ("tammconsulting.ee").
    r"se|no|dk|fi|is|ee|lv|lt|pl|cz|sk|hu|ro|bg|gr|hr|rs|si|ru|ua|tr|il|ir|pt|ie|br|mx|ar|cl|pe|za|ng|ke|gh|eg|"
    r"ma|ae|sa|qa|pk|bd|lk|np|th|ph|my|sg|id|vn|jp|kr|cn|tw|hk|au|nz)"
    r"(?:/[^\s|,;()<>\"'\u00b7\u2022]*)?)(?![\w@])",
    re.I,
)
_PROFILE_PATTERN = (
    r"(?=[lgtxsmbdko])(?:linkedin|github|gitlab|twitter|x|stackoverflow|medium|behance|dribbble|kaggle|xing|orcid)\s*(?::|//|:/)+\s*"
    # Not a word of running text: "Kaggle: top 5% in House Prices" names no profile.
    r"(?:/?in/|@)?([\w.-]{2,})(?![\w.-])(?!\s+(?:\d|[a-z]+\s))"
)
_PROFILE_RE = re.compile(_PROFILE_PATTERN, re.I)
_PROFILE_LOWER_RE = re.compile(_PROFILE_PATTERN)  # for lowered() text
_BARE_PROFILE_RE = re.compile(r"(?=[ip])(?<![\w./])(in|pub)/([\w-]{3,})/?(?![\w/])")
_HOSTS = {
    "linkedin": "linkedin.com/in/",
    "github": "github.com/",
    "gitlab": "gitlab.com/",
    "twitter": "twitter.com/",
    "x": "x.com/",
    "stackoverflow": "stackoverflow.com/users/",
    "medium": "medium.com/@",
    "behance": "behance.net/",
    "dribbble": "dribbble.com/",
    "kaggle": "kaggle.com/",
    "xing": "xing.com/profile/",
    "orcid": "orcid.org/",
}


# A person's profile, not a repository, a post or a company page.
_PROFILE_LINK_RE = re.compile(
    r"^https://(?:linkedin\.com/in/[^/]+|(?:github|gitlab|twitter|x|kaggle|dribbble|leetcode)\.com/[^/]+|"
    r"stackoverflow\.com/users/\d+(?:/[^/]+)?|medium\.com/@[^/]+|behance\.net/[^/]+|xing\.com/profile/[^/]+|"
    r"orcid\.org/[^/]+)$",
    re.I,
)


def merge_profile_links(found: list[str], annotations: list[str]) -> list[str]:
    """The links read in the text, plus the profiles the file links to behind an icon or
    a handle ("in", "OmkarPathak"). Only profiles: a resume links its projects, papers and
    employers too. A profile read from the text that the link shows cut short (a handle
    split by letter-spacing: "github.com/posq") gives way to the link."""
    profiles = [link for link in map(normalize_link, annotations) if link and _PROFILE_LINK_RE.match(link)]
    if not profiles:
        return found
    kept = [link for link in found if not any(p != link and p.lower().startswith(link.lower()) for p in profiles)]
    folded = {link.lower() for link in kept}
    for profile in profiles:
        if profile.lower() not in folded:
            folded.add(profile.lower())
            kept.append(profile)
    return kept


def normalize_link(url: str) -> str | None:
    """A link as found in running text (trailing punctuation dropped), in the
    form candidates store links in."""
    return normalize_url(url.strip().strip(".,;:)"))


# Hosts of mail services: a domain of one of these is never the person's site. The domain
# of any other address printed on its own is (sourabh@sourabhbajaj.com, sourabhbajaj.com).
_MAIL_PROVIDERS = word_set(
    "gmail.com googlemail.com outlook.com hotmail.com live.com msn.com yahoo.com ymail.com icloud.com me.com "
    "aol.com proton.me protonmail.com gmx.de gmx.net gmx.com web.de t-online.de freenet.de posteo.de mail.de "
    "orange.fr wanadoo.fr free.fr laposte.net sfr.fr yahoo.fr hotmail.fr yahoo.es hotmail.es telefonica.net "
    "yandex.ru mail.ru qq.com 163.com 126.com zoho.com fastmail.com"
)


_PROFILE_HOSTS = ("linkedin.com", "github.com", "gitlab.com")


def _misread_host(host: str) -> str | None:
    """ "finkedin.com": a profile host with one letter misread by OCR."""
    for known in _PROFILE_HOSTS:
        if len(host) == len(known) and sum(a != b for a, b in zip(host, known, strict=True)) == 1:
            return known
    return None


def find_links(text: str, emails: list[str], *, bare_hosts: bool = True) -> list[str]:
    """Profile and site links. ``bare_hosts=False`` for text outside the contact block: there
    a host printed alone ("Booking.com", "Ctrip.com International") names an employer."""
    text = unwrap(text)
    found: list[str] = []

    def add(url: str) -> None:
        link = normalize_link(url)
        if link is not None and link not in found:
            found.append(link)

    for match in _URL_RE.finditer(_lines_with(text, ".")):
        url = match.group(1)
        bare = re.sub(r"^(?:https?://)?(?:www\.)?", "", url, flags=re.I).lower()
        printed_bare = not url.lower().startswith(("http", "www"))
        if printed_bare and not bare_hosts and "/" not in bare:
            continue
        if printed_bare and bare in _MAIL_PROVIDERS:
            continue  # "gmail.com" printed apart from the address: a mail service, not a site
        if printed_bare and "/" not in bare and DEGREE_SHORT_RE.fullmatch(url):
            continue  # "B.Tech", "B.Com": a degree, not a site
        if re.fullmatch(r"[\w-]+\.(?:js|net|io)", bare) and not url.lower().startswith(("http", "www")):
            continue  # Node.js, ASP.NET: technologies, not sites
        host = bare.split("/")[0]
        if "/" in bare and host not in _PROFILE_HOSTS:
            known = _misread_host(host)
            if known is not None:
                url, host = known + bare[len(host) :], known
        if host in {"linkedin.com", "github.com", "gitlab.com", "twitter.com", "x.com"} and "/" not in bare:
            continue  # a bare host is a label, not a profile
        add(url)
    lower = lowered(text)
    profiles = _PROFILE_LOWER_RE.finditer(lower) if lower is not None else _PROFILE_RE.finditer(text)
    for match in profiles:
        site = match.group(0).split(":")[0].split("/")[0].strip().lower()
        handle = text[match.start(1) : match.end(1)].strip(".")  # as printed
        if site in _HOSTS and handle.lower() not in {"in", "www", "http", "https", "com"}:
            if "." in handle and site != "x":
                continue  # "GitHub: github.com/x" is read by the URL pattern
            add(_HOSTS[site] + handle)
    for match in _BARE_PROFILE_RE.finditer(text):
        add("linkedin.com/" + match.group(1) + "/" + match.group(2))
    return found

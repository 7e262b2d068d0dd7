"""The structured resume that parsing returns, and its JSON form."""

from dataclasses import dataclass, field
from typing import Any, Literal

PARSER_VERSION = "2026.11.1"

Source = Literal["text", "ocr"]
FIELDS = (
    "name",
    "emails",
    "phones",
    "links",
    "location",
    "summary",
    "skills",
    "education",
    "experience",
    "total_experience_months",
)
JSON_KEYS = (
    *FIELDS,
    "confidence",
    "ocr_used",
    "pages",
    "warnings",
    "parser_version",
)


@dataclass(frozen=True, slots=True)
class Confidence:
    score: float  # 0..1
    source: Source


@dataclass(frozen=True, slots=True)
class EducationEntry:
    institution: str
    degree: str
    field: str
    start: str | None  # "YYYY-MM" or "YYYY"
    end: str | None


@dataclass(frozen=True, slots=True)
class ExperienceEntry:
    employer: str
    title: str
    start: str | None
    end: str | None  # None while current
    current: bool


@dataclass(slots=True)
class ParsedResume:
    name: str | None = None
    emails: list[str] = field(default_factory=list)
    phones: list[str] = field(default_factory=list)  # E.164
    links: list[str] = field(default_factory=list)
    location: str | None = None
    summary: str | None = None
    skills: list[str] = field(default_factory=list)
    education: list[EducationEntry] = field(default_factory=list)
    experience: list[ExperienceEntry] = field(default_factory=list)
    total_experience_months: int = 0
    confidence: dict[str, Confidence] = field(default_factory=dict)
    ocr_used: bool = False
    pages: int = 0
    warnings: list[str] = field(default_factory=list)
    parser_version: str = PARSER_VERSION

    def to_json(self) -> dict[str, Any]:
        """Plain JSON types, exactly the keys of ``JSON_KEYS``."""
        return {
            "name": self.name,
            "emails": list(self.emails),
            "phones": list(self.phones),
            "links": list(self.links),
            "location": self.location,
            "summary": self.summary,
            "skills": list(self.skills),
            "education": [
                {"institution": e.institution, "degree": e.degree, "field": e.field, "start": e.start, "end": e.end}
                for e in self.education
            ],
            "experience": [
                {"employer": e.employer, "title": e.title, "start": e.start, "end": e.end, "current": e.current}
                for e in self.experience
            ],
            "total_experience_months": self.total_experience_months,
            "confidence": {key: {"score": round(c.score, 2), "source": c.source} for key, c in self.confidence.items()},
            "ocr_used": self.ocr_used,
            "pages": self.pages,
            "warnings": list(self.warnings),
            "parser_version": self.parser_version,
        }

"""Line cleaning and folding, the text forms every field parser compares."""

import pytest

from apps.ingestion.parsing.text import clean, fold, unspace


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Éducation", "education"),
        ("Straße", "strasse"),
        ("\uff2d\u00fcller", "muller"),  # a full-width capital and an umlaut
        ("Expérience PROFESSIONNELLE", "experience professionnelle"),
        ("王小明", "王小明"),  # letters without case or marks stay
        ("Zoë Saldaña-Núñez", "zoe saldana-nunez"),
    ],
)
def test_fold_drops_case_and_accents_and_keeps_other_letters(text: str, expected: str) -> None:
    assert fold(text) == expected


def test_fold_answers_the_same_on_a_second_call() -> None:
    assert fold("Café") == fold("Café") == "cafe"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("E X P E R I E N C E", "EXPERIENCE"),
        ("W O R K  E X P E R I E N C E", "WORK EXPERIENCE"),
        ("I am a dev", "I am a dev"),
        ("C V a b c Git", "C V a b c Git"),  # a word of three letters: ordinary text
        ("Go R C", "Go R C"),  # too few tokens
    ],
)
def test_unspace_joins_only_letter_spaced_text(text: str, expected: str) -> None:
    assert unspace(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Müller\u00a0\u00a0GmbH", "Müller GmbH"),
        ("Köln\t2019 \u2013 2021", "Köln | 2019 - 2021"),
        ("Zoë  Saldaña", "Zoë Saldaña"),
        ("Zoë Saldaña", "Zoë Saldaña"),
        ("\uf0b7 Gestión\u2003de equipos", "Gestión de equipos"),
        ("Rene\u0301", "René"),  # composed
    ],
)
def test_clean_unifies_spaces_dashes_and_icons_in_accented_lines(text: str, expected: str) -> None:
    assert clean(text) == expected


def test_markdown_marks_are_taken_off() -> None:
    assert clean("## Experience") == "Experience"
    assert clean("**Senior Engineer** - Acme Corp") == "Senior Engineer - Acme Corp"
    assert clean("*Jan 2019 - Present*") == "Jan 2019 - Present"
    assert clean("[GitHub](https://github.com/jdoe)") == "GitHub https://github.com/jdoe"
    assert clean("* a bullet stays") == "* a bullet stays"
    assert clean("Python, C#, F#") == "Python, C#, F#"

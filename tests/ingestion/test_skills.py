"""Skills matching against the curated taxonomy: aliases, traps, the ambiguity rule, the data file."""

import string
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from apps.ingestion.parsing.skills import (
    DATA_FILE,
    Skill,
    Taxonomy,
    canonical_skill,
    default_taxonomy,
    find_skills,
    load_taxonomy,
    parse_taxonomy,
    skill_category,
    tokenize,
)

TAXONOMY = default_taxonomy()
# Every form in the data file with the skill it names; non-plain forms are written
# with a capital (the data may spell an ambiguous form in lowercase: "física").
FORMS = sorted(
    {
        (form if form in skill.aliases or any(c.isupper() for c in form) else form[:1].upper() + form[1:], skill.name)
        for skill in TAXONOMY.skills.values()
        for form in (skill.name, *skill.aliases, *skill.ambiguous, *skill.capitalized)
    }
)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Postgres", ["PostgreSQL"]),
        ("psql and MySQL", ["PostgreSQL", "MySQL"]),
        ("JS, TypeScript", ["JavaScript", "TypeScript"]),
        ("ECMAScript 2020", ["JavaScript"]),
        ("k8s", ["Kubernetes"]),
        ("Golang", ["Go"]),
        ("NodeJS, node.js, Node.JS", ["Node.js"]),
        ("C#, csharp, C++ and cpp", ["C#", "C++"]),
        (".NET, dotnet, ASP.NET", [".NET", "ASP.NET"]),
        ("ReactJS", ["React"]),
        ("sklearn, scikit-learn", ["scikit-learn"]),
        ("MS Excel, Microsoft Excel", ["Excel"]),
        ("CI/CD pipelines", ["CI/CD"]),
        ("Spring Boot", ["Spring Boot"]),
    ],
)
def test_aliases_resolve_to_the_canonical_name(text: str, expected: list[str]) -> None:
    assert find_skills(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "Worked at Google on R&D",
        "I excel at teamwork",
        "Planned the spring semester",
        "Spring 2019 exchange student",
        "Worked at Shell, Houston",
        "Head Chef at Luigi's",
        "Go to the store",
        "Javanese gamelan and Rusty tools",
        "San Francisco, CA",
        "Little Rock, AR",
        "John Doe, author",
        "react to alarms in the ward",
    ],
)
def test_substrings_and_ordinary_words_are_not_skills(text: str) -> None:
    assert find_skills(text) == []


def test_a_word_inside_another_word_never_matches() -> None:
    # "Go" in "Google", "Java" in "JavaScript", "R" in "R&D", "C" in "C++".
    assert find_skills("Google, JavaScript, R&D, C++") == ["JavaScript", "C++"]


@pytest.mark.parametrize(
    "text",
    [
        "Python, Django · PostgreSQL | Docker / Kubernetes",
        "Python; Django • PostgreSQL ▪ Docker ‣ Kubernetes",
        "- Python\n- Django\n- PostgreSQL\n- Docker\n- Kubernetes",
        "Python\tDjango\tPostgreSQL\tDocker\tKubernetes",
        "Python (Django), PostgreSQL [Docker] {Kubernetes}",
        # Chinese list punctuation: ideographic comma, full-width comma, semicolon and colon.
        "Python\u3001Django\uff0cPostgreSQL\uff1bDocker\uff1aKubernetes",
    ],
)
def test_skills_lists_in_any_separator(text: str) -> None:
    assert find_skills(text) == ["Python", "Django", "PostgreSQL", "Docker", "Kubernetes"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Krankenpflege, Wundversorgung", ["Nursing", "Wound care"]),
        ("Comptabilité, paie", ["Accounting", "Payroll"]),
        ("comptabilite, gestion de la paie", ["Accounting", "Payroll"]),
        ("contabilidad y nóminas", ["Accounting", "Payroll"]),
        ("Buchhaltung, Projektmanagement", ["Accounting", "Project management"]),
        ("forklift operation", ["Forklift operation"]),
        ("ICU, phlebotomy, BLS, ACLS", ["Critical care", "Phlebotomy", "BLS", "ACLS"]),
        ("IFRS and US GAAP reconciliation", ["IFRS", "GAAP", "Reconciliation"]),
        ("Lead generation with Salesforce, SEO and SEM", ["Lead generation", "Salesforce", "SEO", "SEM"]),
        ("TIG welding, AutoCAD, HVAC", ["TIG welding", "AutoCAD", "HVAC"]),
        ("Six Sigma Green Belt, Lean, ISO 9001, CNC", ["Six Sigma", "Lean manufacturing", "ISO 9001", "CNC machining"]),
        ("Inventory management in SAP MM", ["Inventory management", "SAP MM"]),
        ("Fluent in German, French and Mandarin", ["German", "French", "Mandarin"]),
        ("Excel avancé, PowerPoint", ["Excel", "PowerPoint"]),
    ],
)
def test_non_tech_trades_and_other_languages(text: str, expected: list[str]) -> None:
    assert find_skills(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Procore, Bluebeam, BIM 360, CostX", ["Procore", "Bluebeam Revu", "Autodesk BIM 360", "CostX"]),
        ("Aspen HYSYS | HAZOP | CAESAR II", ["Aspen HYSYS", "Process safety", "CAESAR II"]),
        ("ETAP, PSCAD, DIgSILENT PowerFactory", ["ETAP", "PSCAD", "DIgSILENT PowerFactory"]),
        ("STAAD.Pro, ETABS, SAP2000", ["STAAD.Pro", "ETABS", "SAP2000"]),
        ("Symfonia Kadry i Płace, Płatnik ZUS, Enova365", ["Symfonia", "Płatnik", "enova365"]),
        ("SAP FI, Logo Tiger, MYOB, Exact Online", ["SAP FI", "Logo Tiger", "MYOB", "Exact Online"]),
        ("Intensive care, Beademing, HiX, Reanimatie", ["Critical care", "Ventilator management", "HiX", "CPR"]),
        ("ELD logging, DOT regulations, Tanker endorsement", ["ELD logging", "DOT regulations", "Tanker endorsement"]),
        ("Manhattan WMS and Blue Yonder", ["Manhattan WMS", "Blue Yonder"]),
        (
            "Survival analysis, mixed-effects models, GraphPad Prism",
            ["Survival analysis", "Mixed models", "GraphPad Prism"],
        ),
        ("Oracle MICROS, Toast POS, Square POS", ["Oracle MICROS", "Toast POS", "Square POS"]),
        ("Test and tag to AS/NZS 3760; wiring to AS/NZS 3000", ["Test and tag", "Electrical codes"]),
        ("GeoGebra, Desmos, Seesaw", ["GeoGebra", "Desmos", "Seesaw"]),
        ("CeMAP qualified, mortgage advice", ["CeMAP", "Mortgage advice"]),
    ],
)
def test_trade_tools_and_standards(text: str, expected: list[str]) -> None:
    assert find_skills(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "Found a workable solution to a rippling problem",
        "Lightspeed delivery through a prism of views",
        "Kids on the seesaw, toast and square meals",
        "Dovetail joints cut by hand",
        "Olga Petrova, process engineer",
        "Symfonia nr 5 Beethovena",
        "Revu les procédures; etap projektu",
        "Costar in a play about a nuke",
    ],
)
def test_product_names_that_are_also_words_need_a_skills_list(text: str) -> None:
    assert find_skills(text) == []


def test_skills_come_once_each_in_order_of_first_appearance() -> None:
    text = "Docker and Python. Later Postgres, docker, PYTHON, PostgreSQL and Docker again."
    assert find_skills(text) == ["Docker", "Python", "PostgreSQL"]


def test_the_longest_alias_wins() -> None:
    assert find_skills("Spring Boot and Machine Learning Engineering") == ["Spring Boot", "Machine learning"]


def test_a_skill_wrapped_onto_the_next_line_is_found() -> None:
    assert find_skills("Deep Learning, Natural\nLanguage Processing") == [
        "Deep learning",
        "Natural language processing",
    ]


def test_a_skill_glued_to_chinese_text_is_found() -> None:
    assert find_skills("熟悉Python和Docker") == ["Python", "Docker"]


class TestAmbiguousForms:
    def test_they_count_in_a_list_next_to_another_skill(self) -> None:
        assert find_skills("Java, Spring, Hibernate") == ["Java", "Spring Framework", "Hibernate"]
        assert find_skills("Analysed data with Python and R.") == ["Python", "R"]
        assert find_skills("C, C++, Go") == ["C", "C++", "Go"]

    def test_a_list_of_only_ambiguous_forms_counts(self) -> None:
        assert find_skills("Ruby, Rust, Go") == ["Ruby", "Rust", "Go"]

    def test_they_count_anywhere_in_a_skills_section(self) -> None:
        assert find_skills("Spring semester projects in Go", in_skills_section=True) == ["Spring Framework", "Go"]
        assert find_skills("Go", in_skills_section=True) == ["Go"]

    def test_they_do_not_count_in_prose(self) -> None:
        assert find_skills("Programs in Go and Python") == ["Python"]

    def test_they_do_not_count_in_lowercase_even_in_a_skills_section(self) -> None:
        assert find_skills("go, rust, spring, excel", in_skills_section=True) == []

    def test_an_acronym_needs_its_capitals(self) -> None:
        assert find_skills("John Doe, DOE, Minitab") == ["Design of experiments", "Minitab"]

    def test_the_label_of_a_list_is_not_a_skill(self) -> None:
        assert find_skills("Statistics: R, SAS, Python") == ["R", "SAS programming", "Python"]

    def test_a_neighbour_on_another_line_does_not_count(self) -> None:
        # A heading right below a skills list is not an item of that list.
        assert find_skills("Python, Kubernetes\nPatents\n1. Adaptive sampling") == ["Python", "Kubernetes"]

    def test_a_form_spelled_in_lowercase_needs_only_the_context(self) -> None:
        assert find_skills("Snowflake, dbt, Airflow") == ["Snowflake", "dbt", "Apache Airflow"]
        assert find_skills("the dbt models") == []

    def test_capitalized_forms_count_anywhere_with_their_capital(self) -> None:
        assert find_skills("Built the UI in React") == ["React"]
        assert find_skills("Nurses react to alarms") == []
        assert find_skills("Reporting in Excel for the CFO") == ["Excel"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Postgres", "PostgreSQL"),
        ("  postgresql ", "PostgreSQL"),
        ("JS", "JavaScript"),
        ("Golang", "Go"),
        ("go", "Go"),
        ("K8S", "Kubernetes"),
        ("Spanish (fluent)", "Spanish"),
        ("Wundversorgung", "Wound care"),
        ("• Excel", "Excel"),
        ("Python, Django", None),
        ("Underwater basket weaving", None),
        ("", None),
    ],
)
def test_canonical_skill_names_one_skill(text: str, expected: str | None) -> None:
    assert canonical_skill(text) == expected


def test_a_canonical_skill_has_a_category() -> None:
    assert skill_category("PostgreSQL") == "database"
    assert skill_category("Wound care") == "healthcare"
    assert skill_category("Not a skill") is None


def test_a_soft_hyphen_does_not_split_a_word() -> None:
    assert find_skills("Kuber\u00adnetes") == ["Kubernetes"]


def test_tokens_keep_programming_punctuation() -> None:
    assert tokenize("C++, C#, .NET, node.js, CI/CD, R&D, scikit-learn") == [
        *["C++", ",", "C#", ",", ".NET", ",", "node.js", ","],
        *["CI", "/", "CD", ",", "R&D", ",", "scikit", "learn"],
    ]


class TestDataFile:
    def test_every_line_parses(self) -> None:
        lines = DATA_FILE.read_text(encoding="utf-8").splitlines()
        assert lines[0].startswith("#")
        entries = [line for line in lines if line and not line.startswith("#")]
        for line in entries:
            fields = line.split("\t")
            assert 2 <= len(fields) <= 5, line
            assert all(field == field.strip() for field in fields), line
        assert len(parse_taxonomy(lines)) == len(entries)

    def test_it_holds_a_few_thousand_skills_across_trades(self) -> None:
        categories = {skill.category for skill in TAXONOMY.skills.values()}
        assert len(TAXONOMY) >= 2000
        assert {"programming", "healthcare", "finance", "logistics", "construction", "language"} <= categories

    def test_no_form_names_two_skills(self) -> None:
        owner: dict[tuple[str, ...], str] = {}
        for skill in TAXONOMY.skills.values():
            for form in {skill.name, *skill.aliases, *skill.ambiguous, *skill.capitalized}:
                key = tuple(token.casefold() for token in tokenize(form))
                assert owner.setdefault(key, skill.name) == skill.name, (form, skill.name, owner[key])

    def test_it_stays_sorted_by_category_then_name(self) -> None:
        skills = parse_taxonomy(DATA_FILE.read_text(encoding="utf-8").splitlines())
        keys = [(skill.category, skill.name.casefold()) for skill in skills]
        assert keys == sorted(keys)

    def test_every_form_finds_its_skill(self) -> None:
        for form, name in FORMS:
            assert find_skills(form, in_skills_section=True) == [name], form
            assert canonical_skill(form) == name, form

    def test_the_loader_refuses_a_form_of_two_skills(self) -> None:
        with pytest.raises(ValueError, match="already an alias of 'PostgreSQL'"):
            Taxonomy([Skill("PostgreSQL", "database", ("Postgres",)), Skill("Postgres XL", "database", ("postgres",))])

    def test_the_loader_names_the_line_at_fault(self, tmp_path: Path) -> None:
        data = tmp_path / "skills.tsv"
        data.write_text("# header\nPython\tprogramming\nbroken line without tabs\n", encoding="utf-8")
        with pytest.raises(ValueError, match="line 3"):
            load_taxonomy(data)


_separators = st.sampled_from([", ", " | ", " / ", "\n", " and ", " · ", ": ", " ", "(", ")", ". ", "-", "&"])
_pieces = st.one_of(st.sampled_from([form for form, _ in FORMS]), st.text(max_size=12), _separators)
_texts = st.lists(_pieces, max_size=30).map("".join)
_ascii_pieces = st.one_of(
    st.sampled_from([form for form, _ in FORMS if form.isascii()]), st.text(string.printable, max_size=12)
)
_ascii_texts = st.lists(_ascii_pieces, max_size=20).map(" ".join)


@pytest.mark.property
@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(text=st.one_of(st.text(), _texts), in_skills_section=st.booleans())
def test_any_text_gives_distinct_canonical_names(text: str, in_skills_section: bool) -> None:
    found = find_skills(text, in_skills_section=in_skills_section)
    assert isinstance(found, list)
    assert len(found) == len(set(found))
    assert all(name in TAXONOMY.skills for name in found)


@pytest.mark.property
@settings(max_examples=300, deadline=None)
@given(text=_texts)
def test_a_skills_section_finds_at_least_as_much(text: str) -> None:
    assert set(find_skills(text)) <= set(find_skills(text, in_skills_section=True))


@pytest.mark.property
@settings(max_examples=300, deadline=None)
@given(text=_ascii_texts)
def test_lowercase_text_finds_no_more_than_the_original(text: str) -> None:
    # Only the case-blind plain aliases survive lowercasing; the others need their capitals.
    assert set(find_skills(text.lower())) <= set(find_skills(text))

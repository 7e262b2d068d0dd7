"""Skills of trades beyond software, and skills named in the languages the parser reads."""

# ruff: noqa: RUF001  # Cyrillic and the Turkish dotless i, as resumes print them

from apps.ingestion.parsing.skills import canonical_skill, find_skills


def test_cardiology_and_resuscitation_skills_are_found_in_several_languages() -> None:
    for written in ("Echocardiography", "Echokardiographie", "Ekkokardiografi", "Stress echocardiography"):
        assert canonical_skill(written) == "Echocardiography", written
    assert canonical_skill("Advanced Life Support") == "Advanced Life Support"
    assert canonical_skill("Notfallmedizin") == "Emergency medicine"


def test_als_counts_only_where_it_is_listed_as_a_skill() -> None:
    assert find_skills("BLS, ALS, ECG", in_skills_section=True) == ["BLS", "Advanced Life Support", "ECG"]
    assert "Advanced Life Support" not in find_skills("Cared for patients with ALS and dementia.")


def test_electrical_installation_and_troubleshooting_in_the_new_languages() -> None:
    for written in ("Elinstallation", "Elektroinstalace", "Instalacje elektryczne", "Elektrik Tesisatı"):
        assert canonical_skill(written) == "Electrical installation", written
    assert canonical_skill("Felsökning") == "Troubleshooting"


def test_accounting_packages_and_words_for_accounting() -> None:
    assert find_skills("Tally, SAP, Excel", in_skills_section=True) == ["Tally", "SAP", "Excel"]
    assert find_skills("Keep a tally of the stock on hand.") == []
    assert canonical_skill("Tally ERP 9") == "Tally"
    assert canonical_skill("1С:Бухгалтерия") == "1C:Enterprise"
    for written in ("Účetnictví", "Muhasebe", "Contabilitate", "Бухгалтерский учёт", "Regnskap"):
        assert canonical_skill(written) == "Accounting", written
    assert canonical_skill("МСФО") == "IFRS"


def test_eda_tools_are_told_apart() -> None:
    assert find_skills("Cadence Innovus, Cadence Virtuoso, PrimeTime, Verilog", in_skills_section=True) == [
        "Cadence Innovus",
        "Cadence Virtuoso",
        "PrimeTime",
        "Verilog",
    ]
    assert "Cadence Virtuoso" not in find_skills("a virtuoso of the violin")


def test_project_management_written_as_one_word_or_in_another_language() -> None:
    for written in ("Projectmanagement", "Projektledning", "Prosjektledelse", "Управление проектами"):
        assert canonical_skill(written) == "Project management", written

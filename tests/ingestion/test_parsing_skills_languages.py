"""Skills as resumes list them in Italian, Portuguese and the other languages of the
hold-out sets, and English prose with the words that look like those names."""

# ruff: noqa: RUF001  # the Turkish dotless i, as resumes print it

import datetime

from apps.ingestion.document import Document, Line
from apps.ingestion.parsing import parse
from apps.ingestion.parsing.skills import canonical_skill, find_skills


def parsed_skills(text: str) -> list[str]:
    lines = [Line(t) for t in text.strip().splitlines() if t.strip()]
    return parse(Document(ok=True, kind="text", lines=lines, pages=1), today=datetime.date(2026, 11, 27)).skills


def test_whole_resumes_in_polish_portuguese_and_turkish_yield_their_listed_skills() -> None:
    resume = (
        "Anna Kowalska\nanna@example.pl\nUmiejętności\nObsługa klienta, księgowość, kadry i płace, "
        "prawo jazdy kat. B\nDoświadczenie zawodowe\n2019 - obecnie | Biuro Rachunkowe Nowak | Księgowa\n"
    )
    assert parsed_skills(resume) == ["Customer service", "Accounting", "Payroll", "Driving license"]
    resume = (
        "Joana Silva\njoana@example.pt\nCompetências\nAtendimento ao cliente, faturação, carta de condução, "
        "trabalho em equipa\nExperiência profissional\n2019 - atual | Farmácia Central | Assistente\n"
    )
    assert parsed_skills(resume) == ["Customer service", "Invoicing", "Driving license", "Teamwork"]
    resume = (
        "Ayşe Yılmaz\nayse@example.com.tr\nYetenekler\nMüşteri İlişkileri Yönetimi, Ön Muhasebe, "
        "İnsan Kaynakları, B Sınıfı Ehliyet\nİş Deneyimi\n2019 - devam ediyor | ABC Ltd. | Muhasebe Uzmanı\n"
    )
    assert parsed_skills(resume) == [
        "Customer relationship management",
        "Bookkeeping",
        "Human resources management",
        "Driving license",
    ]


def test_an_italian_skills_list_names_the_trades_and_office_skills() -> None:
    line = (
        "Contabilità, gestione del magazzino, servizio clienti, lavoro di squadra, patente B, "
        "carrello elevatore, fatturazione elettronica, buste paga, saldatura TIG, lettura del disegno tecnico"
    )
    assert find_skills(line, in_skills_section=True) == [
        "Accounting",
        "Warehouse management",
        "Customer service",
        "Teamwork",
        "Driving license",
        "Forklift operation",
        "Invoicing",
        "Payroll",
        "TIG welding",
        "Blueprint reading",
    ]


def test_an_italian_nurse_lists_the_care_she_gives() -> None:
    line = (
        "Assistenza infermieristica; somministrazione della terapia; medicazioni; "
        "rilevazione parametri vitali; primo soccorso; cure palliative"
    )
    assert find_skills(line, in_skills_section=True) == [
        "Nursing",
        "Medication administration",
        "Wound care",
        "Vital signs",
        "First aid",
        "Palliative care",
    ]
    # In Italian "pronto soccorso" is the emergency department, not first aid.
    assert canonical_skill("Pronto soccorso") == "Emergency nursing"


def test_italian_kitchen_sales_and_law_skills() -> None:
    line = "Cucina, pasticceria, servizio di sala, HACCP, tecniche di vendita, gestione reclami, diritto del lavoro"
    assert find_skills(line, in_skills_section=True) == [
        "Cooking",
        "Pastry",
        "Food and beverage service",
        "HACCP",
        "Sales",
        "Complaint handling",
        "Employment law",
    ]


def test_a_portuguese_skills_list_in_the_forms_of_brazil() -> None:
    line = (
        "Atendimento ao cliente, contabilidade, gestão de equipes, folha de pagamento, "
        "operador de empilhadeira, controle de estoque, trabalho em equipe, Excel"
    )
    assert find_skills(line, in_skills_section=True) == [
        "Customer service",
        "Accounting",
        "Team leadership",
        "Payroll",
        "Forklift operation",
        "Inventory management",
        "Teamwork",
        "Excel",
    ]


def test_a_portuguese_skills_list_in_the_forms_of_portugal() -> None:
    line = "Carta de condução, faturação, reconciliações bancárias, processamento salarial, IVA, SAP"
    assert find_skills(line, in_skills_section=True) == [
        "Driving license",
        "Invoicing",
        "Bank reconciliation",
        "Payroll",
        "VAT",
        "SAP",
    ]
    line = "Cuidados de enfermagem | administração de terapêutica | sinais vitais | pensos | primeiros socorros"
    assert find_skills(line, in_skills_section=True) == [
        "Nursing",
        "Medication administration",
        "Vital signs",
        "Wound care",
        "First aid",
    ]


def test_a_brazilian_shop_and_office_list() -> None:
    line = (
        "Atendimento ao balcão, repositor, fiscal de caixa, inventário rotativo, manipulação de alimentos, "
        "apuração de impostos, obrigações acessórias"
    )
    assert find_skills(line, in_skills_section=True) == [
        "Customer service",
        "Stock replenishment",
        "Cash handling",
        "Cycle counting",
        "Food safety",
        "Taxation",
        "Tax compliance",
    ]


def test_portuguese_names_that_contain_a_shorter_one_keep_their_own_meaning() -> None:
    assert canonical_skill("Fusões e aquisições") == "Mergers and acquisitions"
    assert canonical_skill("Atendimento telefônico") == "Switchboard"
    assert canonical_skill("Recepção de mercadorias") == "Shipping and receiving"
    assert canonical_skill("Recepção") == "Front desk"


def test_a_dutch_skills_list_names_warehouse_and_office_skills() -> None:
    line = (
        "Klantenservice, boekhouden, voorraadbeheer, heftruckcertificaat, orderpicken, "
        "rijbewijs B, VCA, lassen, samenwerken, stressbestendig"
    )
    assert find_skills(line, in_skills_section=True) == [
        "Customer service",
        "Bookkeeping",
        "Inventory management",
        "Forklift operation",
        "Order picking",
        "Driving license",
        "Site safety",
        "Welding",
        "Teamwork",
        "Stress management",
    ]
    line = "Salarisadministratie, debiteurenbeheer, btw-aangifte, jaarrekening, werving en selectie, arbeidsrecht"
    assert find_skills(line, in_skills_section=True) == [
        "Payroll",
        "Accounts receivable",
        "VAT",
        "Financial statements",
        "Recruiting",
        "Employment law",
    ]


def test_a_dutch_carer_lists_the_care_she_gives() -> None:
    line = "Wondverzorging | medicatie toedienen | palliatieve zorg | persoonlijke verzorging | EHBO | thuiszorg"
    assert find_skills(line, in_skills_section=True) == [
        "Wound care",
        "Medication administration",
        "Palliative care",
        "Personal care",
        "First aid",
        "Home care",
    ]


def test_dutch_lassen_counts_only_as_a_listed_skill() -> None:
    assert find_skills("Lassen, slijpen, frezen") == ["Welding", "Grinding", "Milling"]
    assert find_skills("We hiked in Lassen Volcanic National Park.") == []


def test_a_polish_skills_list_names_the_office_and_warehouse_skills() -> None:
    line = (
        "Obsługa klienta, księgowość, kadry i płace, fakturowanie, obsługa wózka widłowego (UDT), "
        "prawo jazdy kat. B, praca w zespole, odporność na stres, pakiet MS Office"
    )
    assert find_skills(line, in_skills_section=True) == [
        "Customer service",
        "Accounting",
        "Payroll",
        "Invoicing",
        "Forklift operation",
        "Driving license",
        "Teamwork",
        "Stress management",
        "Microsoft Office",
    ]


def test_a_polish_welder_and_a_polish_nurse_list_their_trades() -> None:
    line = "Spawanie MIG/MAG, spawanie TIG, czytanie rysunku technicznego, utrzymanie ruchu, kontrola jakości, BHP"
    assert find_skills(line, in_skills_section=True) == [
        "MIG welding",
        "TIG welding",
        "Blueprint reading",
        "Industrial maintenance",
        "Quality control",
        "Health and safety",
    ]
    line = "Opieka nad pacjentem • podawanie leków • pomiar parametrów życiowych • pielęgnacja ran • pierwsza pomoc"
    assert find_skills(line, in_skills_section=True) == [
        "Patient care",
        "Medication administration",
        "Vital signs",
        "Wound care",
        "First aid",
    ]


def test_a_shop_named_in_an_employer_is_not_a_skill() -> None:
    text = "Werkervaring\n2019 - heden | Apotheek Centrum B.V. | Bakkerij Jansen | Slagerij de Wit\n"
    assert find_skills(text) == []


def test_a_czech_skills_list_names_the_office_warehouse_and_workshop_skills() -> None:
    line = (
        "Zákaznický servis, účetnictví, mzdové účetnictví, fakturace, řidič VZV, ŘP sk. B, "
        "práce v týmu, odolnost vůči stresu, MS Office"
    )
    assert find_skills(line, in_skills_section=True) == [
        "Customer service",
        "Accounting",
        "Payroll",
        "Invoicing",
        "Forklift operation",
        "Driving license",
        "Teamwork",
        "Stress management",
        "Microsoft Office",
    ]
    line = "Svařování MIG/MAG, čtení výkresů, obsluha CNC strojů, kontrola kvality, BOZP, vychystávání zboží"
    assert find_skills(line, in_skills_section=True) == [
        "MIG welding",
        "Blueprint reading",
        "CNC machining",
        "Quality control",
        "Health and safety",
        "Order picking",
    ]


def test_a_czech_nurse_lists_her_care_and_a_road_builder_his_roads() -> None:
    line = "Ošetřovatelská péče, podávání léků, převazy, měření fyziologických funkcí, první pomoc, paliativní péče"
    assert find_skills(line, in_skills_section=True) == [
        "Nursing",
        "Medication administration",
        "Wound care",
        "Vital signs",
        "First aid",
        "Palliative care",
    ]
    # "Komunikace" is also a road in Czech, so only the longer forms name communication.
    assert find_skills("Stavbyvedoucí při výstavbě pozemních komunikací") == ["Construction management"]


def test_swedish_danish_and_norwegian_skills_lists() -> None:
    line = "Kundservice, truckkort, orderplock, B-körkort, kassahantering, löneadministration, fakturering, lagarbete"
    assert find_skills(line, in_skills_section=True) == [
        "Customer service",
        "Forklift operation",
        "Order picking",
        "Driving license",
        "Cash handling",
        "Payroll",
        "Invoicing",
        "Teamwork",
    ]
    line = "Kundeservice, salg, bogholderi, lønadministration, truckcertifikat, kørekort B, rengøring, madlavning"
    assert find_skills(line, in_skills_section=True) == [
        "Customer service",
        "Sales",
        "Bookkeeping",
        "Payroll",
        "Forklift operation",
        "Driving license",
        "Cleaning",
        "Cooking",
    ]
    line = "Sykepleie, legemiddelhåndtering, sårstell, førstehjelp, HMS, truckførerbevis, MVA, regnskapsføring"
    assert find_skills(line, in_skills_section=True) == [
        "Nursing",
        "Medication administration",
        "Wound care",
        "First aid",
        "Health and safety",
        "Forklift operation",
        "VAT",
        "Bookkeeping",
    ]


def test_a_swedish_assistant_nurse_lists_her_care() -> None:
    line = "Undersköterska: omvårdnad, läkemedelshantering, sårvård, HLR, basala hygienrutiner, demensvård, hemtjänst"
    assert find_skills(line, in_skills_section=True) == [
        "CNA",
        "Nursing",
        "Medication administration",
        "Wound care",
        "CPR",
        "Infection control",
        "Dementia care",
        "Home care",
    ]


def test_a_finnish_skills_list_names_the_cards_and_trades() -> None:
    line = (
        "Asiakaspalvelu, kassatyö, trukkikortti, keräily, B-ajokortti, hygieniapassi, "
        "työturvallisuuskortti, tulityökortti, ensiapu"
    )
    assert find_skills(line, in_skills_section=True) == [
        "Customer service",
        "Cash handling",
        "Forklift operation",
        "Order picking",
        "Driving license",
        "Food safety",
        "Health and safety",
        "Fire protection",
        "First aid",
    ]
    line = "Kirjanpito, palkanlaskenta, laskutus, ostoreskontra, myyntireskontra, tilinpäätös, ALV, Excel"
    assert find_skills(line, in_skills_section=True) == [
        "Bookkeeping",
        "Payroll",
        "Invoicing",
        "Accounts payable",
        "Accounts receivable",
        "Financial statements",
        "VAT",
        "Excel",
    ]


def test_a_finnish_practical_nurse_lists_her_care() -> None:
    line = "Lähihoitaja: lääkehoito, haavanhoito, perushoito, kirjaaminen, kotihoito, saattohoito"
    assert find_skills(line, in_skills_section=True) == [
        "CNA",
        "Medication administration",
        "Wound care",
        "Personal care",
        "Clinical documentation",
        "Home care",
        "Palliative care",
    ]


def test_a_romanian_skills_list_names_the_office_and_workshop_skills() -> None:
    line = (
        "Relații cu clienții, contabilitate primară, salarizare, facturare, stivuitorist, "
        "permis categoria B, lucru în echipă, rezistență la stres"
    )
    assert find_skills(line, in_skills_section=True) == [
        "Customer service",
        "Bookkeeping",
        "Payroll",
        "Invoicing",
        "Forklift operation",
        "Driving license",
        "Teamwork",
        "Stress management",
    ]
    line = "Sudură MIG/MAG, citirea desenelor tehnice, mentenanță industrială, controlul calității, SSM, lucru în ture"
    assert find_skills(line, in_skills_section=True) == [
        "MIG welding",
        "Blueprint reading",
        "Industrial maintenance",
        "Quality control",
        "Health and safety",
        "Shift work",
    ]


def test_a_romanian_nurse_lists_her_care_written_with_or_without_diacritics() -> None:
    line = "Îngrijirea pacienților, administrarea tratamentului, recoltare sânge, pansamente, prim ajutor, ATI"
    expected = ["Patient care", "Medication administration", "Phlebotomy", "Wound care", "First aid", "Critical care"]
    assert find_skills(line, in_skills_section=True) == expected
    line = "Ingrijirea pacientilor, administrarea tratamentului, recoltare sange, pansamente, prim ajutor, ATI"
    assert find_skills(line, in_skills_section=True) == expected


def test_a_turkish_skills_list_names_the_office_warehouse_and_workshop_skills() -> None:
    line = (
        "Müşteri hizmetleri, ön muhasebe, bordro, faturalama, forklift ehliyeti, B sınıfı ehliyet, "
        "takım çalışması, stres yönetimi, MS Office"
    )
    assert find_skills(line, in_skills_section=True) == [
        "Customer service",
        "Bookkeeping",
        "Payroll",
        "Invoicing",
        "Forklift operation",
        "Driving license",
        "Teamwork",
        "Stress management",
        "Microsoft Office",
    ]
    line = (
        "Gazaltı kaynağı, argon kaynağı, teknik resim okuma, CNC operatörlüğü, kalite kontrol, İSG, vardiyalı çalışma"
    )
    assert find_skills(line, in_skills_section=True) == [
        "MIG welding",
        "TIG welding",
        "Blueprint reading",
        "CNC machining",
        "Quality control",
        "Health and safety",
        "Shift work",
    ]


def test_a_turkish_nurse_lists_her_care_and_the_contact_heading_is_no_skill() -> None:
    line = "Hasta bakımı, ilaç uygulama, kan alma, yara bakımı, ilk yardım, temel yaşam desteği"
    assert find_skills(line, in_skills_section=True) == [
        "Patient care",
        "Medication administration",
        "Phlebotomy",
        "Wound care",
        "First aid",
        "BLS",
    ]
    # "İletişim" alone heads the contact details; only "iletişim becerileri" and the like are skills.
    assert find_skills("İletişim\nankara@example.com") == []


def test_turkish_skills_in_title_case_in_capitals_and_typed_without_turkish_letters() -> None:
    # "İ" folds to "i" and a combining dot; the dotless i is typed "i" on other keyboards.
    expected = ["Human resources management", "First aid", "Internal audit", "Customer relationship management"]
    line = "İnsan Kaynakları, İlk Yardım, İç Denetim, Müşteri İlişkileri Yönetimi"
    assert find_skills(line, in_skills_section=True) == expected
    line = "İNSAN KAYNAKLARI, İLK YARDIM, İÇ DENETİM, MÜŞTERİ İLİŞKİLERİ YÖNETİMİ"
    assert find_skills(line, in_skills_section=True) == expected
    line = "insan kaynaklari, ilk yardim, ic denetim, musteri iliskileri yonetimi"
    assert find_skills(line, in_skills_section=True) == expected


def test_polish_skills_typed_without_polish_letters() -> None:
    line = "Obsluga klienta, ksiegowosc, obsluga wozka widlowego, praca w zespole"
    assert find_skills(line, in_skills_section=True) == [
        "Customer service",
        "Accounting",
        "Forklift operation",
        "Teamwork",
    ]


def test_an_indonesian_skills_list_names_the_office_warehouse_and_care_skills() -> None:
    line = (
        "Layanan pelanggan, akuntansi, penggajian, perpajakan, operator forklift, SIM A, "
        "kerja sama tim, bekerja di bawah tekanan"
    )
    assert find_skills(line, in_skills_section=True) == [
        "Customer service",
        "Accounting",
        "Payroll",
        "Taxation",
        "Forklift operation",
        "Driving license",
        "Teamwork",
        "Stress management",
    ]
    line = "Asuhan keperawatan, pemberian obat, perawatan luka, tanda-tanda vital, pertolongan pertama, K3"
    assert find_skills(line, in_skills_section=True) == [
        "Nursing",
        "Medication administration",
        "Wound care",
        "Vital signs",
        "First aid",
        "Health and safety",
    ]


def test_danish_and_norwegian_retail_and_hotel_skills() -> None:
    line = "Servicemindet, mersalg, kasseekspedition, vareopfyldning, kundeservice, struktureret, arbejde under pres"
    assert find_skills(line, in_skills_section=True) == [
        "Customer focus",
        "Upselling",
        "Cash handling",
        "Merchandising",
        "Customer service",
        "Organizational skills",
        "Stress management",
    ]
    line = "Resepsjon, servering, renhold, leksehjelp, fagopplæring, skattemelding, månedsavslutning"
    assert find_skills(line, in_skills_section=True) == [
        "Front desk",
        "Food and beverage service",
        "Cleaning",
        "Tutoring",
        "Vocational training",
        "Tax preparation",
        "Month-end close",
    ]
    # Dutch "automatisering" is the IT department and German "Skat" a card game: neither is a skill.
    assert find_skills("Afdeling automatisering; hobby: Skat") == []


def test_certificates_and_office_packages_as_italian_portuguese_and_dutch_lists_print_them() -> None:
    line = "Utilizzo del muletto, saldatura a filo, lettura disegno tecnico, attestato HACCP, Flessibilità"
    assert find_skills(line, in_skills_section=True) == [
        "Forklift operation",
        "MIG welding",
        "Blueprint reading",
        "Food safety",
        "Adaptability",
    ]
    line = "Pacote Office, Excel avançado, fluxo de caixa, conferência de mercadorias, técnico de enfermagem"
    assert find_skills(line, in_skills_section=True) == [
        "Microsoft Office",
        "Excel",
        "Treasury",
        "Shipping and receiving",
        "CNA",
    ]
    assert find_skills("BHV, reachtruck, elektrische palletwagen, tachograaf", in_skills_section=True) == [
        "First aid",
        "Reach truck",
        "Pallet jack",
        "Tachograph",
    ]
    # "flessibilità" is an everyday word: it counts in a skills list, not in a sentence.
    assert find_skills("Richiesta massima flessibilità oraria.") == []


def test_words_of_other_languages_that_look_like_the_new_names_are_no_skills() -> None:
    # Dutch "ik" (I), Polish "dane" (data), Italian "siti" (websites), French "SVP".
    text = "Ik ben verpleegkundige. Dane osobowe: Anna Nowak. Siti web aziendali. Répondez SVP."
    assert find_skills(text) == []
    # Trade words that are also surnames: de Kock, Metselaar, Řezník, Tokarz, Sorvari.
    assert find_skills("Quinton de Kock, Jan Metselaar, Pavel Řezník, Anna Tokarz, Mikko Sorvari") == []
    # The same short forms count where a skills list names them.
    assert find_skills("Kadry i płace, İK, BHP, UDT, CNH, DPH, Code 95", in_skills_section=True) == [
        "Payroll",
        "Human resources management",
        "Health and safety",
        "Forklift operation",
        "Driving license",
        "VAT",
        "Commercial driving",
    ]


def test_computer_skills_data_analysis_and_translation_in_several_languages() -> None:
    for line in (
        "Informatica di base, analisi dei dati, traduzioni",
        "Obsługa komputera, analiza danych, tłumaczenia",
        "Bilgisayar kullanımı, veri analizi, çeviri",
        "Conhecimentos de informática, análise de dados, tradução",
    ):
        assert find_skills(line, in_skills_section=True) == ["Computer literacy", "Data analysis", "Translation"], line


def test_an_electricians_plc_and_fault_finding_skills_in_several_languages() -> None:
    for line in (
        "Programmazione PLC, ricerca guasti, manutenzione preventiva",
        "Programação de CLP, diagnóstico de falhas, manutenção preventiva",
        "PLC-programmering, fejlfinding, forebyggende vedligeholdelse",
        "Programowanie PLC, usuwanie awarii, konserwacja prewencyjna",
    ):
        found = find_skills(line, in_skills_section=True)
        assert found == ["PLC programming", "Troubleshooting", "Preventive maintenance"], line


def test_an_electricians_voltages_schematics_and_regulations() -> None:
    line = "NR-10, NR-35, comandos elétricos, leitura de esquemas elétricos"
    assert find_skills(line, in_skills_section=True) == [
        "Electrical codes",
        "Working at heights",
        "Motor controls",
        "Schematic reading",
    ]
    line = "Hoogspanning, laagspanning, NEN 3140, schema's lezen"
    assert find_skills(line, in_skills_section=True) == [
        "High voltage",
        "Low voltage systems",
        "Electrical codes",
        "Schematic reading",
    ]
    # A Polish or German house number is no Brazilian regulation.
    assert find_skills("ul. Długa nr 10, 31-147 Kraków; Hauptstraße Nr 35") == []


def test_a_nurses_infusions_catheters_injections_and_ecg_in_several_languages() -> None:
    expected = ["IV therapy", "Urinary catheterization", "Injections", "ECG", "Blood glucose monitoring"]
    for line in (
        "Terapia infusionale, cateterismo vescicale, iniezioni, elettrocardiogramma, controllo glicemico",
        "Punção venosa periférica, sondagem vesical, injeções, eletrocardiograma, glicemia capilar",
        "Wkłucia dożylne, cewnikowanie, iniekcje, wykonywanie EKG, pomiar glikemii",
        "Damar yolu açma, sonda takma, enjeksiyon, EKG çekimi, kan şekeri ölçümü",
    ):
        assert find_skills(line, in_skills_section=True) == expected, line


def test_accountants_sales_and_teachers_second_lists() -> None:
    line = "Bilancio consolidato, reportistica direzionale, analisi degli scostamenti, vendita consulenziale"
    assert find_skills(line, in_skills_section=True) == [
        "Financial consolidation",
        "Management reporting",
        "Variance analysis",
        "Consultative selling",
    ]
    line = "Oudergesprekken, gedifferentieerd lesgeven, examentraining, handscanner"
    assert find_skills(line, in_skills_section=True) == [
        "Parent communication",
        "Differentiated instruction",
        "Exam preparation",
        "Barcode scanning",
    ]
    # "consolidamento" is also the structural strengthening of a building.
    assert find_skills("Consolidamento strutturale di edifici storici") == []


def test_generic_software_skills_written_in_the_resumes_language() -> None:
    expected = ["Object-oriented programming", "Relational databases", "Software testing", "Machine learning"]
    for line in (
        "Programowanie obiektowe, bazy danych, testowanie oprogramowania, uczenie maszynowe",
        "Nesne yönelimli programlama, veritabanı, yazılım testi, makine öğrenmesi",
        "Programmazione a oggetti, basi di dati, test del software, apprendimento automatico",
        "Programação orientada a objetos, bancos de dados, testes de software, aprendizado de máquina",
    ):
        assert find_skills(line, in_skills_section=True) == expected, line


def test_each_item_of_a_brazilian_and_an_italian_list_is_one_skill() -> None:
    for written, canonical in (
        ("Operação de empilhadeira", "Forklift operation"),
        ("Recebimento e expedição", "Shipping and receiving"),
        ("Segurança do trabalho", "Health and safety"),
        ("Leitura e interpretação de projetos", "Blueprint reading"),
        ("Orçamentação", "Budget management"),
        ("Orçamentação de obras", "Cost estimation"),
        ("Reporting finanziario", "Financial reporting"),
        ("Gestione dell'inventario", "Inventory management"),
        ("Ricevimento e spedizione merci", "Shipping and receiving"),
        ("Gestione della catena di approvvigionamento", "Supply chain management"),
        ("Vendite B2B", "B2B sales"),
        ("Gestione dei grandi clienti", "Key account management"),
        ("Rozpočtování", "Budget management"),
        ("Rozpočtování staveb", "Cost estimation"),
    ):
        assert canonical_skill(written) == canonical, written


def test_soft_skills_phrased_as_polish_italian_and_dutch_lists_phrase_them() -> None:
    line = (
        "Umiejętność pracy pod presją czasu, umiejętność pracy w zespole, umiejętność organizacji pracy, punktualność"
    )
    assert find_skills(line, in_skills_section=True) == [
        "Stress management",
        "Teamwork",
        "Organizational skills",
        "Work ethic",
    ]
    line = "Capacità di lavorare sotto pressione, capacità di problem solving, capacità di ascolto"
    assert find_skills(line, in_skills_section=True) == ["Stress management", "Problem solving", "Active listening"]
    line = "Oplossingsgericht, teamplayer, communicatief vaardig, betrouwbaar"
    assert find_skills(line, in_skills_section=True) == ["Problem solving", "Teamwork", "Communication", "Work ethic"]


def test_basic_life_support_courses_are_bls_not_cpr() -> None:
    assert find_skills("BLSD, SBV, suporte básico de vida", in_skills_section=True) == ["BLS"]
    assert canonical_skill("Rianimazione cardiopolmonare") == "CPR"


def test_english_prose_with_words_that_look_like_the_new_names_finds_no_skill() -> None:
    text = (
        "Treated a UTI on the night shift; the budget was approved and picked up by the fad of the day. "
        "Privacy notes were kept in the PBX room at the end of the quadrature test. "
        "The propaganda poster named the barista and the bartender; R&S and T&D sent a CQC letter. "
        "In Sep a timmerman and the montage PIT crews ran the ads for AVG, btw. "
        "Served on HMS Belfast after an MVA; the controller at reception wrote a revision to the disk "
        "for the moms, and the administration's automation PO was approved. "
        "Built an ATI Radeon driver in Super Bowl LVI week; the electrician was strung up by the secretariat. "
        "See src/main.py: the babysitter sent an invoice for the AC, and the event organizer hired a cleaning service. "
        "A loner in first place worked at BHP and CNH Industrial, set up an Oracle UDT and the DPH's SPT tests, "
        "and met Siva and Liza after error code 95. As an intern she validated input data on a daily basis data run."
    )
    assert find_skills(text) == []
    # Romanian "audit intern" and Indonesian "audit internal" must not change how English reads.
    assert find_skills("Audit Intern at Deloitte; helped audit internal controls") == ["Auditing", "Internal controls"]

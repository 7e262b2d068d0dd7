"""Occupations the generated resumes come from, tech and non-tech: job titles by language and
seniority, the skills each uses, achievement bullets, summaries and the degrees that lead there.

Titles written "masculine|feminine" take the holder's grammatical gender (de, fr, es). Bullets and
summaries name skills only through placeholders filled with skills the resume lists ({a}, {b}
practices such as "Wound care", {x}, {y} tools such as "Excel"; {c} any), so the text never
mentions a skill the truth does not have.
"""

# ruff: noqa: RUF001  # en dashes in date ranges, as resumes print them

from dataclasses import dataclass

# A degree: (degree, field or None, kind of institution).
Degree = tuple[str, str | None, str]


@dataclass(frozen=True, slots=True)
class Trade:
    key: str
    sectors: tuple[str, ...]  # employer sectors (orgs.EMPLOYERS)
    titles: dict[str, tuple[str, ...]]  # by language, junior to senior
    skills: tuple[str, ...]  # canonical names (skills.SKILLS)
    bullets: dict[str, tuple[str, ...]]
    degrees: dict[str, tuple[Degree, ...]]
    tech: bool = False  # has GitHub links
    office: bool = True  # likely to have LinkedIn


TRADES: tuple[Trade, ...] = (
    Trade(
        key="software",
        sectors=("tech", "tech", "finance", "retail"),
        titles={
            "en": (
                "Junior Software Developer",
                "Software Engineer",
                "Backend Developer",
                "Full Stack Developer",
                "Senior Software Engineer",
                "Lead Developer",
            ),
            "de": (
                "Junior-Softwareentwickler|Junior-Softwareentwicklerin",
                "Softwareentwickler|Softwareentwicklerin",
                "Backend-Entwickler|Backend-Entwicklerin",
                "Senior Software Engineer",
                "Teamleiter Softwareentwicklung|Teamleiterin Softwareentwicklung",
            ),
            "fr": (
                "Développeur junior|Développeuse junior",
                "Développeur backend|Développeuse backend",
                "Ingénieur logiciel|Ingénieure logiciel",
                "Développeur full stack|Développeuse full stack",
                "Lead développeur|Lead développeuse",
            ),
            "es": (
                "Desarrollador junior|Desarrolladora junior",
                "Desarrollador backend|Desarrolladora backend",
                "Ingeniero de software|Ingeniera de software",
                "Desarrollador full stack|Desarrolladora full stack",
                "Jefe de equipo de desarrollo|Jefa de equipo de desarrollo",
            ),
        },
        skills=(
            "Python",
            "JavaScript",
            "TypeScript",
            "React",
            "Node.js",
            "Django",
            "PostgreSQL",
            "MySQL",
            "Docker",
            "Kubernetes",
            "AWS",
            "Microsoft Azure",
            "Git",
            "Java",
            "Spring Boot",
            "Linux",
            "CI/CD",
            "Go",
            "Redis",
            "GraphQL",
            "Terraform",
            "Agile",
            "Scrum",
            "Jira",
        ),
        bullets={
            "en": (
                "Built and maintained REST services in {x} handling 2,500 requests per second.",
                "Migrated the order platform from a monolith to {x} and {y}, cutting deployment time by 70%.",
                "Mentored four junior developers and introduced code reviews and pair programming.",
                "Reduced page load time by 40% by profiling queries and adding caching with {x}.",
            ),
            "de": (
                "Entwicklung und Betrieb von Microservices mit {x} und {y} für über 200.000 Nutzer.",
                "Migration der Bestandssysteme nach {x}; Verkürzung der Release-Zyklen von vier auf eine Woche.",
                "Einarbeitung und fachliche Betreuung von drei Werkstudierenden.",
                "Einführung automatisierter Tests mit einer Abdeckung von über 85 %.",
            ),
            "fr": (
                "Conception et développement d'API en {x} pour une plateforme de 150 000 utilisateurs.",
                "Migration de l'infrastructure vers {x} et {y}, avec un temps de déploiement divisé par trois.",
                "Encadrement de deux développeurs juniors et animation des revues de code.",
                "Amélioration des performances de l'application mobile (temps de chargement –35 %).",
            ),
            "es": (
                "Desarrollo de microservicios en {x} y {y} para más de 300.000 usuarios activos.",
                "Migración de la plataforma de pagos a {x}, reduciendo las incidencias en un 60 %.",
                "Mentoría de tres desarrolladores junior y definición de buenas prácticas de código.",
                "Automatización de pruebas e integración continua del equipo de producto.",
            ),
        },
        degrees={
            "en": (
                ("B.Sc.", "Computer Science", "univ"),
                ("Bachelor of Science", "Computer Science", "univ"),
                ("M.Sc.", "Software Engineering", "univ"),
                ("BEng", "Software Engineering", "univ"),
            ),
            "de": (
                ("B.Sc.", "Informatik", "univ"),
                ("M.Sc.", "Wirtschaftsinformatik", "univ"),
                ("Diplom", "Informatik", "univ"),
                ("Ausbildung", "Fachinformatiker für Anwendungsentwicklung", "voc"),
            ),
            "fr": (
                ("Master", "Informatique", "univ"),
                ("Diplôme d'ingénieur", "Génie logiciel", "univ"),
                ("Licence", "Informatique", "univ"),
                ("BUT", "Informatique", "voc"),
            ),
            "es": (
                ("Grado", "Ingeniería Informática", "univ"),
                ("Máster", "Ingeniería del Software", "univ"),
                ("Técnico Superior", "Desarrollo de Aplicaciones Web", "voc"),
            ),
        },
        tech=True,
    ),
    Trade(
        key="data",
        sectors=("tech", "finance", "retail"),
        titles={
            "en": (
                "Junior Data Analyst",
                "Data Analyst",
                "Data Engineer",
                "Data Scientist",
                "Senior Data Engineer",
                "Head of Data",
            ),
            "de": (
                "Data Analyst",
                "Data Engineer",
                "Data Scientist",
                "Senior Data Engineer",
                "Teamleiter Data & Analytics|Teamleiterin Data & Analytics",
            ),
            "fr": (
                "Analyste de données",
                "Data engineer",
                "Data scientist",
                "Data engineer senior",
                "Responsable data",
            ),
            "es": (
                "Analista de datos",
                "Ingeniero de datos|Ingeniera de datos",
                "Científico de datos|Científica de datos",
                "Ingeniero de datos sénior|Ingeniera de datos sénior",
                "Responsable de datos",
            ),
        },
        skills=(
            "Python",
            "SQL",
            "Apache Spark",
            "Apache Airflow",
            "Apache Kafka",
            "dbt",
            "pandas",
            "Power BI",
            "Tableau",
            "Snowflake",
            "scikit-learn",
            "R",
            "Google BigQuery",
            "Machine learning",
            "Excel",
            "PostgreSQL",
            "Docker",
            "Git",
            "AWS",
        ),
        bullets={
            "en": (
                "Designed batch and streaming pipelines in {x} and {y} processing 4 TB per day.",
                "Built self-service dashboards in {x} used by 300 colleagues across sales and finance.",
                "Trained a churn model with {x} that lifted retention campaign response by 18%.",
                "Worked with the R&D department to define data quality checks for sensor data.",
            ),
            "de": (
                "Aufbau von Datenpipelines mit {x} und {y} (täglich ca. 2 Mrd. Datensätze).",
                "Entwicklung von Management-Dashboards in {x} für Vertrieb und Controlling.",
                "Prognosemodelle für den Absatz mit {x}; Prognosefehler um 22 % gesenkt.",
                "Zusammenarbeit mit der F&E-Abteilung bei der Auswertung von Messdaten.",
            ),
            "fr": (
                "Mise en place de pipelines de données avec {x} et {y} (3 To par jour).",
                "Création de tableaux de bord sous {x} pour les équipes commerciales.",
                "Modèle de prévision de la demande avec {x} (erreur réduite de 20 %).",
                "Collaboration avec le service R&D sur la qualité des données capteurs.",
            ),
            "es": (
                "Diseño de pipelines de datos con {x} y {y} que procesan 5 TB diarios.",
                "Creación de cuadros de mando en {x} para dirección comercial y financiera.",
                "Modelo de predicción de bajas con {x} que mejoró la retención un 15 %.",
                "Colaboración con el departamento de I+D en la calidad de los datos.",
            ),
        },
        degrees={
            "en": (
                ("M.Sc.", "Data Science", "univ"),
                ("B.Sc.", "Statistics", "univ"),
                ("BA", "Economics", "univ"),
                ("MSc", "Business Analytics", "univ"),
            ),
            "de": (("M.Sc.", "Data Science", "univ"), ("B.Sc.", "Statistik", "univ"), ("B.Sc.", "Mathematik", "univ")),
            "fr": (
                ("Master", "Science des données", "univ"),
                ("Diplôme d'ingénieur", "Statistique", "univ"),
                ("Licence", "Mathématiques", "univ"),
            ),
            "es": (
                ("Máster", "Ciencia de Datos", "univ"),
                ("Grado", "Matemáticas", "univ"),
                ("Grado", "Estadística", "univ"),
            ),
        },
        tech=True,
    ),
    Trade(
        key="nurse",
        sectors=("health",),
        titles={
            "en": ("Staff Nurse", "Registered Nurse", "ICU Nurse", "Charge Nurse", "Nurse Manager"),
            "de": (
                "Gesundheits- und Krankenpfleger|Gesundheits- und Krankenpflegerin",
                "Pflegefachkraft",
                "Fachkrankenpfleger Intensivpflege|Fachkrankenpflegerin Intensivpflege",
                "Stationsleitung",
            ),
            "fr": (
                "Infirmier|Infirmière",
                "Infirmier en réanimation|Infirmière en réanimation",
                "Infirmier de bloc opératoire|Infirmière de bloc opératoire",
                "Cadre de santé",
            ),
            "es": (
                "Enfermero|Enfermera",
                "Enfermero de UCI|Enfermera de UCI",
                "Enfermero de quirófano|Enfermera de quirófano",
                "Supervisor de enfermería|Supervisora de enfermería",
            ),
        },
        skills=(
            "Nursing",
            "Patient care",
            "Wound care",
            "Medication administration",
            "Triage",
            "Infection control",
            "Intensive care",
            "Palliative care",
            "Phlebotomy",
            "Electronic health records",
            "BLS",
            "ACLS",
            "Microsoft Office",
        ),
        bullets={
            "en": (
                "Provided {a} for up to 8 patients per shift on a 32-bed surgical ward.",
                "Led {a} audits that reduced hospital-acquired infections by 25%.",
                "Trained new starters and student nurses in {a} and documentation standards.",
                "Coordinated discharges with physicians, social workers and families.",
            ),
            "de": (
                "Pflege und Betreuung von bis zu 10 Patienten pro Schicht auf einer chirurgischen Station.",
                "Verantwortlich für {a} und {b} nach aktuellen Expertenstandards.",
                "Praxisanleitung von Auszubildenden und neuen Kolleginnen und Kollegen.",
                "Mitarbeit im Qualitätszirkel; Sturzrate auf der Station um 30 % gesenkt.",
            ),
            "fr": (
                "Prise en charge de 12 patients par poste en service de chirurgie.",
                "Réalisation des soins techniques : {a}, {b}.",
                "Tutorat des étudiants infirmiers et accueil des nouveaux arrivants.",
                "Participation à la démarche qualité et à la certification HAS.",
            ),
            "es": (
                "Atención integral a 10 pacientes por turno en la unidad de cirugía general.",
                "Responsable de {a} y {b} según los protocolos del hospital.",
                "Formación de estudiantes en prácticas y de personal de nueva incorporación.",
                "Participación en la comisión de calidad y seguridad del paciente.",
            ),
        },
        degrees={
            "en": (
                ("Bachelor of Science", "Nursing", "univ"),
                ("Diploma", "Adult Nursing", "nursing"),
                ("Associate Degree", "Nursing", "voc"),
            ),
            "de": (
                ("Staatliches Examen", "Gesundheits- und Krankenpflege", "nursing"),
                ("B.Sc.", "Pflegewissenschaft", "univ"),
                ("Fachweiterbildung", "Intensivpflege und Anästhesie", "nursing"),
            ),
            "fr": (
                ("Diplôme d'État", "Soins infirmiers", "nursing"),
                ("Master", "Sciences cliniques infirmières", "univ"),
                ("Diplôme universitaire", "Soins palliatifs", "univ"),
            ),
            "es": (
                ("Grado", "Enfermería", "univ"),
                ("Máster", "Enfermería de Urgencias", "univ"),
                ("Experto universitario", "Cuidados Intensivos", "univ"),
            ),
        },
        office=False,
    ),
    Trade(
        key="accountant",
        sectors=("finance", "finance", "industry", "retail", "logistics"),
        titles={
            "en": (
                "Accounts Assistant",
                "Bookkeeper",
                "Accountant",
                "Senior Accountant",
                "Financial Controller",
                "Finance Manager",
            ),
            "de": (
                "Buchhalter|Buchhalterin",
                "Finanzbuchhalter|Finanzbuchhalterin",
                "Bilanzbuchhalter|Bilanzbuchhalterin",
                "Controller|Controllerin",
                "Leiter Rechnungswesen|Leiterin Rechnungswesen",
            ),
            "fr": (
                "Assistant comptable|Assistante comptable",
                "Comptable",
                "Comptable général|Comptable générale",
                "Contrôleur de gestion|Contrôleuse de gestion",
                "Chef comptable|Cheffe comptable",
            ),
            "es": (
                "Auxiliar contable",
                "Contable",
                "Técnico contable|Técnica contable",
                "Controller financiero|Controller financiera",
                "Jefe de contabilidad|Jefa de contabilidad",
            ),
        },
        skills=(
            "Accounting",
            "Excel",
            "SAP",
            "Financial reporting",
            "Accounts payable",
            "Accounts receivable",
            "Payroll",
            "IFRS",
            "Budgeting",
            "QuickBooks",
            "Sage",
            "Power BI",
            "Microsoft Office",
        ),
        bullets={
            "en": (
                "Prepared monthly and year-end accounts for 3 entities with combined revenue of $45M.",
                "Owned {a} and {b} for 1,200 suppliers and customers.",
                "Cut the month-end close from 10 to 6 working days by automating reconciliations in {x}.",
                "Supported the external audit and prepared VAT returns.",
            ),
            "de": (
                "Erstellung der Monats- und Jahresabschlüsse nach HGB für drei Gesellschaften.",
                "Verantwortung für {a} und {b} (ca. 900 Kreditoren).",
                "Verkürzung des Monatsabschlusses von 9 auf 5 Arbeitstage durch Automatisierung in {x}.",
                "Ansprechpartner für Wirtschaftsprüfer und Steuerberater.",
            ),
            "fr": (
                "Tenue de la comptabilité générale et clôtures mensuelles de 4 filiales.",
                "Prise en charge : {a} et {b} (1 500 factures par mois).",
                "Mise en place de rapprochements automatisés sous {x}.",
                "Préparation des déclarations de TVA et du dossier de révision.",
            ),
            "es": (
                "Cierre contable mensual y anual de tres sociedades del grupo.",
                "Gestión de {a} y {b} con más de 1.000 proveedores.",
                "Automatización de conciliaciones bancarias con {x}, ahorrando 20 horas al mes.",
                "Preparación de impuestos (IVA, IRPF) y apoyo a la auditoría externa.",
            ),
        },
        degrees={
            "en": (
                ("BA", "Accounting and Finance", "univ"),
                ("Bachelor of Business Administration", "Accounting", "univ"),
                ("MSc", "Finance", "univ"),
            ),
            "de": (
                ("B.A.", "Betriebswirtschaftslehre", "univ"),
                ("M.A.", "Accounting & Finance", "univ"),
                ("Diplom", "Betriebswirtschaft", "univ"),
            ),
            "fr": (
                ("DCG", "Comptabilité et gestion", "voc"),
                ("Master CCA", "Comptabilité, contrôle, audit", "univ"),
                ("BTS", "Comptabilité et gestion", "voc"),
            ),
            "es": (
                ("Grado", "Administración y Dirección de Empresas", "univ"),
                ("Técnico Superior", "Administración y Finanzas", "voc"),
                ("Máster", "Auditoría de Cuentas", "univ"),
            ),
        },
    ),
    Trade(
        key="logistics",
        sectors=("logistics", "logistics", "retail"),
        titles={
            "en": (
                "Warehouse Associate",
                "Forklift Operator",
                "Warehouse Team Leader",
                "Logistics Coordinator",
                "Warehouse Supervisor",
                "Warehouse Manager",
            ),
            "de": (
                "Lagerhelfer|Lagerhelferin",
                "Fachkraft für Lagerlogistik",
                "Staplerfahrer|Staplerfahrerin",
                "Schichtleiter Logistik|Schichtleiterin Logistik",
                "Lagerleiter|Lagerleiterin",
            ),
            "fr": (
                "Préparateur de commandes|Préparatrice de commandes",
                "Cariste",
                "Magasinier|Magasinière",
                "Chef d'équipe logistique|Cheffe d'équipe logistique",
                "Responsable d'entrepôt",
            ),
            "es": (
                "Mozo de almacén|Moza de almacén",
                "Carretillero|Carretillera",
                "Preparador de pedidos|Preparadora de pedidos",
                "Coordinador logístico|Coordinadora logística",
                "Jefe de almacén|Jefa de almacén",
            ),
        },
        skills=(
            "Forklift operation",
            "Inventory management",
            "Order picking",
            "Shipping and receiving",
            "Supply chain management",
            "Health and safety",
            "WMS",
            "SAP",
            "Excel",
            "Lean manufacturing",
        ),
        bullets={
            "en": (
                "Picked and packed 180+ orders per shift with 99.8% accuracy.",
                "Ran {a} and cycle counts for 6,000 SKUs using {x}.",
                "Trained 12 new starters on {a} and safe manual handling.",
                "Coordinated 40 inbound and outbound trucks a day with carriers.",
            ),
            "de": (
                "Kommissionierung von über 200 Aufträgen pro Schicht mit Handscanner.",
                "Verantwortlich für {a} und Inventur von ca. 5.000 Artikeln in {x}.",
                "Einweisung neuer Mitarbeitender in {a}.",
                "Koordination von 35 Lkw-Anlieferungen täglich.",
            ),
            "fr": (
                "Préparation de 250 colis par jour en zone froide.",
                "Gestion des inventaires tournants et suivi des écarts sous {x}.",
                "Formation des intérimaires aux règles de {a}.",
                "Chargement et déchargement des camions, contrôle des bons de livraison.",
            ),
            "es": (
                "Preparación de más de 200 pedidos diarios con radiofrecuencia.",
                "Control de inventario de 4.000 referencias con {x}.",
                "Formación de personal nuevo en {a}.",
                "Carga y descarga de camiones y control de albaranes.",
            ),
        },
        degrees={
            "en": (
                ("Level 3 Diploma", "Logistics Operations", "voc"),
                ("Associate of Applied Science", "Supply Chain Management", "voc"),
                ("High School Diploma", None, "school"),
            ),
            "de": (
                ("Ausbildung", "Fachkraft für Lagerlogistik", "voc"),
                ("Ausbildung", "Fachlagerist", "voc"),
                ("Weiterbildung", "Logistikmeister (IHK)", "voc"),
            ),
            "fr": (
                ("CAP", "Opérateur logistique", "voc"),
                ("Bac pro", "Logistique", "voc"),
                ("BTS", "Gestion des transports et logistique associée", "voc"),
            ),
            "es": (
                ("Técnico Superior", "Transporte y Logística", "voc"),
                ("Certificado de profesionalidad", "Actividades auxiliares de almacén", "voc"),
            ),
        },
        office=False,
    ),
    Trade(
        key="electrician",
        sectors=("industry",),
        titles={
            "en": (
                "Apprentice Electrician",
                "Electrician",
                "Welder",
                "Maintenance Electrician",
                "Industrial Electrician",
                "Electrical Supervisor",
            ),
            "de": (
                "Elektriker|Elektrikerin",
                "Elektroniker für Betriebstechnik|Elektronikerin für Betriebstechnik",
                "Schweißer|Schweißerin",
                "Industrieelektriker|Industrieelektrikerin",
                "Elektromeister|Elektromeisterin",
            ),
            "fr": (
                "Électricien|Électricienne",
                "Soudeur|Soudeuse",
                "Électricien industriel|Électricienne industrielle",
                "Technicien de maintenance|Technicienne de maintenance",
                "Chef de chantier électricité|Cheffe de chantier électricité",
            ),
            "es": (
                "Electricista",
                "Soldador|Soldadora",
                "Oficial electricista",
                "Técnico de mantenimiento|Técnica de mantenimiento",
                "Encargado de obra eléctrica|Encargada de obra eléctrica",
            ),
        },
        skills=(
            "Electrical installation",
            "PLC programming",
            "Welding",
            "TIG welding",
            "MIG/MAG welding",
            "Blueprint reading",
            "Troubleshooting",
            "Preventive maintenance",
            "AutoCAD",
            "Health and safety",
        ),
        bullets={
            "en": (
                "Installed and tested lighting, power and control circuits on commercial sites.",
                "Carried out {a} and {b} on 40 packaging lines, cutting downtime by 15%.",
                "Performed {a} on stainless steel pipework to ISO 9606 standards.",
                "Read schematics and wiring diagrams and kept the as-built records up to date.",
            ),
            "de": (
                "Installation und Prüfung von Niederspannungsanlagen nach DIN VDE 0100.",
                "{a} und {b} an Produktionsanlagen im Dreischichtbetrieb.",
                "{a} von Edelstahlrohrleitungen nach DIN EN ISO 9606.",
                "Dokumentation der Prüfprotokolle und Einweisung von Auszubildenden.",
            ),
            "fr": (
                "Installation et mise en service d'armoires électriques sur chantiers tertiaires.",
                "{a} et {b} sur les lignes de conditionnement.",
                "{a} de structures métalliques et de tuyauteries inox.",
                "Lecture de schémas et mise à jour des dossiers d'ouvrages exécutés.",
            ),
            "es": (
                "Montaje y mantenimiento de instalaciones eléctricas de baja tensión.",
                "{a} y {b} en líneas de envasado.",
                "{a} de estructuras metálicas y tuberías de acero inoxidable.",
                "Lectura de esquemas eléctricos y elaboración de informes de averías.",
            ),
        },
        degrees={
            "en": (
                ("NVQ Level 3", "Electrotechnical Services", "voc"),
                ("Certificate", "Electrical Technology", "voc"),
                ("Associate Degree", "Welding Technology", "voc"),
            ),
            "de": (
                ("Ausbildung", "Elektroniker für Betriebstechnik", "voc"),
                ("Meisterprüfung", "Elektrotechnik", "voc"),
                ("Ausbildung", "Konstruktionsmechaniker", "voc"),
            ),
            "fr": (
                ("CAP", "Électricien", "voc"),
                ("Bac pro", "Métiers de l'électricité", "voc"),
                ("BTS", "Électrotechnique", "voc"),
            ),
            "es": (
                ("Técnico", "Instalaciones Eléctricas y Automáticas", "voc"),
                ("Técnico Superior", "Automatización y Robótica Industrial", "voc"),
                ("Técnico", "Soldadura y Calderería", "voc"),
            ),
        },
        office=False,
    ),
    Trade(
        key="teacher",
        sectors=("education",),
        titles={
            "en": (
                "Teaching Assistant",
                "Primary School Teacher",
                "Mathematics Teacher",
                "English Teacher",
                "Head of Department",
            ),
            "de": (
                "Lehrer|Lehrerin",
                "Grundschullehrer|Grundschullehrerin",
                "Gymnasiallehrer|Gymnasiallehrerin",
                "Fachbereichsleiter Mathematik|Fachbereichsleiterin Mathematik",
            ),
            "fr": (
                "Professeur des écoles|Professeure des écoles",
                "Enseignant|Enseignante",
                "Professeur de mathématiques|Professeure de mathématiques",
                "Conseiller pédagogique|Conseillère pédagogique",
            ),
            "es": (
                "Maestro de primaria|Maestra de primaria",
                "Profesor de matemáticas|Profesora de matemáticas",
                "Profesor de inglés|Profesora de inglés",
                "Jefe de departamento|Jefa de departamento",
            ),
        },
        skills=(
            "Lesson planning",
            "Classroom management",
            "Curriculum development",
            "Special education",
            "Moodle",
            "Google Classroom",
            "Microsoft Office",
        ),
        bullets={
            "en": (
                "Taught mathematics to classes of 30 pupils aged 11 to 16.",
                "Raised GCSE pass rates in my classes from 64% to 81% over two years.",
                "Developed {a} materials and ran the school's {x} platform.",
                "Organised the annual science fair and after-school coding club.",
            ),
            "de": (
                "Unterricht in Mathematik und Physik in den Klassen 5 bis 12.",
                "Klassenleitung einer 7. Klasse mit 28 Schülerinnen und Schülern.",
                "Einführung von {x} als Lernplattform für die Oberstufe.",
                "Organisation von Schüleraustausch und Projektwochen.",
            ),
            "fr": (
                "Enseignement des mathématiques en classes de 6e à 3e.",
                "Professeur principal d'une classe de 4e (27 élèves).",
                "Utilisation de {x} pour le suivi des devoirs en ligne.",
                "Organisation de sorties pédagogiques et d'ateliers scientifiques.",
            ),
            "es": (
                "Docencia de matemáticas en ESO y Bachillerato.",
                "Tutoría de un grupo de 2.º de ESO con 25 alumnos.",
                "Implantación de {x} como aula virtual del centro.",
                "Coordinación de actividades extraescolares y proyectos de innovación.",
            ),
        },
        degrees={
            "en": (
                ("PGCE", "Secondary Mathematics", "univ"),
                ("B.Ed.", "Primary Education", "univ"),
                ("BA", "English Literature", "univ"),
            ),
            "de": (
                ("Erstes Staatsexamen", "Lehramt an Gymnasien", "univ"),
                ("M.Ed.", "Mathematik und Physik", "univ"),
                ("B.A.", "Germanistik", "univ"),
            ),
            "fr": (
                ("Master MEEF", "Premier degré", "univ"),
                ("CAPES", "Mathématiques", "univ"),
                ("Licence", "Lettres modernes", "univ"),
            ),
            "es": (
                ("Grado", "Educación Primaria", "univ"),
                ("Máster", "Formación del Profesorado", "univ"),
                ("Licenciatura", "Matemáticas", "univ"),
            ),
        },
    ),
    Trade(
        key="sales",
        sectors=("retail", "industry", "tech"),
        titles={
            "en": (
                "Sales Assistant",
                "Sales Representative",
                "Account Manager",
                "Key Account Manager",
                "Regional Sales Manager",
                "Sales Director",
            ),
            "de": (
                "Vertriebsmitarbeiter|Vertriebsmitarbeiterin",
                "Außendienstmitarbeiter|Außendienstmitarbeiterin",
                "Key Account Manager|Key Account Managerin",
                "Vertriebsleiter|Vertriebsleiterin",
            ),
            "fr": (
                "Commercial sédentaire|Commerciale sédentaire",
                "Chargé d'affaires|Chargée d'affaires",
                "Responsable grands comptes",
                "Directeur commercial|Directrice commerciale",
            ),
            "es": (
                "Comercial",
                "Ejecutivo de cuentas|Ejecutiva de cuentas",
                "Key Account Manager",
                "Director comercial|Directora comercial",
            ),
        },
        skills=(
            "Salesforce",
            "CRM",
            "HubSpot",
            "Negotiation",
            "B2B sales",
            "Lead generation",
            "Key account management",
            "Customer service",
            "Cold calling",
            "Excel",
            "Microsoft Office",
        ),
        bullets={
            "en": (
                "Grew territory revenue from $1.2M to $2.1M in two years.",
                "Managed 45 key accounts in retail and hospitality; 96% renewal rate.",
                "Generated 60 qualified leads a month through {a} and {b}.",
                "Kept the pipeline and forecasts up to date in {x}.",
            ),
            "de": (
                "Umsatzsteigerung im Vertriebsgebiet Süd um 35 % innerhalb von zwei Jahren.",
                "Betreuung von 50 Bestandskunden aus Handel und Industrie.",
                "Neukundengewinnung durch {a} und {b}.",
                "Pflege der Verkaufschancen und Forecasts in {x}.",
            ),
            "fr": (
                "Développement d'un portefeuille de 80 clients PME en Auvergne-Rhône-Alpes.",
                "Chiffre d'affaires en hausse de 28 % sur le secteur.",
                "Prospection et {a} auprès des nouveaux comptes.",
                "Suivi du pipeline commercial sous {x}.",
            ),
            "es": (
                "Incremento de la facturación de la zona centro en un 30 %.",
                "Gestión de una cartera de 60 clientes de distribución y hostelería.",
                "Captación de nuevos clientes mediante {a} y {b}.",
                "Seguimiento de oportunidades y previsiones en {x}.",
            ),
        },
        degrees={
            "en": (
                ("BA", "Business Administration", "univ"),
                ("BBA", "Marketing", "univ"),
                ("Associate Degree", "Business", "voc"),
            ),
            "de": (
                ("B.A.", "Betriebswirtschaftslehre", "univ"),
                ("B.A.", "International Business", "univ"),
                ("Ausbildung", "Groß- und Außenhandelsmanagement", "voc"),
            ),
            "fr": (
                ("BTS", "Négociation et digitalisation de la relation client", "voc"),
                ("Master", "Marketing et vente", "univ"),
                ("Bachelor", "Commerce international", "univ"),
            ),
            "es": (
                ("Grado", "Marketing e Investigación de Mercados", "univ"),
                ("Técnico Superior", "Gestión de Ventas y Espacios Comerciales", "voc"),
                ("Máster", "Dirección Comercial", "univ"),
            ),
        },
    ),
    Trade(
        key="project",
        sectors=("tech", "industry", "finance"),
        titles={
            "en": (
                "Project Coordinator",
                "Project Manager",
                "IT Project Manager",
                "Senior Project Manager",
                "Programme Manager",
            ),
            "de": (
                "Projektassistent|Projektassistentin",
                "Projektmanager|Projektmanagerin",
                "IT-Projektleiter|IT-Projektleiterin",
                "Senior Projektmanager|Senior Projektmanagerin",
            ),
            "fr": (
                "Assistant chef de projet|Assistante cheffe de projet",
                "Chef de projet|Cheffe de projet",
                "Chef de projet IT|Cheffe de projet IT",
                "Directeur de programme|Directrice de programme",
            ),
            "es": (
                "Técnico de proyectos|Técnica de proyectos",
                "Jefe de proyecto|Jefa de proyecto",
                "Project Manager",
                "Director de programa|Directora de programa",
            ),
        },
        skills=(
            "Project management",
            "Agile",
            "Scrum",
            "Jira",
            "Confluence",
            "PRINCE2",
            "PMP",
            "Risk management",
            "Stakeholder management",
            "Microsoft Project",
            "Budgeting",
            "Excel",
            "SAP",
        ),
        bullets={
            "en": (
                "Delivered an ERP rollout to 14 sites on time and 6% under a €3.4M budget.",
                "Ran sprint ceremonies for three teams and tracked delivery in {x}.",
                "Set up {a} and reporting for the steering committee.",
                "Coordinated 25 internal and external stakeholders across four countries.",
            ),
            "de": (
                "Leitung der Einführung eines ERP-Systems an 9 Standorten (Budget 2,8 Mio. €).",
                "Steuerung von drei Entwicklungsteams; Planung und Nachverfolgung in {x}.",
                "Aufbau von {a} und Berichtswesen für den Lenkungsausschuss.",
                "Koordination interner Fachbereiche und externer Dienstleister.",
            ),
            "fr": (
                "Pilotage du déploiement d'un ERP sur 11 sites (budget de 2,5 M€).",
                "Animation des rituels d'équipe et suivi des tâches sous {x}.",
                "Mise en place du reporting au comité de pilotage ({a}).",
                "Coordination de 20 parties prenantes internes et externes.",
            ),
            "es": (
                "Dirección de la implantación de un ERP en 8 centros (presupuesto de 2 M€).",
                "Coordinación de tres equipos de desarrollo y seguimiento en {x}.",
                "Definición de los informes al comité de dirección ({a}).",
                "Interlocución con clientes, proveedores y áreas internas.",
            ),
        },
        degrees={
            "en": (
                ("MBA", None, "univ"),
                ("B.Sc.", "Industrial Engineering", "univ"),
                ("MSc", "Project Management", "univ"),
            ),
            "de": (
                ("M.Sc.", "Wirtschaftsingenieurwesen", "univ"),
                ("Dipl.-Ing.", "Maschinenbau", "univ"),
                ("MBA", None, "univ"),
            ),
            "fr": (
                ("Master", "Management de projets", "univ"),
                ("Diplôme d'ingénieur", "Génie industriel", "univ"),
                ("MBA", None, "univ"),
            ),
            "es": (
                ("Grado", "Ingeniería Industrial", "univ"),
                ("Máster", "Dirección de Proyectos", "univ"),
                ("MBA", None, "univ"),
            ),
        },
    ),
)

# Summary templates: {title} (the current title), {years}, {a} {b} {c} (skills as printed).
SUMMARIES: dict[str, tuple[str, ...]] = {
    "en": (
        "{title} with {years} years of experience in {a} and {b}.",
        "Reliable professional with {years}+ years of hands-on experience. Strong background in {a}, {b} and {c}.",
        "{title} with {years} years' experience, known for {a} and {b}. Looking for a new challenge in a growing team.",
    ),
    "de": (
        "{title} mit {years} Jahren Berufserfahrung, Schwerpunkte {a} und {b}.",
        "Zuverlässig und teamorientiert: {years} Jahre Praxis mit Kenntnissen in {a}, {b} und {c}.",
    ),
    "fr": (
        "{title} avec {years} ans d'expérience, spécialisé(e) en {a} et {b}.",
        "{years} ans d'expérience professionnelle ; maîtrise de {a}, {b} et {c}.",
    ),
    "es": (
        "{title} con {years} años de experiencia en {a} y {b}.",
        "Profesional con {years} años de experiencia y conocimientos sólidos de {a}, {b} y {c}.",
    ),
}

LANGUAGE_NAMES: dict[str, dict[str, str]] = {
    "en": {
        "en": "English",
        "de": "German",
        "fr": "French",
        "es": "Spanish",
        "it": "Italian",
        "pt": "Portuguese",
        "ar": "Arabic",
        "zh": "Mandarin",
        "hi": "Hindi",
        "pl": "Polish",
        "tr": "Turkish",
        "ru": "Russian",
    },
    "de": {
        "en": "Englisch",
        "de": "Deutsch",
        "fr": "Französisch",
        "es": "Spanisch",
        "it": "Italienisch",
        "pt": "Portugiesisch",
        "ar": "Arabisch",
        "zh": "Chinesisch",
        "hi": "Hindi",
        "pl": "Polnisch",
        "tr": "Türkisch",
        "ru": "Russisch",
    },
    "fr": {
        "en": "Anglais",
        "de": "Allemand",
        "fr": "Français",
        "es": "Espagnol",
        "it": "Italien",
        "pt": "Portugais",
        "ar": "Arabe",
        "zh": "Chinois",
        "hi": "Hindi",
        "pl": "Polonais",
        "tr": "Turc",
        "ru": "Russe",
    },
    "es": {
        "en": "Inglés",
        "de": "Alemán",
        "fr": "Francés",
        "es": "Español",
        "it": "Italiano",
        "pt": "Portugués",
        "ar": "Árabe",
        "zh": "Chino",
        "hi": "Hindi",
        "pl": "Polaco",
        "tr": "Turco",
        "ru": "Ruso",
    },
}

LANGUAGE_LEVELS: dict[str, tuple[str, tuple[str, ...]]] = {
    # (native, other levels)
    "en": ("native", ("fluent", "C1", "B2", "intermediate", "basic")),
    "de": ("Muttersprache", ("fließend", "verhandlungssicher", "C1", "B2", "Grundkenntnisse")),
    "fr": ("langue maternelle", ("courant", "bilingue", "C1", "B2", "notions")),
    "es": ("nativo", ("bilingüe", "fluido", "C1", "B2", "básico")),
}

# Mother tongue by name origin (people.NameSpec.origin); others take the resume's language.
NATIVE_LANGUAGE: dict[str, str] = {
    "de": "de",
    "fr": "fr",
    "es": "es",
    "gb": "en",
    "us": "en",
    "ie": "en",
    "ng": "en",
    "cn": "zh",
    "ru": "ru",
    "ar": "ar",
    "ma": "ar",
    "tr": "tr",
    "pl": "pl",
    "pt": "pt",
    "in": "hi",
}

# Bullets that fit any job, mixed into every trade's pool so long careers repeat less. Some carry
# dates and numbers that are neither phones nor employment dates.
GENERIC_BULLETS: dict[str, tuple[str, ...]] = {
    "en": (
        "Employee of the Quarter, Q3 2019.",
        "Worked with the R&D and quality teams on process improvements.",
        "Covered weekend and night shifts during peak season (Nov–Dec 2021).",
        "Onboarded and buddied 6 new colleagues.",
    ),
    "de": (
        "Auszeichnung für Verbesserungsvorschläge (Q3/2019).",
        "Mitarbeit in bereichsübergreifenden Verbesserungsprojekten.",
        "Vertretung der Teamleitung während der Elternzeit (04/2021 – 09/2021).",
        "Einarbeitung von 6 neuen Kolleginnen und Kollegen.",
    ),
    "fr": (
        "Participation aux projets transverses d'amélioration continue.",
        "Remplacement du responsable d'équipe pendant son congé (avril à septembre 2021).",
        "Accueil et formation de 6 nouveaux collaborateurs.",
        "Prix de l'innovation interne 2019.",
    ),
    "es": (
        "Participación en proyectos transversales de mejora continua.",
        "Sustitución del responsable de equipo durante su baja (abril–septiembre de 2021).",
        "Acogida y formación de 6 nuevos compañeros.",
        "Premio a la innovación interna 2019.",
    ),
}

INTERESTS: dict[str, tuple[str, ...]] = {
    "en": ("Running", "Chess", "Photography", "Hiking", "Cooking", "Volunteering at a food bank", "Football"),
    "de": ("Laufen", "Schach", "Fotografie", "Wandern", "Kochen", "Ehrenamt bei der Tafel", "Fußball"),
    "fr": ("Course à pied", "Échecs", "Photographie", "Randonnée", "Cuisine", "Bénévolat", "Football"),
    "es": ("Correr", "Ajedrez", "Fotografía", "Senderismo", "Cocina", "Voluntariado", "Fútbol"),
}

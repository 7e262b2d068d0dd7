"""Skills the generated resumes list: canonical names (what the truth records), the form each
language prints, and well-known aliases printed now and then ("Postgres" for PostgreSQL)."""

from dataclasses import dataclass, field


@dataclass(frozen=True, slots=True)
class Skill:
    canonical: str
    local: dict[str, str] = field(default_factory=dict)  # printed form by language when it differs
    aliases: tuple[str, ...] = ()
    generic: bool = False  # a common noun ("Wound care"), lower-cased inside sentences

    def printed(self, lang: str) -> str:
        return self.local.get(lang, self.canonical)


def _g(canonical: str, de: str, fr: str, es: str, *aliases: str) -> Skill:
    return Skill(canonical, {"de": de, "fr": fr, "es": es}, aliases, generic=True)


def _t(canonical: str, *aliases: str) -> Skill:
    return Skill(canonical, {}, aliases)


_ALL: tuple[Skill, ...] = (
    # Software and data
    _t("Python"),
    _t("JavaScript", "JS"),
    _t("TypeScript"),
    _t("React", "React.js"),
    _t("Node.js", "NodeJS"),
    _t("Django"),
    _t("PostgreSQL", "Postgres"),
    _t("MySQL"),
    _t("Docker"),
    _t("Kubernetes", "K8s"),
    _t("AWS", "Amazon Web Services"),
    _t("Microsoft Azure", "Azure"),
    _t("Git"),
    _t("Java"),
    _t("Spring Boot"),
    _t("Linux"),
    _t("CI/CD"),
    _t("Go", "Golang"),
    _t("Redis"),
    _t("GraphQL"),
    _t("Terraform"),
    _t("SQL"),
    _t("Apache Spark", "Spark"),
    _t("Apache Airflow", "Airflow"),
    _t("Apache Kafka", "Kafka"),
    _t("dbt"),
    _t("pandas"),
    _t("Power BI"),
    _t("Tableau"),
    _t("Snowflake"),
    _t("scikit-learn"),
    _t("R"),
    _t("Google BigQuery", "BigQuery"),
    _g("Machine learning", "Maschinelles Lernen", "Apprentissage automatique", "Aprendizaje automático"),
    # Office and finance
    _t("Excel", "MS Excel", "Microsoft Excel"),
    _t("Microsoft Office", "MS Office"),
    _t("SAP"),
    _t("DATEV"),
    _t("QuickBooks"),
    _t("Sage"),
    _t("IFRS"),
    _t("US GAAP"),
    _t("HGB"),
    _g("Accounting", "Buchhaltung", "Comptabilité", "Contabilidad"),
    _g("Financial reporting", "Finanzberichterstattung", "Reporting financier", "Informes financieros"),
    _g("Accounts payable", "Kreditorenbuchhaltung", "Comptabilité fournisseurs", "Cuentas a pagar"),
    _g("Accounts receivable", "Debitorenbuchhaltung", "Comptabilité clients", "Cuentas a cobrar"),
    _g("Payroll", "Lohnbuchhaltung", "Paie", "Nóminas"),
    _g("Budgeting", "Budgetierung", "Gestion budgétaire", "Presupuestos"),
    # Health
    _g("Nursing", "Krankenpflege", "Soins infirmiers", "Enfermería"),
    _g("Patient care", "Patientenversorgung", "Soins aux patients", "Atención al paciente"),
    _g("Wound care", "Wundversorgung", "Soins des plaies", "Cuidado de heridas"),
    _g(
        "Medication administration",
        "Medikamentengabe",
        "Administration des médicaments",
        "Administración de medicamentos",
    ),
    _g("Triage", "Triage", "Triage", "Triaje"),
    _g("Infection control", "Hygienemanagement", "Hygiène hospitalière", "Control de infecciones"),
    _g("Intensive care", "Intensivpflege", "Soins intensifs", "Cuidados intensivos"),
    _g("Palliative care", "Palliativpflege", "Soins palliatifs", "Cuidados paliativos"),
    _g("Phlebotomy", "Blutentnahme", "Prélèvements sanguins", "Extracción de sangre"),
    _g(
        "Electronic health records",
        "Elektronische Patientenakte",
        "Dossier patient informatisé",
        "Historia clínica electrónica",
        "EHR",
    ),
    _t("BLS", "Basic Life Support"),
    _t("ACLS"),
    # Warehouse and logistics
    _g(
        "Forklift operation",
        "Gabelstaplerfahren",
        "Conduite de chariots élévateurs",
        "Manejo de carretillas elevadoras",
        "Forklift",
    ),
    _g("Inventory management", "Lagerverwaltung", "Gestion des stocks", "Gestión de inventario"),
    _g("Order picking", "Kommissionierung", "Préparation de commandes", "Preparación de pedidos"),
    _g("Shipping and receiving", "Wareneingang und Warenausgang", "Réception et expédition", "Recepción y expedición"),
    _g(
        "Supply chain management",
        "Supply Chain Management",
        "Gestion de la chaîne logistique",
        "Gestión de la cadena de suministro",
        "SCM",
    ),
    _g("Health and safety", "Arbeitssicherheit", "Santé et sécurité au travail", "Prevención de riesgos laborales"),
    _t("WMS", "Warehouse management system"),
    _t("Lean manufacturing", "Lean"),
    # Electrical and welding
    _g("Electrical installation", "Elektroinstallation", "Installation électrique", "Instalaciones eléctricas"),
    _g("PLC programming", "SPS-Programmierung", "Programmation d'automates", "Programación de autómatas", "PLC"),
    _g("Welding", "Schweißen", "Soudure", "Soldadura"),
    _g("TIG welding", "WIG-Schweißen", "Soudure TIG", "Soldadura TIG"),
    _g("MIG/MAG welding", "MIG/MAG-Schweißen", "Soudure MIG/MAG", "Soldadura MIG/MAG"),
    _g("Blueprint reading", "Lesen technischer Zeichnungen", "Lecture de plans", "Interpretación de planos"),
    _g("Troubleshooting", "Fehlersuche", "Dépannage", "Resolución de averías"),
    _g("Preventive maintenance", "Vorbeugende Instandhaltung", "Maintenance préventive", "Mantenimiento preventivo"),
    _t("AutoCAD"),
    # Teaching
    _g("Lesson planning", "Unterrichtsplanung", "Préparation de cours", "Planificación de clases"),
    _g("Classroom management", "Klassenführung", "Gestion de classe", "Gestión del aula"),
    _g("Curriculum development", "Lehrplanentwicklung", "Conception de programmes", "Diseño curricular"),
    _g("Special education", "Sonderpädagogik", "Éducation spécialisée", "Educación especial"),
    _t("Moodle"),
    _t("Google Classroom"),
    # Sales
    _t("Salesforce"),
    _t("CRM"),
    _t("HubSpot"),
    _g("Negotiation", "Verhandlungsführung", "Négociation", "Negociación"),
    _g("B2B sales", "B2B-Vertrieb", "Vente B2B", "Ventas B2B"),
    _g("Lead generation", "Leadgenerierung", "Génération de leads", "Generación de leads"),
    _g(
        "Key account management",
        "Key Account Management",
        "Gestion de grands comptes",
        "Gestión de grandes cuentas",
        "KAM",
    ),
    _g("Customer service", "Kundenservice", "Service client", "Atención al cliente"),
    _g("Cold calling", "Kaltakquise", "Prospection téléphonique", "Llamadas en frío"),
    # Project management
    _g("Project management", "Projektmanagement", "Gestion de projet", "Gestión de proyectos"),
    _g("Risk management", "Risikomanagement", "Gestion des risques", "Gestión de riesgos"),
    _g("Stakeholder management", "Stakeholder-Management", "Gestion des parties prenantes", "Gestión de stakeholders"),
    _g("Agile", "Agile Methoden", "Méthodes agiles", "Metodologías ágiles"),
    _t("Scrum"),
    _t("Jira"),
    _t("Confluence"),
    _t("PRINCE2"),
    _t("PMP"),
    _t("Microsoft Project", "MS Project"),
)

SKILLS: dict[str, Skill] = {s.canonical: s for s in _ALL}

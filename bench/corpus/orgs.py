"""Employers and schools: fictional company names built per country and sector, real
universities, and the vocational and nursing schools that trades train in."""

import random

from bench.corpus.people import FAMILY, City, cities_in

COUNTRY_LANGUAGE = {"DE": "de", "FR": "fr", "ES": "es", "GB": "en", "US": "en", "IN": "en"}
FAMILY_ORIGIN = {"DE": "de", "FR": "fr", "ES": "es", "GB": "gb", "US": "us", "IN": "in"}

ROOTS: dict[str, tuple[str, ...]] = {
    "DE": (
        "Nordlicht",
        "Rheinblick",
        "Kranich",
        "Isartal",
        "Ahornfeld",
        "Falkenstein",
        "Weserbogen",
        "Spreewerk",
        "Lindenhof",
        "Mühlbach",
    ),
    "FR": (
        "Lumière",
        "Azur",
        "Cigogne",
        "Ventoux",
        "Obsidienne",
        "Garonne",
        "Beaulieu",
        "Chênaie",
        "Mistral",
        "Vercors",
    ),
    "ES": (
        "Alhambra",
        "Cierzo",
        "Mareas",
        "Levante",
        "Sierra Norte",
        "Tramontana",
        "Albufera",
        "Guadiana",
        "Montseny",
        "Atalaya",
    ),
    "GB": (
        "Thistle",
        "Bramble",
        "Harbourline",
        "Kestrel",
        "Pennine",
        "Ashgrove",
        "Marlow",
        "Heatherfield",
        "Severn",
        "Wexcombe",
    ),
    "US": (
        "Bluegrass",
        "Cobalt Ridge",
        "Prairie",
        "Redwood",
        "Lakeshore",
        "Summit Peak",
        "Ironwood",
        "Cedar Point",
        "Great Plains",
        "Bayside",
    ),
    "IN": ("Sahyadri", "Kaveri", "Nilgiri", "Deccan", "Vindhya", "Konkan", "Aravali", "Narmada"),
}

SAINTS: dict[str, tuple[str, ...]] = {
    "DE": ("St. Marien", "St. Josef", "Elisabeth"),
    "FR": ("Saint-Joseph", "Sainte-Anne", "Saint-Louis"),
    "ES": ("San Rafael", "Santa Clara", "San Juan"),
    "GB": ("St Mary's", "St George's", "St Luke's"),
    "US": ("St. Luke's", "Mercy", "St. Vincent"),
    "IN": ("St. John's", "Holy Family", "St. Martha's"),
}

PATRONS: dict[str, tuple[str, ...]] = {
    "DE": ("Goethe", "Schiller", "Albert-Schweitzer", "Sophie-Scholl", "Käthe-Kollwitz"),
    "FR": ("Victor Hugo", "Jean Moulin", "Marie Curie", "Jules Ferry"),
    "ES": ("Cervantes", "Antonio Machado", "Clara Campoamor", "Ramón y Cajal"),
}

# Employer templates per country and sector: {root}, {city}, {family}, {saint}, {patron}.
EMPLOYERS: dict[str, dict[str, tuple[str, ...]]] = {
    "DE": {
        "tech": ("{root} Software GmbH", "{root} Digital AG", "{root} IT-Services GmbH", "{root} Data SE"),
        "health": (
            "Klinikum {city}",
            "Universitätsklinikum {city}",
            "{saint}-Krankenhaus {city}",
            "Pflegedienst {root} GmbH",
        ),
        "finance": (
            "{root} Treuhand GmbH",
            "Steuerberatung {family} & Partner",
            "{root} Versicherung AG",
            "Sparkasse {city}",
        ),
        "logistics": ("{root} Logistik GmbH", "Spedition {family} GmbH & Co. KG", "{root} Fulfillment GmbH"),
        "industry": (
            "{root} Maschinenbau GmbH",
            "{root} Elektrotechnik GmbH",
            "{family} Metallbau GmbH",
            "Stadtwerke {city}",
        ),
        "education": (
            "{patron}-Gymnasium {city}",
            "Grundschule am {root}",
            "Gesamtschule {city}-Nord",
            "Volkshochschule {city}",
        ),
        "retail": ("{root} Handels GmbH", "{root} Großhandel GmbH", "Autohaus {family}", "{root} Baumarkt GmbH"),
    },
    "FR": {
        "tech": ("{root} Numérique SAS", "{root} Technologies SA", "Groupe {root} Informatique"),
        "health": ("CHU de {city}", "Centre hospitalier de {city}", "Clinique {saint}", "EHPAD Les Tilleuls"),
        "finance": ("Cabinet {family} & Associés", "{root} Expertise Comptable", "Banque {root}", "Mutuelle {root}"),
        "logistics": ("Transports {family}", "{root} Logistique SAS", "Entrepôts {root}"),
        "industry": ("{root} Industrie SAS", "{family} Électricité", "Ateliers {root}"),
        "education": ("Lycée {patron}", "Collège {patron}", "École élémentaire {patron}"),
        "retail": ("{root} Distribution", "Groupe {root}", "{root} Équipements SAS"),
    },
    "ES": {
        "tech": ("{root} Tecnología S.L.", "Soluciones {root} S.A.", "{root} Digital S.L.U."),
        "health": (
            "Hospital Universitario de {city}",
            "Hospital General de {city}",
            "Clínica {root}",
            "Hospital {saint}",
        ),
        "finance": ("Asesoría {family} S.L.", "{root} Auditores S.L.P.", "Caja {root}", "Gestoría {family}"),
        "logistics": ("Transportes {family} S.A.", "{root} Logística S.L.", "Almacenes {root} S.L."),
        "industry": ("{root} Industrial S.A.", "Montajes Eléctricos {family} S.L.", "Talleres {root} S.L."),
        "education": ("IES {patron}", "CEIP {patron}", "Colegio {saint}"),
        "retail": ("Distribuciones {root} S.L.", "Grupo {root}", "{root} Comercial S.A."),
    },
    "GB": {
        "tech": ("{root} Software Ltd", "{root} Analytics Ltd.", "{root} Systems plc"),
        "health": ("{city} Royal Infirmary", "{saint} Hospital", "{root} NHS Foundation Trust"),
        "finance": ("{family} & Co Chartered Accountants", "{root} Building Society", "{root} Insurance Ltd"),
        "logistics": ("{root} Logistics Ltd", "{family} Haulage Ltd", "{root} Distribution Centre"),
        "industry": ("{root} Engineering Ltd", "{family} Electrical Services Ltd", "{root} Fabrication Ltd"),
        "education": ("{city} Academy", "{saint} Primary School", "{root} High School"),
        "retail": ("{root} Retail Group", "{root} Trade Supplies Ltd", "{family} & Sons"),
    },
    "US": {
        "tech": ("{root} Labs Inc.", "{root} Software LLC", "{root} Technologies Corp."),
        "health": ("{saint} Medical Center", "{city} General Hospital", "{root} Health System"),
        "finance": ("{family} & Associates CPAs", "{root} Credit Union", "{root} Financial Group"),
        "logistics": ("{root} Freight LLC", "{root} Distribution Inc.", "{root} Logistics Group"),
        "industry": ("{root} Manufacturing Inc.", "{family} Electric LLC", "{root} Steel Works"),
        "education": ("{city} High School", "{root} Elementary School", "{root} Middle School"),
        "retail": ("{root} Supply Co.", "{root} Outfitters", "{root} Wholesale Inc."),
    },
    "IN": {
        "tech": ("{root} Infotech Pvt. Ltd.", "{root} Software Solutions Pvt Ltd", "{root} Systems Ltd."),
        "health": ("{root} Hospitals", "{city} Medical College Hospital", "{saint} Hospital"),
        "finance": ("{family} & Co. Chartered Accountants", "{root} Finance Ltd.", "{root} Bank"),
        "logistics": ("{root} Logistics Pvt. Ltd.", "{root} Cargo Movers"),
        "industry": ("{root} Engineering Works", "{root} Electricals Pvt. Ltd."),
        "education": ("{root} Public School", "Kendriya Vidyalaya {city}"),
        "retail": ("{root} Retail Ltd.", "{root} Traders"),
    },
}

# Real universities and the city they are in, as written locally.
UNIVERSITIES: dict[str, tuple[tuple[str, str], ...]] = {
    "DE": (
        ("Technische Universität München", "München"),
        ("Universität Hamburg", "Hamburg"),
        ("Karlsruher Institut für Technologie", "Karlsruhe"),
        ("Universität zu Köln", "Köln"),
        ("Humboldt-Universität zu Berlin", "Berlin"),
        ("Hochschule für Technik und Wirtschaft Berlin", "Berlin"),
        ("Technische Universität Dresden", "Dresden"),
        ("Goethe-Universität Frankfurt am Main", "Frankfurt am Main"),
        ("Ludwig-Maximilians-Universität München", "München"),
        ("Universität Leipzig", "Leipzig"),
    ),
    "FR": (
        ("Sorbonne Université", "Paris"),
        ("Université Claude Bernard Lyon 1", "Lyon"),
        ("Université de Bordeaux", "Bordeaux"),
        ("INSA Lyon", "Villeurbanne"),
        ("Université Grenoble Alpes", "Grenoble"),
        ("Université de Strasbourg", "Strasbourg"),
        ("Université Paris-Saclay", "Orsay"),
        ("Université de Lille", "Lille"),
        ("Aix-Marseille Université", "Marseille"),
        ("Nantes Université", "Nantes"),
    ),
    "ES": (
        ("Universidad Complutense de Madrid", "Madrid"),
        ("Universitat de Barcelona", "Barcelona"),
        ("Universidad Politécnica de Madrid", "Madrid"),
        ("Universitat Politècnica de València", "Valencia"),
        ("Universidad de Sevilla", "Sevilla"),
        ("Universidad de Granada", "Granada"),
        ("Universidad de Málaga", "Málaga"),
        ("Universidade da Coruña", "A Coruña"),
        ("Universidad Autónoma de Madrid", "Madrid"),
    ),
    "GB": (
        ("University of Manchester", "Manchester"),
        ("University of Edinburgh", "Edinburgh"),
        ("King's College London", "London"),
        ("University of Leeds", "Leeds"),
        ("University of Bristol", "Bristol"),
        ("Cardiff University", "Cardiff"),
        ("The Open University", "Milton Keynes"),
        ("University College London", "London"),
    ),
    "US": (
        ("University of Texas at Austin", "Austin, TX"),
        ("Ohio State University", "Columbus, OH"),
        ("University of Washington", "Seattle, WA"),
        ("Georgia Institute of Technology", "Atlanta, GA"),
        ("Arizona State University", "Tempe, AZ"),
        ("University of Illinois Urbana-Champaign", "Urbana, IL"),
        ("Boston University", "Boston, MA"),
    ),
    "IN": (
        ("Indian Institute of Technology Bombay", "Mumbai"),
        ("University of Delhi", "New Delhi"),
        ("Anna University", "Chennai"),
        ("Vellore Institute of Technology", "Vellore"),
        ("Savitribai Phule Pune University", "Pune"),
        ("Manipal Academy of Higher Education", "Manipal"),
    ),
}

SCHOOLS: dict[str, dict[str, tuple[str, ...]]] = {
    "voc": {
        "DE": (
            "Staatliche Berufsschule {city}",
            "Berufskolleg {city}-Mitte",
            "Walter-Gropius-Schule {city}",
            "IHK-Bildungszentrum {city}",
        ),
        "FR": ("Lycée professionnel Jean Moulin", "CFA du Bâtiment de {city}", "AFPA {city}", "IUT de {city}"),
        "ES": ("IES Politécnico de {city}", "CIFP {city}", "IES Virgen del Carmen"),
        "GB": ("{city} College", "City of {city} College"),
        "US": ("{city} Community College", "{city} Technical College"),
        "IN": ("Government ITI {city}", "{city} Polytechnic"),
    },
    "nursing": {
        "DE": ("Pflegeschule am Klinikum {city}", "Akademie für Gesundheitsberufe {city}"),
        "FR": ("IFSI de {city}", "IFSI Croix-Rouge de {city}"),
        "ES": ("Escuela de Enfermería de {city}",),
        "GB": ("{city} School of Nursing",),
        "US": ("{city} School of Nursing",),
        "IN": ("{city} College of Nursing",),
    },
    "school": {
        "DE": ("{patron}-Gymnasium {city}",),
        "FR": ("Lycée {patron}",),
        "ES": ("IES {patron}",),
        "GB": ("{city} Academy",),
        "US": ("{city} High School",),
        "IN": ("{root} Public School",),
    },
}


def _fill(rng: random.Random, template: str, country: str, city: City) -> str:
    return template.format(
        root=rng.choice(ROOTS[country]),
        city=city.name(COUNTRY_LANGUAGE[country]),
        family=rng.choice([f for f in FAMILY[FAMILY_ORIGIN[country]] if " " not in f]),
        saint=rng.choice(SAINTS[country]),
        patron=rng.choice(PATRONS.get(country, ("Lincoln",))),
    )


def make_employer(rng: random.Random, country: str, sector: str, city: City) -> str:
    return _fill(rng, rng.choice(EMPLOYERS[country][sector]), country, city)


def make_institution(rng: random.Random, country: str, kind: str) -> tuple[str, str]:
    """An institution of ``kind`` (univ, voc, nursing, school) and its city as written locally."""
    if kind == "univ":
        return rng.choice(UNIVERSITIES[country])
    city = rng.choice(cities_in(country))
    return _fill(rng, rng.choice(SCHOOLS[kind][country]), country, city), city.name(COUNTRY_LANGUAGE[country])

"""Duplicate matching quality: a labelled set of person records, blocked and scored.

    .venv/bin/python bench/match_quality.py [--seed 2] [--people 3600] [--tune] [--same 0.9 --possible 0.6]

Generates people from fourteen name cultures (English, German, French, Spanish,
Italian, Polish, Turkish, Vietnamese, Chinese pinyin, Indian, Arabic
transliterations, Russian, Japanese, Korean), then:

- second (and a few third) records of the same person, each with one to three
  realistic changes: a typo in the name, a nickname, a married name, a new email,
  a reformatted or new phone, swapped names, accents dropped, an initial, a
  dropped second surname, another transliteration (Mohammed/Muhammad,
  Yuliya/Iuliia/Julia, Sergey/Serhiy, Park/Pak, Zhang/Cheung), a Russian name in
  Cyrillic, a Korean name in Hangul, Japanese long vowels written o, ou, oh or oo,
  German umlauts spelled out, the family name first in capitals ("DUPONT Jean"),
  a two-syllable given name written apart (Xiao-Ming for Xiaoming), degrees after
  the name (", MBA, PMP"), Gmail dots and "+tags", a move, a new employer; some
  are former employees who come back with an email or phone they used before;
- people who only look alike: the same common name, twins (same surname and
  address, different first names and emails, sometimes one landline), spouses and
  fathers and sons sharing a phone, the same surname in the same city, names one
  letter apart.

Blocking is simulated as the database does it: a pair is compared only if the
two records share a key (apps.candidates.matching email, phone, profile and name
keys) or their normalized names are pg_trgm-similar (>= --trigram, pg_trgm's
own trigram rules). Then every candidate pair is scored and classified.

Printed: precision and recall of `same` and of `same or possible`, recall on
true pairs that share an email or phone (former employees in particular), what
blocking loses, candidate pairs per record, the misses and false links by kind,
and the pure speed of score() and of the keys. --tune prints the thresholds
that meet the goals on this seed: tune on one seed, report on another.
"""

import argparse
import itertools
import random
import re
import statistics
import sys
import time
import unicodedata
from collections import Counter, defaultdict
from dataclasses import dataclass, field, replace
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from apps.candidates.matching import (  # after the path is set
    Person,
    Thresholds,
    classify,
    clear_caches,
    email_keys,
    name_keys,
    name_query_keys,
    phone_keys,
    profile_keys,
    score,
)
from apps.candidates.normalize import normalize_name


@dataclass(frozen=True)
class Culture:
    code: str
    male: list[str]
    female: list[str]
    surnames: list[str]
    cities: list[str]
    country_code: str
    trunk: str  # national prefix before the subscriber number ("0" in Germany)
    family_first: bool = False
    domains: tuple[str, ...] = ("gmail.com", "outlook.com", "yahoo.com")


def _w(text: str) -> list[str]:
    return text.split()


CULTURES = [
    Culture(
        "en",
        _w(
            "James John Robert Michael William David Richard Joseph Thomas Charles Christopher Daniel Matthew "
            "Anthony Mark Steven Paul Andrew Joshua Kenneth Kevin Brian George Edward Ronald Timothy Jeffrey"
        ),
        _w(
            "Mary Patricia Jennifer Linda Elizabeth Barbara Susan Jessica Sarah Karen Nancy Lisa Margaret Betty "
            "Sandra Ashley Kimberly Emily Donna Michelle Katherine Rebecca Amanda Rachel Samantha Victoria"
        ),
        _w(
            "Smith Johnson Williams Brown Jones Miller Davis Wilson Anderson Taylor Thomas Moore Jackson Martin "
            "Lee Thompson White Harris Clark Lewis Robinson Walker Young Allen King Wright Scott Hill Green Adams "
            "Baker Nelson Carter Mitchell Roberts Turner Phillips Campbell Parker Evans Edwards Collins Stewart"
        ),
        ["London", "Manchester", "New York", "Chicago", "Boston", "Seattle", "Austin", "Leeds"],
        "1",
        "",
    ),
    Culture(
        "de",
        _w(
            "Lukas Maximilian Jonas Felix Leon Paul Thomas Michael Andreas Stefan Jürgen Wolfgang Klaus Matthias "
            "Tobias Florian Sebastian Christian Johannes Frank Uwe Dieter"
        ),
        _w(
            "Anna Lena Sophie Katharina Julia Sabine Petra Ursula Monika Claudia Susanne Franziska Stefanie "
            "Magdalena Elisabeth Birgit Jana Lea Hannah Marie"
        ),
        _w(
            "Müller Schmidt Schneider Fischer Weber Meyer Wagner Becker Schulz Hoffmann Schäfer Koch Bauer Richter "
            "Klein Wolf Schröder Neumann Schwarz Zimmermann Braun Krüger Hofmann Hartmann Lange Weiß Groß Köhler "
            "Jäger Vogel"
        ),
        ["Berlin", "München", "Hamburg", "Köln", "Frankfurt", "Stuttgart", "Düsseldorf", "Leipzig"],
        "49",
        "0",
        domains=("gmail.com", "web.de", "gmx.de", "t-online.de"),
    ),
    Culture(
        "fr",
        _w("Jean Pierre Michel Philippe Alain Nicolas François Julien Sébastien Stéphane Frédéric Antoine Luc Rémi"),
        _w("Marie Nathalie Isabelle Sylvie Catherine Céline Amélie Hélène Élodie Camille Chloé Léa Manon Aurélie"),
        _w(
            "Martin Bernard Dubois Thomas Robert Richard Petit Durand Leroy Moreau Simon Laurent Lefèvre Michel "
            "Garcia Fournier Girard Bonnet Dupont Lambert Fontaine Rousseau Vincent Mercier Faure"
        ),
        ["Paris", "Lyon", "Marseille", "Toulouse", "Lille", "Nantes", "Bordeaux"],
        "33",
        "0",
        domains=("gmail.com", "orange.fr", "free.fr", "laposte.net"),
    ),
    Culture(
        "es",
        _w("José Antonio Manuel Francisco Juan David Javier Carlos Jesús Alejandro Miguel Rafael Pablo Sergio"),
        _w("María Carmen Ana Isabel Dolores Pilar Lucía Laura Cristina Marta Elena Paula Sara Rosario"),
        _w(
            "García Fernández González Rodríguez López Martínez Sánchez Pérez Gómez Martín Jiménez Ruiz Hernández "
            "Díaz Moreno Álvarez Muñoz Romero Navarro Torres Domínguez Vázquez Ramos Gil Serrano"
        ),
        ["Madrid", "Barcelona", "Valencia", "Sevilla", "Bilbao", "Málaga"],
        "34",
        "",
        domains=("gmail.com", "hotmail.es", "yahoo.es"),
    ),
    Culture(
        "it",
        _w("Giuseppe Giovanni Antonio Mario Luigi Francesco Alessandro Marco Andrea Luca Matteo Lorenzo Davide"),
        _w("Maria Anna Giuseppina Rosa Giulia Francesca Chiara Sara Martina Alessia Valentina Federica"),
        _w(
            "Rossi Russo Ferrari Esposito Bianchi Romano Colombo Ricci Marino Greco Bruno Gallo Conti Costa "
            "Giordano Mancini Rizzo Lombardi Moretti Barbieri Fontana"
        ),
        ["Roma", "Milano", "Napoli", "Torino", "Bologna", "Firenze"],
        "39",
        "",
        domains=("gmail.com", "libero.it", "virgilio.it"),
    ),
    Culture(
        "pl",
        _w("Piotr Krzysztof Andrzej Tomasz Paweł Michał Marcin Jakub Łukasz Wojciech Mateusz Kamil Grzegorz"),
        _w("Anna Maria Katarzyna Małgorzata Agnieszka Barbara Ewa Magdalena Joanna Aleksandra Monika Zofia"),
        _w(
            "Nowak Kowalczyk Wójcik Woźniak Mazur Krawczyk Kaczmarek Zając Król Wieczorek Jabłoński Wróbel "
            "Pawlak Dudek Walczak Sikora Baran Michalak Szewczyk Ostrowski"
        ),
        ["Warszawa", "Kraków", "Wrocław", "Gdańsk", "Poznań", "Łódź"],
        "48",
        "",
        domains=("gmail.com", "wp.pl", "onet.pl", "o2.pl"),
    ),
    Culture(
        "tr",
        _w("Mehmet Mustafa Ahmet Ali Hüseyin Hasan İbrahim Emre Burak Murat Ömer Can Serkan"),
        _w("Fatma Ayşe Emine Hatice Zeynep Elif Özlem Gül Merve Esra Büşra Selin"),
        _w(
            "Yılmaz Kaya Demir Şahin Çelik Yıldız Yıldırım Öztürk Aydın Özdemir Arslan Doğan Kılıç Aslan Çetin "  # noqa: RUF001
            "Kara Koç Kurt Özkan Şimşek"
        ),
        ["İstanbul", "Ankara", "İzmir", "Bursa", "Antalya"],
        "90",
        "0",
        domains=("gmail.com", "hotmail.com", "yandex.com"),
    ),
    Culture(
        "vi",
        _w("Văn_An Văn_Bình Đức_Cường Văn_Dũng Minh_Hải Văn_Hùng Quốc_Khánh Văn_Nam Minh_Quang Đức_Thành Anh_Tuấn"),
        _w("Thị_Lan Thị_Linh Thị_Mai Thị_Phương Thị_Trang Thị_Hương Ngọc_Anh Thị_Hoa Thu_Hà Thị_Thảo"),
        _w("Nguyễn Trần Lê Phạm Hoàng Huỳnh Phan Vũ Võ Đặng Bùi Đỗ Hồ Ngô Dương Lý"),
        ["Hà Nội", "Hồ Chí Minh", "Đà Nẵng", "Hải Phòng"],
        "84",
        "0",
        family_first=True,
    ),
    Culture(
        "zh",
        _w("Wei Lei Jun Yong Jie Tao Ming Chao Qiang Hao Xiaoming Jianguo Zhiwei Haitao"),
        _w("Fang Na Min Jing Yan Li Xiu Xiaohong Haiyan Lijuan Yuting Mengyao"),
        _w("Wang Li Zhang Liu Chen Yang Huang Zhao Wu Zhou Xu Sun Ma Zhu Hu Guo He Lin Gao Luo"),
        ["Beijing", "Shanghai", "Shenzhen", "Guangzhou", "Hangzhou", "Chengdu"],
        "86",
        "0",
        family_first=True,
        domains=("qq.com", "163.com", "gmail.com", "126.com"),
    ),
    Culture(
        "in",
        _w("Rahul Amit Rajesh Suresh Vijay Arjun Sanjay Anil Ravi Deepak Vikram Karthik Arun Manoj"),
        _w("Priya Pooja Anjali Neha Sunita Kavita Divya Lakshmi Deepa Shreya Ananya Meera"),
        _w("Sharma Kumar Singh Patel Gupta Reddy Iyer Nair Rao Verma Joshi Mehta Das Shah Pillai Menon Chopra"),
        ["Bangalore", "Mumbai", "Delhi", "Pune", "Hyderabad", "Chennai"],
        "91",
        "0",
        domains=("gmail.com", "yahoo.co.in", "rediffmail.com"),
    ),
    Culture(
        "ar",
        _w("Mohammed Ahmed Ali Omar Khalid Youssef Hassan Ibrahim Abdullah Tariq Mahmoud Hussein Karim Said"),
        _w("Fatima Aisha Mariam Layla Noor Sara Huda Amira Yasmin Rania Salma Hanan"),
        _w(
            "Al-Rashid Haddad Khoury Mansour Nasser Saleh Hamdan Aziz Farouk El-Sayed Abdallah Qasim Bakr "
            "Al-Amin Darwish Jaber Hamid Suleiman"
        ),
        ["Dubai", "Cairo", "Amman", "Riyadh", "Beirut", "Doha"],
        "971",
        "0",
        domains=("gmail.com", "hotmail.com", "outlook.com", "yahoo.com"),
    ),
    Culture(
        "ru",
        _w("Aleksandr Sergey Dmitry Andrey Aleksey Mikhail Ivan Yevgeny Nikolay Vladimir Pavel Yury"),
        _w("Yuliya Natalya Yelena Olga Tatyana Svetlana Anastasia Yekaterina Kseniya Mariya Irina Anna"),
        _w(
            "Ivanov Smirnov Kuznetsov Popov Vasiliev Petrov Sokolov Mikhailov Novikov Fedorov Morozov Volkov "
            "Alekseev Lebedev Semenov Egorov Pavlov Kozlov"
        ),
        ["Moskva", "Sankt-Peterburg", "Novosibirsk", "Kazan", "Kyiv"],
        "7",
        "8",
        domains=("gmail.com", "yandex.ru", "mail.ru"),
    ),
    Culture(
        "ja",
        _w("Hiroshi Takeshi Kenji Yūki Kōhei Ryōta Daisuke Shōta Yūta Kazuo"),
        _w("Yūko Keiko Yōko Aiko Haruka Yui Mao Sakura Kyōko Megumi"),
        _w("Satō Suzuki Takahashi Tanaka Itō Watanabe Yamamoto Nakamura Kobayashi Katō Yamada Ōno Saitō Kondō Endō"),
        ["Tōkyō", "Ōsaka", "Yokohama", "Nagoya", "Kyōto"],
        "81",
        "0",
        domains=("gmail.com", "yahoo.co.jp", "docomo.ne.jp"),
    ),
    Culture(
        "ko",
        _w("Min-su Ji-hoon Seo-jun Hyun-woo Jun-ho Dong-hyun Sung-min Jae-won"),
        _w("Ji-eun Seo-yeon Min-ji Su-bin Ha-eun Ye-jin Soo-jin Hye-won"),
        _w("Kim Lee Park Choi Jung Kang Cho Yoon Lim Shin"),
        ["Seoul", "Busan", "Incheon", "Daegu"],
        "82",
        "0",
        family_first=True,
        domains=("gmail.com", "naver.com", "daum.net"),
    ),
]
# Korean names in Hangul, as a resume written in Korean prints them (the matcher
# romanizes them letter by letter, Revised Romanization: 지훈 is Jihun, not Ji-hoon).
HANGUL = dict(
    zip(
        _w(
            "Kim Lee Park Choi Jung Kang Cho Yoon Lim Shin Min-su Ji-hoon Seo-jun Hyun-woo Jun-ho Dong-hyun Sung-min "
            "Jae-won Ji-eun Seo-yeon Min-ji Su-bin Ha-eun Ye-jin Soo-jin Hye-won"
        ),
        _w(
            "김 이 박 최 정 강 조 윤 임 신 민수 지훈 서준 현우 준호 동현 성민 재원 "
            "지은 서연 민지 수빈 하은 예진 수진 혜원"
        ),
        strict=True,
    )
)
# Russian names in Cyrillic, as a resume written in Russian prints them (the matcher
# romanizes them; the generator writes the Latin forms above).
CYRILLIC = dict(
    zip(
        _w(
            "Aleksandr Sergey Dmitry Andrey Aleksey Mikhail Ivan Yevgeny Nikolay Vladimir Pavel Yury Yuliya Natalya "
            "Yelena Olga Tatyana Svetlana Anastasia Yekaterina Kseniya Mariya Irina Anna Ivanov Smirnov Kuznetsov "
            "Popov Vasiliev Petrov Sokolov Mikhailov Novikov Fedorov Morozov Volkov Alekseev Lebedev Semenov Egorov "
            "Pavlov Kozlov"
        ),
        _w(
            "Александр Сергей Дмитрий Андрей Алексей Михаил Иван Евгений Николай Владимир Павел Юрий Юлия Наталья "
            "Елена Ольга Татьяна Светлана Анастасия Екатерина Ксения Мария Ирина Анна Иванов Смирнов Кузнецов "
            "Попов Васильев Петров Соколов Михайлов Новиков Фёдоров Морозов Волков Алексеев Лебедев Семёнов Егоров "
            "Павлов Козлов"
        ),
        strict=True,
    )
)

# Short forms people write on a resume, listed here independently of the matcher's
# data file (some are missing there on purpose: the benchmark should see that).
NICKNAMES = {
    "James": ["Jim", "Jimmy", "Jamie"],
    "John": ["Jack", "Johnny"],
    "Robert": ["Bob", "Rob", "Bobby"],
    "Michael": ["Mike", "Mick"],
    "William": ["Bill", "Will", "Billy"],
    "David": ["Dave"],
    "Richard": ["Rick", "Dick", "Rich"],
    "Joseph": ["Joe"],
    "Thomas": ["Tom", "Tommy"],
    "Charles": ["Charlie", "Chuck"],
    "Christopher": ["Chris"],
    "Daniel": ["Dan", "Danny"],
    "Matthew": ["Matt"],
    "Anthony": ["Tony"],
    "Steven": ["Steve"],
    "Andrew": ["Andy", "Drew"],
    "Joshua": ["Josh"],
    "Kenneth": ["Ken"],
    "Edward": ["Ed", "Ted", "Eddie"],
    "Ronald": ["Ron"],
    "Timothy": ["Tim"],
    "Jeffrey": ["Jeff"],
    "Patricia": ["Pat", "Patty", "Trish"],
    "Jennifer": ["Jen", "Jenny"],
    "Elizabeth": ["Liz", "Beth", "Betty", "Eliza"],
    "Barbara": ["Barb"],
    "Susan": ["Sue", "Susie"],
    "Jessica": ["Jess"],
    "Margaret": ["Peggy", "Maggie", "Meg"],
    "Kimberly": ["Kim"],
    "Katherine": ["Kate", "Katie", "Kathy"],
    "Rebecca": ["Becky"],
    "Amanda": ["Mandy"],
    "Samantha": ["Sam"],
    "Victoria": ["Vicky", "Tori"],
    "Maximilian": ["Max"],
    "Andreas": ["Andi"],
    "Matthias": ["Matze"],
    "Johannes": ["Hans"],
    "Katharina": ["Kathi", "Katja"],
    "Franziska": ["Franzi"],
    "Stefanie": ["Steffi"],
    "Magdalena": ["Lena"],
    "Elisabeth": ["Lisa", "Sissi"],
    "Susanne": ["Susi"],
    "Sébastien": ["Seb"],
    "Frédéric": ["Fred"],
    "Nathalie": ["Nath"],
    "Francisco": ["Paco", "Pancho"],
    "José": ["Pepe"],
    "Alejandro": ["Alex", "Ale"],
    "Manuel": ["Manolo"],
    "Jesús": ["Chucho"],
    "Rafael": ["Rafa"],
    "Dolores": ["Lola"],
    "Rosario": ["Charo"],
    "Giuseppe": ["Beppe", "Peppino"],
    "Giovanni": ["Gianni"],
    "Alessandro": ["Sandro"],
    "Francesco": ["Franco"],
    "Katarzyna": ["Kasia"],
    "Małgorzata": ["Gosia"],
    "Wojciech": ["Wojtek"],
    "Aleksandra": ["Ola"],
    "Mohammed": ["Mo"],
    "Abdullah": ["Abdul"],
}
TRANSLITERATIONS = {
    "Mohammed": ["Muhammad", "Mohamed", "Mohammad"],
    "Ahmed": ["Ahmad"],
    "Youssef": ["Yusuf", "Yousef"],
    "Hussein": ["Husain", "Hussain"],
    "Abdullah": ["Abdallah"],
    "Khalid": ["Khaled"],
    "Mahmoud": ["Mahmud"],
    "Aisha": ["Aysha", "Ayesha"],
    "Mariam": ["Maryam"],
    "Noor": ["Nour"],
    "Said": ["Saeed"],
    "El-Sayed": ["Elsayed", "El Sayed"],
    "Al-Rashid": ["Alrashid", "Rashid"],
    "Al-Amin": ["Alamin", "Amin"],
    "Youssif": ["Youssef"],
    # Russian and Ukrainian names in the other common transcriptions (and the
    # Ukrainian form): passports, BGN, ISO 9 and English usage differ.
    "Aleksandr": ["Alexander", "Aleksander", "Oleksandr"],
    "Sergey": ["Sergei", "Serhiy", "Sergej"],
    "Dmitry": ["Dmitriy", "Dmitri", "Dmitrii"],
    "Andrey": ["Andrei", "Andriy"],
    "Aleksey": ["Alexey", "Alexei", "Aleksei"],
    "Yevgeny": ["Evgeny", "Evgeniy", "Yevgeniy"],
    "Nikolay": ["Nikolai"],
    "Yury": ["Yuri", "Yuriy", "Iurii"],
    "Yuliya": ["Yulia", "Julia", "Iuliia"],
    "Natalya": ["Natalia", "Nataliya"],
    "Yelena": ["Elena", "Jelena"],
    "Tatyana": ["Tatiana", "Tatjana"],
    "Yekaterina": ["Ekaterina"],
    "Kseniya": ["Ksenia", "Xenia"],
    "Mariya": ["Maria"],
    "Vasiliev": ["Vasilyev", "Vassiliev"],
    "Fedorov": ["Fyodorov"],
    "Semenov": ["Semyonov"],
    "Alekseev": ["Alexeev", "Alekseyev"],
    "Egorov": ["Yegorov"],
    # Korean names in McCune-Reischauer, Revised Romanization and usage.
    "Kim": ["Gim"],
    "Lee": ["Yi", "Rhee"],
    "Park": ["Pak", "Bak"],
    "Choi": ["Choe"],
    "Jung": ["Jeong", "Chung"],
    "Kang": ["Gang"],
    "Cho": ["Jo"],
    "Yoon": ["Yun"],
    "Lim": ["Im"],
    "Shin": ["Sin"],
    "Min-su": ["Minsoo", "Min-soo"],
    "Ji-hoon": ["Jihun", "Ji-hun"],
    "Hyun-woo": ["Hyeon-u", "Hyunwoo"],
    "Soo-jin": ["Su-jin", "Sujin"],
    "Seo-yeon": ["Seoyeon", "Seo-yun"],
    # Chinese family names in Wade-Giles and Cantonese.
    "Zhang": ["Chang", "Cheung"],
    "Chen": ["Chan"],
    "Zhou": ["Chou", "Chow"],
    "Xu": ["Hsu"],
    "Liu": ["Lau"],
    "Zhao": ["Chao"],
    "Yang": ["Yeung"],
    "Guo": ["Kuo", "Kwok"],
}
# Japanese long vowels (ō, ū) as passports (oh), word processors (ou, uu, oo) and
# English usage (o, u) write them.
LONG_VOWELS = {"ō": ["o", "ou", "oh", "oo"], "ū": ["u", "uu"]}
# Given names of two syllables, written joined on one resume and apart on another
# (Xiaoming, Xiao-Ming, Xiao Ming), as Chinese and Korean given names often are.
SYLLABLES = {
    "Xiaoming": ("Xiao", "Ming"),
    "Jianguo": ("Jian", "Guo"),
    "Zhiwei": ("Zhi", "Wei"),
    "Haitao": ("Hai", "Tao"),
    "Xiaohong": ("Xiao", "Hong"),
    "Haiyan": ("Hai", "Yan"),
    "Lijuan": ("Li", "Juan"),
    "Yuting": ("Yu", "Ting"),
    "Mengyao": ("Meng", "Yao"),
}
# Changes that only alter how the name is written (a name in Hangul shows none of them).
NAME_CHANGES = frozenset({"typo", "initial", "swapped", "accents", "transliteration", "syllables", "family_caps_first"})
# Degrees and certifications written after a name on one resume and not on another.
CREDENTIALS = [", MBA", ", PhD", " CPA", ", MBA, PMP", ", P.E.", ", RN"]
EMPLOYERS = _w(
    "Acme Globex Initech Umbrella Hooli Soylent Stark Wayne Wonka Tyrell Cyberdyne Aperture Vandelay Dunder "
    "Massive Oscorp Gringotts Monarch Pied Piper Nakatomi Octan Prestige Virtucon Zorg Bluth Krusty Sirius "
    "Rekall Gekko Ollivander Duff Vehement Spacely Cogswell"
)
SUFFIXES = ["", " Inc", " GmbH", " Ltd", " LLC", " SA", " AG"]
SCHOOLS = [
    f"{kind} {city}"
    for kind in ("University of", "Technical University", "School of Economics", "Polytechnic")
    for city in ("North", "South", "East", "West", "Central", "Lakeside", "Hill", "River", "Bay")
]
COMMON_NAMES = [
    ("en", "John", "Smith", "m"),
    ("en", "Mary", "Johnson", "f"),
    ("en", "David", "Brown", "m"),
    ("en", "Michael", "Williams", "m"),
    ("de", "Thomas", "Müller", "m"),
    ("de", "Anna", "Schmidt", "f"),
    ("fr", "Marie", "Martin", "f"),
    ("fr", "Jean", "Dubois", "m"),
    ("es", "María", "García", "f"),
    ("es", "José", "Fernández", "m"),
    ("it", "Giuseppe", "Rossi", "m"),
    ("pl", "Anna", "Nowak", "f"),
    ("tr", "Mehmet", "Yılmaz", "m"),  # noqa: RUF001  # the Turkish dotless i
    ("vi", "Văn_An", "Nguyễn", "m"),
    ("zh", "Wei", "Wang", "m"),
    ("zh", "Jing", "Li", "f"),
    ("in", "Rahul", "Sharma", "m"),
    ("in", "Priya", "Patel", "f"),
    ("ar", "Mohammed", "Ali", "m"),
    ("ar", "Fatima", "Hassan", "f"),
]


@dataclass
class Record:
    person: int  # who it is: records of one person are true matches
    given: str  # as written, "_" joins a multi-word given name
    family: str
    culture: Culture
    female: bool
    data: Person = field(default_factory=lambda: Person(full_name=""))
    kind: str = "original"  # how this record came about
    former_employee: bool = False


def strip_accents(text: str) -> str:
    text = text.replace("ł", "l").replace("Ł", "L").replace("ı", "i").replace("đ", "d").replace("Đ", "D")  # noqa: RUF001
    return "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))


def cyrillic(word: str) -> str | None:
    """A Russian name in Cyrillic: a feminine family name is the masculine one and a Cyrillic a."""
    if word in CYRILLIC:
        return CYRILLIC[word]
    masculine = word.removesuffix("a")
    return CYRILLIC[masculine] + "\u0430" if masculine in CYRILLIC else None


def ascii_slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]", "", strip_accents(text).lower())


class Generator:
    def __init__(self, seed: int) -> None:
        self.random = random.Random(seed)  # noqa: S311  # test data, reproducible by seed
        self.next_person = 0
        self.used_phones: set[str] = set()
        self.used_emails: set[str] = set()
        self.records: list[Record] = []

    def person_id(self) -> int:
        self.next_person += 1
        return self.next_person

    # --- attributes ----------------------------------------------------------------

    def phone(self, culture: Culture) -> str:
        while True:
            length = (
                9 if culture.country_code not in ("1", "91", "86") else (10 if culture.country_code != "86" else 11)
            )
            subscriber = str(self.random.randint(2, 9)) + "".join(
                str(self.random.randint(0, 9)) for _ in range(length - 1)
            )
            number = f"+{culture.country_code}{subscriber}"
            if number not in self.used_phones:
                self.used_phones.add(number)
                return number

    def reformat_phone(self, number: str, culture: Culture) -> str:
        subscriber = number[1 + len(culture.country_code) :]
        style = self.random.randrange(4)
        if style == 0:  # national, with the trunk prefix and spaces
            return f"{culture.trunk}{subscriber[:3]} {subscriber[3:6]} {subscriber[6:]}"
        if style == 1:
            return f"00{culture.country_code} {subscriber[:3]} {subscriber[3:]}"
        if style == 2:
            return f"+{culture.country_code} ({subscriber[:3]}) {subscriber[3:6]}-{subscriber[6:]}"
        return f"{culture.trunk}{subscriber}"

    def email(self, given: str, family: str, culture: Culture) -> str:
        first, last = ascii_slug(given.split("_")[-1]) or "x", ascii_slug(family) or "y"
        local = self.random.choice(
            [f"{first}.{last}", f"{first}{last}", f"{first[0]}{last}", f"{last}.{first}", f"{first}_{last}"]
        )
        if self.random.random() < 0.5:
            local += str(self.random.randint(1, 999))
        return self.unique_email(local, self.random.choice(culture.domains))

    def unique_email(self, local: str, domain: str) -> str:
        """An address nobody else has (people do not share mailboxes unless a case says so)."""
        while True:
            address = f"{local}@{domain}"
            key = email_keys([address])
            if key and key[0] not in self.used_emails:
                self.used_emails.add(key[0])
                return address
            local += str(self.random.randint(0, 9))

    def unique_profile(self, url: str, probability: float) -> str:
        if self.random.random() >= probability:
            return ""
        while url in self.used_emails:
            url += str(self.random.randint(0, 9))
        self.used_emails.add(url)
        return url

    def employers(self) -> tuple[str, ...]:
        names = self.random.sample(EMPLOYERS, self.random.randint(1, 3))
        return tuple(name + self.random.choice(SUFFIXES) for name in names)

    def full_name(self, given: str, family: str, culture: Culture) -> str:
        given_words = given.replace("_", " ")
        if culture.code == "ja":  # most resumes drop the long-vowel marks
            given_words, family = strip_accents(given_words), strip_accents(family)
        if culture.family_first:
            return f"{family} {given_words}"
        if culture.code == "es" and self.random.random() < 0.5:
            second = self.random.choice(CULTURES[3].surnames)
            return f"{given_words} {family} {second}"
        return f"{given_words} {family}"

    def new_record(
        self,
        culture: Culture,
        given: str,
        family: str,
        female: bool,
        *,
        city: str | None = None,
        kind: str = "original",
    ) -> Record:
        r = self.random
        full_name = self.full_name(given, family, culture)
        emails = (self.email(given, family, culture),)
        if r.random() < 0.2:
            work_domain = f"{ascii_slug(r.choice(EMPLOYERS))}.com"
            emails += (self.unique_email(f"{ascii_slug(given.split('_')[-1])}.{ascii_slug(family)}", work_domain),)
        linkedin = self.unique_profile(f"https://www.linkedin.com/in/{ascii_slug(given)}-{ascii_slug(family)}", 0.4)
        github = self.unique_profile(f"https://github.com/{ascii_slug(given)[:6]}{ascii_slug(family)[:6]}", 0.12)
        person = Person(
            full_name=full_name,
            emails=emails,
            phones=(self.phone(culture),) if r.random() < 0.9 else (),
            linkedin_url=linkedin,
            github_url=github,
            location=f"{city or r.choice(culture.cities)}{r.choice(['', ', ' + culture.code.upper()])}",
            employers=self.employers(),
            schools=(r.choice(SCHOOLS),) if r.random() < 0.8 else (),
        )
        return Record(self.person_id(), given, family, culture, female, person, kind)

    def random_person(self, *, culture: Culture | None = None, city: str | None = None) -> Record:
        culture = culture or self.random.choice(CULTURES)
        female = self.random.random() < 0.5
        given = self.random.choice(culture.female if female else culture.male)
        family = self.random.choice(culture.surnames)
        if culture.code == "ru" and female:
            family += "a"  # Ivanova, Vasilieva
        return self.new_record(culture, given, family, female, city=city)

    # --- changes a second record of the same person may have -------------------------

    def typo(self, name: str) -> str:
        words = name.split()
        index = self.random.randrange(len(words))
        word = words[index]
        if len(word) < 4:
            return name
        position = self.random.randrange(1, len(word) - 1)
        op = self.random.randrange(4)
        letters = "aeiounrstlmkhc"
        if op == 0:
            word = word[:position] + word[position + 1 :]
        elif op == 1:
            word = word[:position] + self.random.choice(letters) + word[position:]
        elif op == 2:
            word = word[:position] + self.random.choice(letters) + word[position + 1 :]
        else:
            word = word[: position - 1] + word[position] + word[position - 1] + word[position + 1 :]
        words[index] = word
        return " ".join(words)

    def variant(self, original: Record, *, former: bool = False) -> Record:
        r = self.random
        culture = original.culture
        given, family = original.given, original.family
        data = original.data
        changes: list[str] = []
        options = ["typo", "new_email", "phone_format", "new_phone", "swapped", "accents", "initial", "moved", "job"]
        if given in NICKNAMES:
            options += ["nickname"] * 3
        if given in TRANSLITERATIONS or family in TRANSLITERATIONS:
            options += ["transliteration"] * 3
        if original.female and not culture.family_first:  # Vietnamese and Chinese wives keep their name
            options += ["married"] * 2
        if culture.code == "es":
            options.append("one_surname")
        if given in SYLLABLES:
            options += ["syllables"] * 2
        if culture.code in ("en", "in"):
            options.append("credentials")
        if culture.code == "ru":
            options += ["cyrillic"] * 2
        if culture.code == "ko":
            options += ["hangul"] * 2
        if culture.code == "ja":
            options += ["long_vowels"] * 3
        if culture.code in ("fr", "ru", "ja"):
            options.append("family_caps_first")  # "DUPONT Jean", "IVANOV Ivan", "YAMADA Taro"
        if culture.code == "de" and any(letter in data.full_name for letter in "äöüÄÖÜß"):
            options += ["umlauts_spelled"] * 2
        if any(email.endswith("@gmail.com") for email in data.emails):
            options.append("gmail_form")
        for change in r.sample(options, r.choice([1, 1, 2, 2, 3])):
            changes.append(change)
        name = data.full_name
        emails, phones = data.emails, data.phones
        # One resume a year or two later: the email is kept about half of the time.
        if r.random() < 0.45 and "new_email" not in changes:
            changes.append("new_email")
        if "nickname" in changes:
            name = name.replace(given.replace("_", " "), r.choice(NICKNAMES[given]), 1)
        if "transliteration" in changes:
            for word, forms in TRANSLITERATIONS.items():
                if re.search(rf"\b{re.escape(word)}", name):
                    name = re.sub(rf"\b{re.escape(word)}", r.choice(forms), name, count=1)
        if "cyrillic" in changes:
            words = [cyrillic(word) for word in name.split()]
            if all(words):
                name = " ".join(word for word in words if word)
        if "long_vowels" in changes:
            words = []
            for word in (given, family):
                for letter, forms in LONG_VOWELS.items():
                    word = word.replace(letter.upper(), r.choice(forms).title()).replace(letter, r.choice(forms))
                words.append(word)
            name = " ".join(words)
        if "umlauts_spelled" in changes:
            for letter, spelled in (
                ("ä", "ae"),
                ("ö", "oe"),
                ("ü", "ue"),
                ("Ä", "Ae"),
                ("Ö", "Oe"),
                ("Ü", "Ue"),
                ("ß", "ss"),
            ):
                name = name.replace(letter, spelled)
        if "married" in changes:
            new_family = r.choice([s for s in culture.surnames if s != family])
            if r.random() < 0.25 and not culture.family_first:
                new_family = f"{family}-{new_family}"
            if culture.code == "ru" and original.female:
                new_family += "a"
            shown = strip_accents if culture.code == "ja" else str  # as full_name writes it
            name = name.replace(shown(family), shown(new_family), 1)
            emails = (self.email(given, new_family, culture),)
        if "syllables" in changes:
            first, second = SYLLABLES[given]
            name = name.replace(
                given, r.choice([f"{first}-{second}", f"{first} {second}", f"{first}-{second.lower()}"])
            )
        if "one_surname" in changes and len(name.split()) == 3:
            name = " ".join(name.split()[:2])
        if "accents" in changes:
            name = strip_accents(name)
        if "typo" in changes:
            name = self.typo(name)
        if "initial" in changes:
            words = name.split()
            if culture.family_first:
                words[-1] = words[-1][0] + "."
            else:
                words[0] = words[0][0] + "."
            name = " ".join(words)
        if "swapped" in changes:
            words = name.split()
            name = r.choice([" ".join(words[1:] + words[:1]), f"{words[-1]}, {' '.join(words[:-1])}"])
        elif "family_caps_first" in changes:
            words = name.split()
            name = " ".join([words[-1].upper(), *words[:-1]])
        if "hangul" in changes:  # family and given name written together, as in Korea; nothing else shows
            name = HANGUL[family] + HANGUL[given]
            changes = [change for change in changes if change not in NAME_CHANGES]
        if "credentials" in changes:
            name += r.choice(CREDENTIALS)
        if "new_email" in changes:
            emails = (self.email(given, family, culture),)
        if "gmail_form" in changes:
            emails = tuple(
                e.replace(".", "", 1).replace("@gmail.com", r.choice(["@googlemail.com", "+jobs@gmail.com"]))
                if e.endswith("@gmail.com")
                else e
                for e in emails
            )
        if "new_phone" in changes or r.random() < 0.3:
            changes.append("new_phone")
            phones = (self.phone(culture),) if r.random() < 0.85 else ()
        elif "phone_format" in changes and phones:
            phones = (self.reformat_phone(phones[0], culture),)
        if former:
            # A former employee who comes back: an email or phone from the old file.
            if data.phones and r.random() < 0.6:
                phones = (r.choice([data.phones[0], self.reformat_phone(data.phones[0], culture)]),)
            else:
                emails = emails + data.emails[:1]
        employers = data.employers
        if "job" in changes or r.random() < 0.5:
            employers = (self.random.choice(EMPLOYERS), *employers[: r.randint(0, len(employers))])
        location = data.location
        if "moved" in changes:
            location = r.choice(culture.cities)
        linkedin = data.linkedin_url if r.random() < 0.9 else ""
        github = data.github_url if r.random() < 0.9 else ""
        schools = data.schools if r.random() < 0.9 else ()
        person = replace(
            data,
            full_name=name,
            emails=emails,
            phones=phones,
            employers=employers,
            location=location,
            linkedin_url=linkedin,
            github_url=github,
            schools=schools,
        )
        if "new_phone" in changes:
            changes = [change for change in changes if change != "phone_format"]
        kind = "+".join(sorted(set(changes)))
        return Record(original.person, given, family, culture, original.female, person, kind, former)

    # --- the whole set ---------------------------------------------------------------

    def build(self, people: int) -> list[Record]:
        r = self.random
        originals = [self.random_person() for _ in range(people)]
        records = list(originals)
        for original in r.sample(originals, int(people * 0.35)):
            former = r.random() < 0.25
            records.append(self.variant(original, former=former))
            if r.random() < 0.1:
                records.append(self.variant(original))
        # Look-alikes: different people.
        for code, given, family, sex in COMMON_NAMES:
            culture = next(c for c in CULTURES if c.code == code)
            for _ in range(r.randint(5, 10)):
                record = self.new_record(culture, given, family, sex == "f")
                records.append(replace(record, kind="common name"))
        for _ in range(people // 20):  # twins: same surname and address, other first names and emails
            first = self.random_person()
            female = r.random() < 0.5
            others = [g for g in (first.culture.female if female else first.culture.male) if g != first.given]
            twin = self.new_record(first.culture, r.choice(others), first.family, female, kind="twin")
            phones = first.data.phones if r.random() < 0.25 else twin.data.phones  # a shared landline
            twin.data = replace(twin.data, location=first.data.location, phones=phones, schools=first.data.schools)
            records += [replace(first, kind="twin"), twin]
        for _ in range(people // 25):  # a couple: same surname, one phone
            first = self.random_person()
            other_sex = first.culture.male if first.female else first.culture.female
            spouse = self.new_record(first.culture, r.choice(other_sex), first.family, not first.female, kind="spouse")
            spouse.data = replace(spouse.data, location=first.data.location, phones=first.data.phones)
            records += [replace(first, kind="spouse"), spouse]
        for _ in range(people // 50):  # father and son: the same name, Sr. and Jr., one phone
            father = self.random_person(culture=CULTURES[0])
            son = replace(father, person=self.person_id(), kind="jr/sr")
            son.data = replace(
                father.data,
                full_name=father.data.full_name + " Jr.",
                emails=(self.email(father.given, father.family, father.culture),),
                linkedin_url="",
                github_url="",
                employers=self.employers(),
            )
            father.data = replace(father.data, full_name=father.data.full_name + " Sr.")
            records += [replace(father, kind="jr/sr"), son]
        for _ in range(people // 10):  # the same surname in the same city
            first = self.random_person()
            city = first.data.location.split(",")[0]
            other = self.random_person(culture=first.culture, city=city)
            other = replace(other, family=first.family, kind="same surname+city")
            other.data = replace(other.data, full_name=self.full_name(other.given, first.family, first.culture))
            records += [replace(first, kind="same surname+city"), other]
        for _ in range(people // 20):  # strangers whose names are one letter apart
            first = self.random_person()
            other = self.random_person(culture=first.culture)
            typo = self.typo(first.data.full_name)
            if typo != first.data.full_name:
                other.data = replace(other.data, full_name=typo)
                records += [replace(first, kind="one letter apart"), replace(other, kind="one letter apart")]
        return records


# --- Blocking as the database does it ------------------------------------------------


def trigrams(text: str) -> frozenset[str]:
    """pg_trgm's trigrams: each word padded with two spaces before and one after."""
    grams: set[str] = set()
    for word in re.findall(r"\w+", text.lower()):
        padded = f"  {word} "
        grams.update(padded[i : i + 3] for i in range(len(padded) - 2))
    return frozenset(grams)


def record_keys(person: Person, *, query: bool = False) -> tuple[str, ...]:
    """The keys stored with a record, or (query=True) the keys it is looked up with."""
    return (
        email_keys(person.emails)
        + phone_keys(person.phones)
        + profile_keys(person.linkedin_url, person.github_url)
        + (name_query_keys(person.full_name) if query else name_keys(person.full_name))
    )


def candidate_pairs(
    records: list[Record], trigram_threshold: float
) -> tuple[set[tuple[int, int]], dict[str, int], dict[str, set[tuple[int, int]]]]:
    """Every record is looked up with its query keys among the others' stored keys,
    as each new resume is among the stored candidates."""
    by_key: dict[str, list[int]] = defaultdict(list)
    for index, record in enumerate(records):
        for key in record_keys(record.data):
            by_key[key].append(index)
    pairs: set[tuple[int, int]] = set()
    by_kind: dict[str, set[tuple[int, int]]] = defaultdict(set)
    for index, record in enumerate(records):
        for key in record_keys(record.data, query=True):
            found = {(min(index, other), max(index, other)) for other in by_key.get(key, ()) if other != index}
            pairs.update(found)
            by_kind[key_kind(key)].update(found)
    key_pairs = len(pairs)
    grams = [trigrams(normalize_name(record.data.full_name)) for record in records]
    by_gram: dict[str, list[int]] = defaultdict(list)
    for index, record_grams in enumerate(grams):
        for gram in record_grams:
            by_gram[gram].append(index)
    trigram_pairs = 0
    for index, record_grams in enumerate(grams):
        shared: Counter[int] = Counter()
        for gram in record_grams:
            shared.update(other for other in by_gram[gram] if other > index)
        for other, common in shared.items():
            union = len(record_grams) + len(grams[other]) - common
            if union and common / union >= trigram_threshold:
                trigram_pairs += 1
                pairs.add((index, other))
                by_kind["trigram"].add((index, other))
    return pairs, {"key pairs": key_pairs, "trigram pairs": trigram_pairs}, by_kind


def key_kind(key: str) -> str:
    if "@" in key:
        return "email"
    if key.startswith(("+", "last9:")):
        return "phone"
    if key.startswith(("linkedin:", "github:")):
        return "profile"
    return "name " + key.split(":", 1)[0]  # m, y, i, I or c


# --- Measuring -----------------------------------------------------------------------


def true_pairs(records: list[Record]) -> set[tuple[int, int]]:
    by_person: dict[int, list[int]] = defaultdict(list)
    for index, record in enumerate(records):
        by_person[record.person].append(index)
    return {pair for members in by_person.values() for pair in itertools.combinations(members, 2)}


def shares_email_or_phone(a: Person, b: Person) -> bool:
    return bool(
        set(email_keys(a.emails)) & set(email_keys(b.emails)) or set(phone_keys(a.phones)) & set(phone_keys(b.phones))
    )


def rates(
    scores: dict[tuple[int, int], float], truth: set[tuple[int, int]], same: float, possible: float
) -> tuple[float, float, float, float]:
    predicted_same = {pair for pair, value in scores.items() if value >= same}
    predicted_any = {pair for pair, value in scores.items() if value >= possible}
    precision_same = len(predicted_same & truth) / len(predicted_same) if predicted_same else 1.0
    precision_any = len(predicted_any & truth) / len(predicted_any) if predicted_any else 1.0
    return (
        precision_same,
        len(predicted_same & truth) / len(truth),
        precision_any,
        len(predicted_any & truth) / len(truth),
    )


def block_growth(sizes: list[int], seed: int) -> None:
    """How many stored candidates one new name's keys pull in as a tenant grows, with
    the names of the domain data generator (bench/generate_domain_data.py): exact
    for 1,000 new names, rows that share several keys counted once."""
    from bench.generate_domain_data import FIRST_NAMES, LAST_NAMES

    rng = random.Random(seed)  # noqa: S311  # test data, reproducible by seed

    def domain_name() -> str:  # as generate_domain_data draws them
        first, last = rng.choice(FIRST_NAMES), rng.choice(LAST_NAMES)
        return f"{first} {rng.choice(FIRST_NAMES)} {last}" if rng.random() < 0.08 else f"{first} {last}"

    stored = [domain_name() for _ in range(max(sizes))]
    queries = [domain_name() for _ in range(1000)]
    wanted = {key for name in queries for key in name_query_keys(name)}
    print(f"\nname-key blocks as the tenant grows (domain generator names, {len(queries)} new names):")
    for size in sorted(sizes):
        rows: dict[str, list[int]] = defaultdict(list)
        for index, name in enumerate(stored[:size]):
            for key in name_keys(name):
                if key in wanted:
                    rows[key].append(index)
        blocks = sorted(len({row for key in name_query_keys(name) for row in rows.get(key, ())}) for name in queries)
        print(
            f"  {size:>9,} candidates: median {statistics.median(blocks):.0f}, p95 {blocks[949]}, "
            f"p99 {blocks[989]}, max {blocks[-1]} candidates per new name"
        )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--seed", type=int, default=2)
    parser.add_argument("--people", type=int, default=3600, help="distinct people before look-alikes are added")
    parser.add_argument("--trigram", type=float, default=0.6, help="pg_trgm similarity threshold of the name block")
    parser.add_argument("--same", type=float, default=Thresholds().same)
    parser.add_argument("--possible", type=float, default=Thresholds().possible)
    parser.add_argument("--tune", action="store_true", help="print the thresholds that meet the goals on this seed")
    parser.add_argument("--show", type=int, default=5, help="examples of misses and false links to print")
    parser.add_argument(
        "--block-growth",
        default="",
        help="comma-separated tenant sizes (10000,100000,1000000): only measure name-key block sizes",
    )
    args = parser.parse_args()
    if args.block_growth:
        block_growth([int(size) for size in args.block_growth.split(",")], args.seed)
        return

    records = Generator(args.seed).build(args.people)
    truth = true_pairs(records)
    started = time.perf_counter()
    pairs, block_counts, by_kind = candidate_pairs(records, args.trigram)
    blocking_seconds = time.perf_counter() - started
    people = len({record.person for record in records})
    print(f"seed {args.seed}: {len(records)} records of {people} people, {len(truth)} true pairs")
    print(
        f"blocking: {len(pairs)} candidate pairs ({block_counts['key pairs']} from shared keys, "
        f"{block_counts['trigram pairs']} from trigram >= {args.trigram}), "
        f"{2 * len(pairs) / len(records):.2f} candidates per record; "
        f"{len(truth & pairs)}/{len(truth)} true pairs found ({len(truth & pairs) / len(truth):.4f})"
    )
    print("  by kind of key: pairs it yields, and true pairs that no other kind finds")
    for kind, found in sorted(by_kind.items()):
        others = set().union(*(other for name, other in by_kind.items() if name != kind))
        print(f"    {kind:8s} {len(found):7d} pairs, {len((found & truth) - others):4d} true pairs found only by it")
    per_record: Counter[int] = Counter()
    for a, b in pairs:
        per_record[a] += 1
        per_record[b] += 1
    sizes = sorted(per_record.get(i, 0) for i in range(len(records)))
    print(
        f"candidates per record: median {statistics.median(sizes):.0f}, p99 {sizes[int(len(sizes) * 0.99)]}, "
        f"max {sizes[-1]} (blocking took {blocking_seconds:.1f} s in Python)"
    )

    ordered = sorted(pairs)
    clear_caches()
    started = time.process_time()
    matches = {pair: score(records[pair[0]].data, records[pair[1]].data) for pair in ordered}
    scoring_seconds = time.process_time() - started
    scores = {pair: match.score for pair, match in matches.items()}

    precision_same, recall_same, precision_any, recall_any = rates(scores, truth, args.same, args.possible)
    thresholds = Thresholds(same=args.same, possible=args.possible)
    print(f"\nthresholds: same >= {args.same}, possible >= {args.possible}")
    print(f"  same:             precision {precision_same:.4f}  recall {recall_same:.4f}   (goal: precision >= 0.995)")
    print(f"  same or possible: precision {precision_any:.4f}  recall {recall_any:.4f}   (goal: recall >= 0.97)")

    keyed = {pair for pair in truth if shares_email_or_phone(records[pair[0]].data, records[pair[1]].data)}
    former = {pair for pair in keyed if records[pair[0]].former_employee or records[pair[1]].former_employee}
    for label, subset in (
        ("former employees sharing an email or phone", former),
        ("all true pairs sharing an email or phone", keyed),
    ):
        found = sum(1 for pair in subset if classify(matches[pair], thresholds) if pair in matches) if subset else 0
        print(f"  recall, {label}: {found}/{len(subset)} = {found / len(subset) if subset else 1:.4f}   (goal: 1.0)")

    by_kind_missed: Counter[str] = Counter()
    by_kind_all: Counter[str] = Counter()
    missed_examples: list[str] = []
    for pair in sorted(truth):
        kind = records[pair[1]].kind
        by_kind_all[kind] += 1
        verdict = classify(matches[pair], thresholds) if pair in matches else None
        if verdict is None:
            by_kind_missed[kind] += 1
            if len(missed_examples) < args.show:
                a, b = records[pair[0]].data, records[pair[1]].data
                reason = matches[pair].reasons if pair in matches else "not blocked together"
                missed_examples.append(f"    {a.full_name!r} / {b.full_name!r} [{kind}]: {reason}")
    print("\nmissed true pairs (neither same nor possible), by the second record's changes:")
    for kind, count in by_kind_missed.most_common(12):
        print(f"  {count:4d} of {by_kind_all[kind]:4d}  {kind}")
    print("\n".join(missed_examples))

    false_same: Counter[str] = Counter()
    false_possible: Counter[str] = Counter()
    false_examples: list[str] = []
    for pair, match in matches.items():
        if pair in truth:
            continue
        verdict = classify(match, thresholds)
        kinds = "/".join(sorted({records[pair[0]].kind, records[pair[1]].kind}))
        if verdict == "same":
            false_same[kinds] += 1
            if len(false_examples) < args.show:
                a, b = records[pair[0]].data, records[pair[1]].data
                false_examples.append(f"    {a.full_name!r} / {b.full_name!r} [{kinds}]: {match.score} {match.reasons}")
        elif verdict == "possible":
            false_possible[kinds] += 1
    print(f"\nfalse `same`: {sum(false_same.values())} {dict(false_same.most_common(8))}")
    print("\n".join(false_examples))
    print(f"false `possible`: {sum(false_possible.values())} {dict(false_possible.most_common(8))}")

    # Pure speed, in CPU time of this process (the machine is shared): the first pass
    # above (each record's keys and parsed name computed once, as for one resume
    # against its block), score() again on every pair (caches as warm as their
    # sizes allow), and all keys of a record from cold caches.
    rounds = max(1, int(200_000 / max(1, len(ordered))))
    started = time.process_time()
    for _ in range(rounds):
        for a, b in ordered:
            score(records[a].data, records[b].data)
    per_pair = (time.process_time() - started) / (rounds * len(ordered)) * 1e6
    clear_caches()
    started = time.process_time()
    for record in records:
        record_keys(record.data)
    per_record_keys = (time.process_time() - started) / len(records) * 1e6
    print(
        f"\nspeed (CPU time): score() {scoring_seconds / len(ordered) * 1e6:.1f} µs per pair on the first pass, "
        f"{per_pair:.1f} µs repeated; all keys of one record {per_record_keys:.1f} µs"
    )

    if args.tune:
        print("\ntuning on this seed (precision, recall):")
        for threshold in (0.80, 0.82, 0.84, 0.86, 0.88, 0.90, 0.92, 0.94):
            precision, recall, _, _ = rates(scores, truth, threshold, threshold)
            print(f"  same >= {threshold:.2f}: {precision:.4f} {recall:.4f}")
        for threshold in (0.45, 0.50, 0.53, 0.55, 0.57, 0.60, 0.63, 0.65, 0.67, 0.70):
            _, _, precision, recall = rates(scores, truth, 1.1, threshold)
            print(f"  same or possible >= {threshold:.2f}: {precision:.4f} {recall:.4f}")


if __name__ == "__main__":
    main()

"""Resumes in Chinese, Japanese and Korean: headings, dates, schools, degrees and places,
and fields that only spaces separate."""

# ruff: noqa: RUF001  # fullwidth tildes and colons, as these resumes print them

import datetime

import pytest

from apps.ingestion.document import Document, Line
from apps.ingestion.parsing import parse
from apps.ingestion.parsing.dates import find_ranges
from apps.ingestion.parsing.location import place_of
from apps.ingestion.parsing.result import ParsedResume

TODAY = datetime.date(2026, 11, 27)


def parsed(text: str) -> ParsedResume:
    lines = [Line(t) for t in text.splitlines() if t.strip()]
    return parse(Document(ok=True, kind="text", lines=lines, pages=1), today=TODAY)


def test_a_chinese_resume_with_fields_parted_by_spaces() -> None:
    resume = parsed(
        "张伟\n电话：138-0013-8000\n邮箱：zhang.wei@example.cn\n北京\n"
        "工作经历\n2018.07 - 至今 阿里巴巴集团 高级软件工程师\n2015.07 - 2018.06 腾讯科技有限公司 软件工程师\n"
        "教育背景\n2011.09 - 2015.06 清华大学 计算机科学与技术 本科\n专业技能\nJava, MySQL, Redis\n"
    )
    assert resume.name == "张伟"
    assert resume.location == "北京"
    assert resume.phones == ["+8613800138000"]
    assert [(e.employer, e.title, e.start, e.end, e.current) for e in resume.experience] == [
        ("阿里巴巴集团", "高级软件工程师", "2018-07", None, True),
        ("腾讯科技有限公司", "软件工程师", "2015-07", "2018-06", False),
    ]
    assert [(s.institution, s.degree, s.field, s.start, s.end) for s in resume.education] == [
        ("清华大学", "本科", "计算机科学与技术", "2011-09", "2015-06")
    ]
    assert resume.skills == ["Java", "MySQL", "Redis"]


def test_a_japanese_resume() -> None:
    resume = parsed(
        "山田 太郎\ntaro.yamada@example.jp\n090-1234-5678\n東京都\n職務経歴\n"
        "2019年4月～現在\n株式会社サンプル\nソフトウェアエンジニア\n2015年4月～2019年3月\n富士通株式会社\nシステムエンジニア\n"
        "学歴\n2011年4月～2015年3月\n東京大学 工学部 情報工学科 学士\nスキル\nPython, Java, AWS\n"
    )
    assert resume.name == "山田 太郎"
    assert [(e.employer, e.title, e.start, e.current) for e in resume.experience] == [
        ("株式会社サンプル", "ソフトウェアエンジニア", "2019-04", True),
        ("富士通株式会社", "システムエンジニア", "2015-04", False),
    ]
    assert [(s.institution, s.degree, s.start, s.end) for s in resume.education] == [
        ("東京大学", "学士", "2011-04", "2015-03")
    ]


def test_a_korean_resume() -> None:
    resume = parsed(
        "김민수\nminsu.kim@example.kr\n010-1234-5678\n서울\n경력사항\n"
        "삼성전자 | 소프트웨어 엔지니어 | 2018.03 ~ 현재\n네이버 | 백엔드 개발자 | 2015.01 ~ 2018.02\n"
        "학력\n서울대학교 컴퓨터공학 학사 | 2010.03 ~ 2014.02\n기술\nJava, Kubernetes\n"
    )
    assert resume.location == "서울"
    assert [(e.employer, e.title, e.start, e.end) for e in resume.experience] == [
        ("삼성전자", "소프트웨어 엔지니어", "2018-03", None),
        ("네이버", "백엔드 개발자", "2015-01", "2018-02"),
    ]
    assert [(s.institution, s.degree, s.field) for s in resume.education] == [("서울대학교", "학사", "컴퓨터공학")]
    assert resume.skills == ["Java", "Kubernetes"]


@pytest.mark.parametrize(
    ("text", "start", "end"),
    [
        ("2015年4月～2019年3月", "2015-04", "2019-03"),
        ("2015년 3월 ~ 2019년 2월", "2015-03", "2019-02"),
        ("2019年4月 〜 現在", "2019-04", None),
        ("2018.03 ~ 현재", "2018-03", None),
        ("2016.03 - 재직중", "2016-03", None),
    ],
)
def test_cjk_dates_and_open_ends(text: str, start: str, end: str | None) -> None:
    (found,) = find_ranges(text)
    assert found.start is not None
    assert found.start.iso() == start
    assert (found.end.iso() if found.end else None) == end
    assert found.current == (end is None)


def test_a_two_letter_cjk_city_is_a_place_but_a_lower_case_state_code_is_not() -> None:
    assert place_of("上海") is not None
    assert place_of("西安, 陕西") is not None
    assert place_of("ca") is None


def test_a_spaced_document_title_is_not_the_name_and_a_name_label_is_read() -> None:
    resume = parsed("履 歴 書\n2026年11月1日現在\n氏 名\n佐藤 健太\n電話\n090-1234-5678\n")
    assert resume.name == "佐藤 健太"
    resume = parsed("이 력 서\n성명\n박지훈\n휴대폰\n010-1234-5678\n")
    assert resume.name == "박지훈"


@pytest.mark.parametrize(
    ("text", "country"),
    [
        ("上海市浦东新区", "CN"),
        ("〒150-0002 東京都渋谷区渋谷2丁目15番1号", "JP"),
        ("서울특별시 마포구 월드컵북로 396", "KR"),
        ("경기도 성남시 분당구", "KR"),
    ],
)
def test_east_asian_addresses_without_commas(text: str, country: str) -> None:
    place = place_of(text)
    assert place is not None
    assert place.country == country


def test_a_job_title_with_a_city_character_is_not_an_address() -> None:
    assert place_of("城市规划师") is None


def test_a_rirekisho_history_table_pairs_each_entry_with_its_leaving() -> None:
    resume = parsed(
        "履 歴 書\n氏 名\n佐藤 健太\n年 | 月 | 学歴・職歴\n学 歴\n"
        "2009 4 | 早稲田大学 商学部 入学\n2013 3 | 早稲田大学 商学部 卒業\n職 歴\n"
        "2013 4 | 富士通株式会社 入社（ITサポート）\n2018 3 | 富士通株式会社 一身上の都合により退社\n"
        "2018 4 | 株式会社リクルート 入社（法人営業）\n現在に至る\n以上\n"
    )
    assert [(e.employer, e.title, e.start, e.end, e.current) for e in resume.experience] == [
        ("富士通株式会社", "ITサポート", "2013-04", "2018-03", False),
        ("株式会社リクルート", "法人営業", "2018-04", None, True),
    ]
    assert [(s.institution, s.field, s.start, s.end) for s in resume.education] == [
        ("早稲田大学", "商学部", "2009-04", "2013-03")
    ]


def test_a_name_label_without_a_colon_and_full_width_forms_are_read() -> None:
    resume = parsed("職務経歴書\n氏名 山田 太郎\nメール：taro.yamada@example.jp\n")
    assert resume.name == "山田 太郎"
    assert resume.emails == ["taro.yamada@example.jp"]


def test_an_address_after_its_chinese_label_is_the_location() -> None:
    assert parsed("王伟\n电话:138-0013-8000\n地址:上海市浦东新区\n").location == "上海市浦东新区"


def test_korean_employer_and_title_in_one_part_are_told_apart() -> None:
    resume = parsed(
        "김민준\nminjun.kim@example.kr\n경력사항\n"
        "2020.03 ~ 현재\t소프트웨어 엔지니어\t삼성전자 주식회사\n2016.07 ~ 2020.02\t네이버 주식회사\t백엔드 개발자\n"
    )
    assert [(e.employer, e.title, e.start, e.current) for e in resume.experience] == [
        ("삼성전자 주식회사", "소프트웨어 엔지니어", "2020-03", True),
        ("네이버 주식회사", "백엔드 개발자", "2016-07", False),
    ]


def test_the_history_table_s_rows_are_not_read_again_as_jobs_of_a_section() -> None:
    resume = parsed(
        "氏 名\n佐藤 健太\n職 歴\n2013 4 | 富士通株式会社 入社（システムエンジニア）\n2018 3 | 富士通株式会社 退社\n"
    )
    assert [(e.employer, e.title, e.start, e.end) for e in resume.experience] == [
        ("富士通株式会社", "システムエンジニア", "2013-04", "2018-03")
    ]


def test_history_rows_dated_in_eras_under_decorated_headings_and_a_leaving_without_a_place() -> None:
    resume = parsed(
        "氏 名\n中村 美咲\n【学歴】\n平成27 | 大阪医科薬科大学 看護学部 入学\n平成31 | 大阪医科薬科大学 看護学部 卒業\n"
        "■職歴\n令和元年5月 | 北摂さくら病院 入職\n令和5年9月 | 一身上の都合により退職\n"
    )
    assert [(s.institution, s.start, s.end) for s in resume.education] == [("大阪医科薬科大学", "2015", "2019")]
    assert [(e.employer, e.start, e.end) for e in resume.experience] == [("北摂さくら病院", "2019-05", "2023-09")]


def _form(*rows: tuple[float, float, float, str]) -> ParsedResume:
    """A form's cells as (x, y, size, text) lines of a PDF page."""
    lines = [Line(text, 0, size, False, x, y) for x, y, size, text in rows]
    return parse(Document(ok=True, kind="pdf", lines=lines, pages=1), today=TODAY)


def test_a_name_after_its_label_among_other_cells_and_never_the_label_itself() -> None:
    resume = _form(
        (261, 50, 20, "이 력 서"),
        (57, 82, 10, "[사진]"),
        (130, 82, 10, "성 명"),
        (195, 82, 10, "김지은 (金知恩)"),
        (360, 82, 10, "생년월일"),
        (433, 83, 10, "1992. 03. 15"),
    )
    assert resume.name == "김지은"
    resume = _form(
        (250, 50, 20, "履 歴 書"), (60, 90, 10, "氏 名"), (200, 90, 9, "(縦4cm×横3cm)"), (60, 110, 16, "中村 美咲")
    )
    assert resume.name == "中村 美咲"


def test_a_shokumu_keirekisho_s_roles_under_their_company_with_its_details_and_column_labels() -> None:
    resume = parsed(
        "職務経歴書\n氏名 佐藤 健太\n職務経歴\n"
        "■ 株式会社フォレストシステムズ(2019年4月~現在)\n"
        "事業内容:ECプラットフォームの開発・運営 従業員数:420名\n期間 | 業務内容\n"
        "2022年4月~現在 | バックエンドエンジニア(チームリーダー)\n・決済基盤のマイクロサービス化(Go, gRPC)\n"
        "2019年4月~2022年3月 | バックエンドエンジニア\n・商品検索APIの開発(Python / Django)\n"
        "日本ユニシステム株式会社(2015年4月~2019年3月)\n事業内容:システムインテグレーション\n"
        "2015年4月~2019年3月 | システムエンジニア\n地方銀行向け融資管理システムの詳細設計・製造・テスト(Java)\n"
    )
    assert [(e.employer, e.title, e.start, e.end) for e in resume.experience] == [
        ("株式会社フォレストシステムズ", "バックエンドエンジニア(チームリーダー)", "2022-04", None),
        ("株式会社フォレストシステムズ", "バックエンドエンジニア", "2019-04", "2022-03"),
        ("日本ユニシステム株式会社", "システムエンジニア", "2015-04", "2019-03"),
    ]


def test_a_chinese_employer_and_title_apart_from_the_department_under_them() -> None:
    resume = parsed(
        "王思远\n工作经历\n上海浦江证券股份有限公司, 高级研究员 | 2021.08 - 至今\n研究所 · 新能源汽车行业组\n"
        "毕马威华振会计师事务所上海分所, 审计员 | 2019.07 - 2021.07\n"
    )
    assert [(e.employer, e.title) for e in resume.experience] == [
        ("上海浦江证券股份有限公司", "高级研究员"),
        ("毕马威华振会计师事务所上海分所", "审计员"),
    ]

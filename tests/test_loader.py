"""The loader: one invalid file and its exact messages per case; the corpus loads as it is.

Fixtures live in ``tests/data/loader/``: ``policies/`` is a valid tree (a tiny
taxonomy, the corpus copied as-is and a few hand-written sources), ``sources/``
and ``taxonomy/`` hold one broken file per case. Expected messages leave out the
file name, which the tests put in front.
"""

from __future__ import annotations

import json
import shutil
from datetime import date
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import generator
from generator.core.model import Details, Taxonomy
from generator.errors import PolicyError
from generator.input.policies import load_policies
from generator.input.sources import (
    ITEM_FIELDS,
    OVERRIDE_FIELDS,
    SOURCE_FIELDS,
    load_source,
    read_source_document,
)
from generator.input.split_fix import SPLIT_FIELDS
from generator.input.taxonomy import CHANNEL_FIELDS, TAXONOMY_FIELDS, TERM_FIELDS, load_taxonomy
from generator.input.yaml_nodes import Field

DATA = Path(__file__).parent / "data" / "loader"
ROOT = Path(__file__).resolve().parent.parent
SCHEMAS = Path(generator.__file__).parent / "schemas"
CORPUS = (
    "jn-2025-appliance-rules",
    "jn-2025h1-car-subsidy",
    "mzbh-2024-33",
    "sd-2025-appliance-plan",
)

SOURCE_CASES = {
    "Bad_Name": [
        (
            '0:0: error: the file name "Bad_Name" is not a valid id: use a-z, 0-9 and - '
            "— rename it to bad-name.yml"
        ),
    ],
    "bad-clause-path": [
        '8:3: error: "3.5" is not a clause path — did you mean "3-5"?',
    ],
    "body-and-items": [
        (
            "7:1: error: body and items are both given "
            "— keep one: body (the full text, split automatically) or items (written by hand)"
        ),
    ],
    "clause-expires-before-published": [
        (
            "10:14: error: expires 2024-08-31 is before published 2024-09-05 "
            "— check both dates: a policy cannot end before it is issued"
        ),
    ],
    "clause-key-at-top": [
        (
            '4:1: error: unknown key "deadline" '
            '— deadline belongs to one clause: put it under overrides: "<clause path>": or into '
            "an item"
        ),
    ],
    "control-character": [
        (
            "5:7: error: the control character U+0007 is not allowed in YAML "
            "— delete it; it often comes from copying out of PDF or Word"
        ),
    ],
    "date-as-number": [
        "4:9: error: signed must be a date, not 20240905 — write it as YYYY-MM-DD, e.g. 2024-09-05",
    ],
    "date-in-chinese": [
        '4:9: error: signed: "2024年9月5日" is not a date — write it as 2024-09-05',
    ],
    "date-not-a-date": [
        '4:12: error: published: "待定" is not a date — write it as YYYY-MM-DD, e.g. 2024-09-05',
    ],
    "date-not-padded": [
        "4:9: error: signed: 2024-9-5 is not in the form YYYY-MM-DD — write it as 2024-09-05",
    ],
    "date-with-time": [
        '4:12: error: published: "2024-09-05 10:00:00" is not a date — write it as 2024-09-05',
    ],
    "deadline-after-expires": [
        (
            "10:15: warning: deadline 2025-07-31 is after expires 2025-06-30 "
            "— check both dates: applications usually close while the policy is in force"
        ),
    ],
    "deadline-before-opens": [
        "10:15: error: deadline 2025-02-01 is before opens 2025-03-01 — check both dates",
    ],
    "duplicate-item-path": [
        '8:11: error: item path "1" is used twice (first on line 5) — give each item its own path',
    ],
    "duplicate-key": [
        (
            '4:1: error: duplicate key "title" (first on line 1) '
            "— YAML would silently keep only the last one: delete one of them"
        ),
    ],
    "duplicate-override": [
        '12:3: error: override "1" is given twice (first on line 8) — merge the two into one',
    ],
    "empty-body": [
        "4:1: error: body is empty — paste the document's full text under body: |",
    ],
    "empty-optional-value": [
        (
            "4:1: warning: doc_number is empty "
            "— fill in the document number, e.g. 汨政办函〔2024〕33号 (文号) or delete the line"
        ),
    ],
    "empty": [
        "0:0: error: the file is empty — it needs title, issuer, level and body",
    ],
    "expires-before-signed": [
        (
            "5:10: error: expires 2024-06-30 is before signed 2024-09-05 "
            "— check both dates: a policy cannot end before it is issued"
        ),
    ],
    "folded-body": [
        (
            "4:7: warning: body is not a literal block: YAML joins its lines "
            '— write "body: |" and the text indented below it, one paragraph a line'
        ),
    ],
    "gbk": [
        (
            "1:8: error: the file is not UTF-8: it looks like GBK (a Chinese Windows encoding) "
            '— save it as UTF-8 (VS Code: "Save with Encoding" → UTF-8)'
        ),
    ],
    "impossible-date": [
        (
            "4:9: error: signed: 2024-02-30 is not a real date "
            "— February 2024 has 29 days: check the day"
        ),
    ],
    "impossible-month": [
        "4:12: error: published: 2024-13-01 is not a real date — there is no month 13",
    ],
    "item-missing-text": [
        "5:5: error: missing text — add text: with the item's text (条款原文)",
    ],
    "items-empty": [
        "4:8: error: items is empty — add at least one item, or give a body instead",
    ],
    "javascript-in-body": [
        (
            "6:12: error: body contains a JavaScript: link "
            "— delete it: the column links only to http(s) addresses"
        ),
    ],
    "javascript-url": [
        "9:16: error: apply_url is a javascript: URL — give the http(s) address of a web page",
    ],
    "line-separator": [
        (
            "3:11: warning: U+2028 (LINE SEPARATOR) is read by YAML as a line break "
            "— replace it with a normal line break; it often comes from copying out of Word"
        ),
    ],
    "list-for-text": [
        (
            "1:8: error: title must be text, not a list "
            '— write it on one line, or after "|" on the lines below'
        ),
    ],
    "mapping-for-text": [
        (
            "2:3: error: title must be text, not a mapping (key: value lines) "
            '— if the text contains ": ", put it in quotes'
        ),
    ],
    "merge-key": [
        (
            '10:5: error: unknown key "<<" '
            "— merge keys (<<: *name) are not supported: write the fields out in full"
        ),
    ],
    "missing-level": [
        (
            "1:1: error: missing level "
            "— add level: with the level of government, a name or id from taxonomy levels "
            "(发文层级)"
        ),
    ],
    "missing-title": [
        "1:1: error: missing title — add title: with the document's title (文件标题)",
    ],
    "neither-body-nor-items": [
        (
            "1:1: error: neither body nor items is given "
            "— add body: | with the document's full text below it, or items: written by hand"
        ),
    ],
    "not-a-mapping": [
        (
            "1:1: error: expected a mapping of keys (title:, doc_number:, issuer: …), not a list "
            "— write one key: value per line"
        ),
    ],
    "number-for-text": [
        (
            "1:8: error: title: 2024 is read as the number 2024 by YAML, not as text "
            '— quote it: "2024"'
        ),
    ],
    "number-phone": [
        (
            "9:12: error: phone: 07305221234 is read as the number 991240860 by YAML, not as text "
            '— quote it: "07305221234"'
        ),
    ],
    "only-comments": [
        "0:0: error: the file is empty — it needs title, issuer, level and body",
    ],
    "override-sets-nothing": [
        '8:3: warning: override "1" sets nothing — add fields such as title: or delete it',
    ],
    "overrides-with-items": [
        (
            "8:1: error: overrides need a body, but this file has items "
            "— write the fields into the items instead"
        ),
    ],
    "published-before-signed": [
        (
            "5:12: warning: published 2024-09-01 is before signed 2024-09-05 "
            "— check both dates: a document is usually published after it is signed"
        ),
    ],
    "source-url-ftp": [
        (
            "4:13: error: source_url must be an http(s) address, not "
            '"ftp://files.miluo.gov.cn/1.doc" '
            "— give the http(s) address of a web page"
        ),
    ],
    "source-url-without-scheme": [
        (
            "4:13: error: source_url must be an http(s) address, not "
            '"www.miluo.gov.cn/zwgk/1.html" '
            '— write it in full: "https://www.miluo.gov.cn/zwgk/1.html"'
        ),
    ],
    "syntax-colon": [
        (
            "1:10: error: YAML syntax error: mapping values are not allowed here "
            '— a value that contains ": " must be quoted, e.g. title: "关于: 通知"; or this line '
            "is indented more than it should be"
        ),
    ],
    "syntax-two-documents": [
        (
            "7:1: error: YAML syntax error: but found another document "
            "— a file holds one document: delete the --- line"
        ),
    ],
    "syntax-unclosed-brace": [
        (
            "5:5: error: YAML syntax error: expected ',' or '}', but got ':' "
            "— the { opened on line 4 is not closed with }"
        ),
    ],
    "syntax-unclosed-quote": [
        (
            "7:1: error: YAML syntax error: found unexpected end of stream "
            "— a quote opened on line 1 is never closed"
        ),
    ],
    "tab-indent": [
        (
            "9:1: error: a tab is used for indentation "
            "— YAML indents with spaces only: replace the tab with spaces"
        ),
    ],
    "tag-in-wrong-vocabulary": [
        '4:10: error: unknown theme "家电" — "家电" is a sector, not a theme',
    ],
    "tag-listed-twice": [
        '4:14: warning: theme "liangxin" is listed twice — delete one',
    ],
    "text-for-list": [
        (
            '4:8: error: items must be a list, not the text "第一条" '
            '— start each item with "- path: …" on its own line'
        ),
    ],
    "text-for-mapping": [
        (
            '7:12: error: overrides must map clause paths to fields, not the text "第一条改标题" '
            '— write e.g. "3-5": on its own line and the fields indented below it'
        ),
    ],
    "unknown-audience": [
        (
            '6:5: error: unknown audience "消费者" '
            '— did you mean "个人消费者"? If it is new, add it to policies/taxonomy.yml under '
            "audiences"
        ),
    ],
    "unknown-category": [
        (
            '9:15: error: unknown category "补贴类" '
            '— did you mean "奖补类"? If it is new, add it to policies/taxonomy.yml under '
            "categories"
        ),
    ],
    "unknown-issuer": [
        (
            '2:16: error: unknown issuer "济南市财政厅" '
            '— did you mean "济南市财政局"? If it is new, add it to policies/taxonomy.yml under '
            "issuers"
        ),
    ],
    "unknown-key-chinese": [
        '4:1: error: unknown key "文号" — did you mean "doc_number"?',
    ],
    "unknown-key-no-guess": [
        (
            '4:1: error: unknown key "remarks" '
            "— the keys here are title, doc_number, issuer, level, signed, published, expires, "
            "source_url, notice, themes, sectors, audiences, index_number, subject, doc_type, "
            "status, replaced_by, status_reason, changes, interpretation_url, body, split, "
            "overrides, items"
        ),
    ],
    "unknown-key": [
        '4:1: error: unknown key "titel" — did you mean "title"?',
    ],
    "unknown-level": [
        (
            '3:8: error: unknown level "汩罗市" '
            '— did you mean "汨罗市"? If it is new, add it to policies/taxonomy.yml under levels'
        ),
    ],
    "unknown-override-key": [
        '9:5: error: unknown key "summery" — did you mean "summary"?',
    ],
    "unknown-sector": [
        (
            '4:10: error: unknown sector "家用电器" '
            '— did you mean "家电"? If it is new, add it to policies/taxonomy.yml under sectors'
        ),
    ],
    "unknown-theme": [
        (
            '4:14: error: unknown theme "以旧换新补贴" '
            '— did you mean "消费品以旧换新"? If it is new, add it to policies/taxonomy.yml under '
            "themes"
        ),
    ],
    "utf16": [
        (
            "1:1: error: the file is UTF-16, not UTF-8 "
            '— save it as UTF-8 (VS Code: "Save with Encoding" → UTF-8)'
        ),
    ],
    "yaml11-date-as-text": [
        (
            "1:8: error: title: 2024-09-05 is read as a date by YAML, not as text "
            '— quote it: "2024-09-05"'
        ),
    ],
    "yaml11-decimal": [
        (
            "2:13: error: doc_number: 1.10 is read as the number 1.1 by YAML, not as text "
            '— quote it: "1.10"'
        ),
    ],
    "yaml11-no": [
        '9:10: error: who: no is read as false by YAML 1.1 tools, not as text — quote it: "no"',
    ],
    "yaml11-on-in-list": [
        (
            "9:22: error: materials: on is read as true by YAML 1.1 tools, not as text "
            '— quote it: "on"'
        ),
    ],
}

TAXONOMY_CASES = {
    "bad-id": [
        (
            '5:14: error: id "Trade_In" is not a valid id: use a-z, 0-9 and - '
            '— did you mean "trade-in"?'
        ),
    ],
    "channel-carries-nothing": [
        (
            '10:5: warning: channel "电视" can carry nothing '
            "— give it per_day: or per_week: greater than 0, or delete it"
        ),
    ],
    "channel-duplicate": [
        (
            '11:5: error: channel id "portal" is used twice (first on line 10) '
            "— each id must be unique within channels"
        ),
    ],
    "channel-negative": [
        '10:39: error: per_day must be a whole number 0 or more, not "-1" — e.g. 3, without quotes',
    ],
    "channel-quoted-count": [
        '10:39: error: per_day must be a whole number 0 or more, not "3" — e.g. 3, without quotes',
    ],
    "chinese-id": [
        (
            '5:14: error: id "以旧换新" is not a valid id: use a-z, 0-9 and - '
            "— use pinyin or English, e.g. trade-in"
        ),
    ],
    "duplicate-id": [
        (
            '4:5: error: theme id "liangxin" is used twice (first on line 2) '
            "— each id must be unique within themes"
        ),
    ],
    "duplicate-kind": [
        (
            '9:1: error: duplicate key "sectors" (first on line 4) '
            "— YAML would silently keep only the last one: delete one of them"
        ),
    ],
    "duplicate-name-in-children": [
        (
            '6:9: error: theme name "消费品以旧换新" is used twice (first on line 5) '
            "— each name must be unique within themes"
        ),
    ],
    "empty-children": [
        "4:5: warning: children is empty — fill in narrower terms (下位词) or delete the line",
    ],
    "keywords-number": [
        (
            "4:22: error: keywords: 2024 is read as the number 2024 by YAML, not as text "
            '— quote it: "2024"'
        ),
    ],
    "kind-as-text": [
        (
            '6:9: error: levels must be a list of terms, not the text "汨罗市" '
            '— start each term with "- id: …" on its own line, then name: below it'
        ),
    ],
    "missing-kind": [
        "1:1: error: missing categories — add categories: with the item categories (事项类别)",
    ],
    "term-missing-name": [
        "4:5: error: missing name — add name: with the Chinese name shown to readers (名称)",
    ],
    "term-unknown-key": [
        '4:5: error: unknown key "keyword" — did you mean "keywords"?',
    ],
    "unknown-top-key": [
        '1:1: error: unknown key "theme" — did you mean "themes"?',
    ],
}


@pytest.fixture
def in_data(monkeypatch: pytest.MonkeyPatch) -> Path:
    """Run in the fixture folder, so messages name files as the policy team types them."""
    monkeypatch.chdir(DATA)
    return DATA


@pytest.fixture
def taxonomy(in_data: Path) -> Taxonomy:
    loaded, problems = load_taxonomy(Path("policies/taxonomy.yml"))
    assert problems == []
    return loaded


def messages(problems: list[PolicyError] | tuple[PolicyError, ...]) -> list[str]:
    return [str(problem) for problem in problems]


def prefixed(folder: str, cases: dict[str, list[str]]) -> list[str]:
    return [f"{folder}/{case}.yml:{line}" for case, lines in cases.items() for line in lines]


@pytest.mark.parametrize(("case", "expected"), SOURCE_CASES.items(), ids=list(SOURCE_CASES))
def test_source_case(taxonomy: Taxonomy, case: str, expected: list[str]) -> None:
    _, problems = load_source(Path(f"sources/{case}.yml"), taxonomy)
    assert messages(problems) == prefixed("sources", {case: expected})


@pytest.mark.parametrize(("case", "expected"), TAXONOMY_CASES.items(), ids=list(TAXONOMY_CASES))
def test_taxonomy_case(in_data: Path, case: str, expected: list[str]) -> None:
    _, problems = load_taxonomy(Path(f"taxonomy/{case}.yml"))
    assert messages(problems) == prefixed("taxonomy", {case: expected})


def test_every_case_has_a_fixture_and_every_fixture_a_case() -> None:
    assert sorted(path.stem for path in (DATA / "sources").glob("*.yml")) == sorted(SOURCE_CASES)
    assert sorted(path.stem for path in (DATA / "taxonomy").glob("*.yml")) == sorted(TAXONOMY_CASES)


def test_one_run_reports_every_problem_of_every_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    shutil.copytree(DATA / "sources", tmp_path / "policies" / "sources")
    shutil.copy(DATA / "policies" / "taxonomy.yml", tmp_path / "policies")
    (tmp_path / "policies" / "sources" / "notes.yaml").write_text("title: 草稿\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)

    result = load_policies(Path("policies"))

    not_read = (
        "policies/sources/notes.yaml:0:0: warning: this file is not read: only *.yml files are "
        "sources — rename it to notes.yml"
    )
    expected = [*prefixed("policies/sources", SOURCE_CASES), not_read]
    assert sorted(messages(result.problems)) == sorted(expected)
    assert list(result.problems) == sorted(result.problems)
    slugs = [source.slug for source in result.sources]
    assert slugs == sorted(slugs)
    assert "unknown-key" in slugs and "gbk" not in slugs


def test_corpus_and_sample_sources_load_without_a_problem(in_data: Path) -> None:
    result = load_policies(Path("policies"))

    assert result.problems == ()
    slugs = [source.slug for source in result.sources]
    assert slugs == sorted([*CORPUS, "bom-crlf", "full-example", "hand-items"])


def test_corpus_document_fields(in_data: Path) -> None:
    sources = {source.slug: source for source in load_policies(Path("policies")).sources}

    plan = sources["mzbh-2024-33"]
    assert plan.file == "policies/sources/mzbh-2024-33.yml"
    assert plan.title == "汨罗市“两重”“两新”送解优专项行动方案"
    assert plan.doc_number == "汨政办函〔2024〕33号"
    assert plan.issuers == ("miluo-gov-office",)
    assert plan.level == "miluo"
    assert plan.signed == date(2024, 9, 5)
    assert plan.notice.startswith("汨罗市人民政府办公室\n")
    assert plan.body_line == 15
    joint = sources["sd-2025-appliance-plan"]
    assert joint.issuers == (
        "shandong-commerce",
        "shandong-drc",
        "shandong-finance",
        "shandong-samr",
    )
    undated = sources["jn-2025h1-car-subsidy"]
    assert (undated.doc_number, undated.signed, undated.published) == ("", None, None)


@pytest.mark.parametrize("slug", CORPUS)
def test_body_line_is_the_file_line_of_the_first_body_line(in_data: Path, slug: str) -> None:
    source, _ = read_source_document(Path(f"policies/sources/{slug}.yml"))
    file_lines = Path(f"policies/sources/{slug}.yml").read_text(encoding="utf-8").split("\n")
    body_lines = source.body.split("\n")
    for offset in (0, 1, len(body_lines) - 2):
        assert file_lines[source.body_line - 1 + offset].strip() == body_lines[offset].strip()


def test_read_source_document_keeps_values_as_written(in_data: Path) -> None:
    source, problems = read_source_document(Path("policies/sources/jn-2025-appliance-rules.yml"))

    assert problems == []
    assert source.issuers == (
        "济南市商务局",
        "济南市发展和改革委员会",
        "济南市财政局",
        "济南市市场监督管理局",
    )
    assert source.level == "济南市"


def test_read_source_document_still_checks_everything_but_tags(in_data: Path) -> None:
    source, problems = read_source_document(Path("sources/unknown-theme.yml"))
    assert problems == []
    assert source.themes == ("两新", "以旧换新补贴")

    _, problems = read_source_document(Path("sources/impossible-date.yml"))
    assert messages(problems) == prefixed(
        "sources", {"impossible-date": SOURCE_CASES["impossible-date"]}
    )


def test_every_field_of_a_source_with_a_body(taxonomy: Taxonomy) -> None:
    source, problems = load_source(Path("policies/sources/full-example.yml"), taxonomy)

    assert problems == []
    assert source.issuers == ("miluo-gov-office", "jinan-commerce")
    assert (source.level, source.doc_number) == ("miluo", "汨商发〔2025〕1号")
    assert (source.signed, source.published, source.expires) == (
        date(2025, 1, 20),
        date(2025, 1, 22),
        date(2025, 12, 31),
    )
    assert source.source_url == "https://www.miluo.gov.cn/zwgk/2025/1.html"
    assert source.notice == "各镇人民政府：\n现印发给你们，请认真贯彻执行。"
    assert (source.themes, source.sectors) == (("liangxin",), ("home-appliances",))
    assert source.audiences == ("consumers", "smes")
    assert source.body.startswith("为推动消费品以旧换新，制定本细则。\n一、补贴范围\n")
    assert source.body_line == 17
    first, second = source.overrides
    assert (first.path, first.line, first.title) == ("1-1", 23, "空调以旧换新补贴")
    assert (first.themes, first.sectors, first.audiences) == (
        ("trade-in",),
        ("home-appliances",),
        ("consumers",),
    )
    assert first.expires == date(2025, 6, 30)
    assert first.details == Details(
        summary="购买一级能效空调，按售价的20%补贴。",
        category="subsidy",
        who="在汨罗市购买空调的个人消费者",
        amount="按售价的20%补贴",
        max_amount="每件不超过2000元",
        conditions="一级能效",
        opens=date(2025, 1, 25),
        deadline=date(2025, 6, 30),
        how_to_apply="登录小程序申领",
        apply_url="https://example.gov.cn/apply",
        materials=("身份证", "购物发票"),
        payout="审核通过后15个工作日内发放",
        department="汨罗市商务局",
        phone="0730-5221234",
        interpretation_url="https://www.miluo.gov.cn/jd/1.html",
        graphic_url="https://www.miluo.gov.cn/tj/1.html",
        video_url="https://www.miluo.gov.cn/sp/1.html",
    )
    assert (second.path, second.line, second.sectors, second.details) == (
        "2",
        46,
        ("automobiles",),
        Details(),
    )


def test_hand_written_items(taxonomy: Taxonomy) -> None:
    source, problems = load_source(Path("policies/sources/hand-items.yml"), taxonomy)

    assert problems == []
    assert (source.body, source.body_line, source.overrides) == ("", 0, ())
    first, second = source.items
    assert (first.path, first.line, first.title) == ("1", 7, "哪些企业可以申请设备更新贷款贴息？")
    assert first.audiences == ("enterprises",)
    assert (first.details.category, first.details.deadline) == ("subsidy", date(2024, 12, 31))
    assert (second.path, second.line) == ("2", 13)
    assert second.text == "拨打市商务局电话咨询。\n工作日9:00—17:00。"
    assert second.details.phone == "0730-5221234"


def test_byte_order_mark_and_crlf_are_read_silently(taxonomy: Taxonomy) -> None:
    source, problems = load_source(Path("policies/sources/bom-crlf.yml"), taxonomy)

    assert problems == []
    assert source.title == "带BOM和CRLF的文件"
    assert (source.body, source.body_line) == ("一、总则\n二、附则\n", 5)


def test_absolute_paths_inside_the_working_directory_are_shown_relative(taxonomy: Taxonomy) -> None:
    _, problems = load_source(DATA / "sources" / "unknown-key.yml", taxonomy)
    assert messages(problems) == prefixed("sources", {"unknown-key": SOURCE_CASES["unknown-key"]})


def test_a_broken_vocabulary_does_not_flood_the_sources(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    policies = tmp_path / "policies"
    (policies / "sources").mkdir(parents=True)
    taxonomy = (DATA / "policies" / "taxonomy.yml").read_text(encoding="utf-8")
    broken = taxonomy.replace("{id: jinan-drc,", "{id: jinan-commerce,")
    (policies / "taxonomy.yml").write_text(broken, encoding="utf-8")
    shutil.copy(DATA / "sources" / "unknown-issuer.yml", policies / "sources")
    shutil.copy(DATA / "sources" / "unknown-theme.yml", policies / "sources")
    monkeypatch.chdir(tmp_path)

    result = load_policies(Path("policies"))

    assert messages(result.problems) == [
        'policies/sources/unknown-theme.yml:4:14: error: unknown theme "以旧换新补贴" '
        '— did you mean "消费品以旧换新"? '
        "If it is new, add it to policies/taxonomy.yml under themes",
        'policies/taxonomy.yml:34:5: error: issuer id "jinan-commerce" is used twice '
        "(first on line 33) — each id must be unique within issuers",
    ]
    issuers = {source.slug: source.issuers for source in result.sources}
    assert issuers["unknown-issuer"] == ("济南市商务局", "济南市财政厅")


def test_a_missing_taxonomy_is_one_error_and_sources_are_still_read(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    shutil.copytree(DATA / "policies" / "sources", tmp_path / "policies" / "sources")
    monkeypatch.chdir(tmp_path)

    result = load_policies(Path("policies"))

    assert messages(result.problems) == [
        "policies/taxonomy.yml:0:0: error: file not found — create it or check the path"
    ]
    assert len(result.sources) == len(CORPUS) + 3


def test_a_missing_sources_folder_is_a_warning(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    shutil.copy(DATA / "policies" / "taxonomy.yml", tmp_path)
    monkeypatch.chdir(tmp_path)

    result = load_policies(Path("."))

    assert messages(result.problems) == [
        "sources:0:0: warning: no sources folder "
        "— create it and add one .yml file per source document"
    ]
    assert [term.id for term in result.taxonomy.themes.terms] == [
        "liangzhong",
        "liangxin",
        "equipment-renewal",
        "trade-in",
    ]
    assert result.taxonomy.themes.get("trade-in").parent == "liangxin"
    assert result.taxonomy.themes.get("trade-in").keywords == ("以旧换新", "换新")
    assert [(c.id, c.per_day, c.per_week) for c in result.taxonomy.channels] == [
        ("portal", 3, 0),
        ("tv", 0, 2),
    ]


VALID_SOURCE = (DATA / "policies" / "sources" / "full-example.yml").read_text(encoding="utf-8")
YAML_CHARACTERS = " \n\t\r:-[]{}\"'|>#&*!%@`,?~\\0129aenoy.中文\ufeff\x07"


@settings(max_examples=300, deadline=None, derandomize=True)
@given(
    start=st.integers(0, len(VALID_SOURCE)),
    length=st.integers(0, 30),
    inserted=st.text(YAML_CHARACTERS, max_size=6),
)
def test_any_edit_of_a_valid_file_is_reported_never_raised(
    tmp_path_factory: pytest.TempPathFactory, start: int, length: int, inserted: str
) -> None:
    edited = VALID_SOURCE[:start] + inserted + VALID_SOURCE[start + length :]
    path = tmp_path_factory.getbasetemp() / "edited.yml"
    path.write_text(edited, encoding="utf-8")
    taxonomy, _ = load_taxonomy(DATA / "policies" / "taxonomy.yml")

    for _, problems in (load_source(path, taxonomy), read_source_document(path)):
        for problem in problems:
            assert problem.line >= 0 and problem.column >= 0, problem
            assert str(problem).startswith(f"{problem.file}:{problem.line}:{problem.column}: ")


# The JSON Schemas for editors must know exactly the keys the loader knows, read the same way:
# each property refers to the ``$defs`` entry named after its loader field kind.
SCHEMA_TABLES = [
    ("source.schema.json", "", SOURCE_FIELDS),
    ("source.schema.json", "/$defs/override", OVERRIDE_FIELDS),
    ("source.schema.json", "/$defs/item", ITEM_FIELDS),
    ("source.schema.json", "/$defs/split", SPLIT_FIELDS),
    ("taxonomy.schema.json", "", TAXONOMY_FIELDS),
    ("taxonomy.schema.json", "/$defs/term", TERM_FIELDS),
    ("taxonomy.schema.json", "/$defs/channel", CHANNEL_FIELDS),
]


def load_schema(name: str) -> dict:
    return json.loads((SCHEMAS / name).read_text(encoding="utf-8"))


def resolve(schema: dict, pointer: str) -> dict:
    """The part of ``schema`` that a JSON pointer such as ``#/$defs/item`` names."""
    part = schema
    for name in pointer.removeprefix("#").strip("/").split("/"):
        if name:
            part = part[name]
    return part


def kind_of(schema: dict, prop: dict) -> str:
    while "$ref" in prop:
        prop = resolve(schema, prop["$ref"])
    (ref,) = [part["$ref"] for part in prop["allOf"]]
    return ref.removeprefix("#/$defs/")


def description_of(schema: dict, prop: dict) -> str:
    while "$ref" in prop:
        prop = resolve(schema, prop["$ref"])
    return prop["description"]


@pytest.mark.parametrize(
    ("name", "pointer", "table"), SCHEMA_TABLES, ids=[f"{n}{p}" for n, p, _ in SCHEMA_TABLES]
)
def test_schema_matches_the_loader(name: str, pointer: str, table: dict[str, Field]) -> None:
    schema = load_schema(name)
    part = resolve(schema, pointer)

    assert list(part["properties"]) == list(table)
    assert part["additionalProperties"] is False
    assert sorted(part.get("required", [])) == sorted(
        key for key, field in table.items() if field.required
    )
    for key, field in table.items():
        prop = part["properties"][key]
        assert kind_of(schema, prop) == field.kind, key
        assert description_of(schema, prop).startswith(field.zh), key


@pytest.mark.parametrize("name", ["source.schema.json", "taxonomy.schema.json"])
def test_schema_is_draft_2020_12_and_every_reference_resolves(name: str) -> None:
    schema = load_schema(name)
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    text = json.dumps(schema)
    for ref in {part.split('"')[0] for part in text.split('"$ref": "')[1:]}:
        assert resolve(schema, ref), ref


def test_vscode_maps_the_policy_files_to_the_schemas() -> None:
    settings = json.loads((ROOT / ".vscode" / "settings.json").read_text(encoding="utf-8"))
    assert settings["yaml.schemas"] == {
        "./generator/schemas/source.schema.json": ["/policies/sources/*.yml"],
        "./generator/schemas/taxonomy.schema.json": ["/policies/taxonomy.yml"],
        "./generator/schemas/schedule.schema.json": ["/policies/schedule.yml"],
    }
    for schema in settings["yaml.schemas"]:
        assert (ROOT / schema).is_file()

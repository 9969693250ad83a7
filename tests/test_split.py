"""The splitter: numbering styles, look-alikes, depth, titles, notes, the real corpus."""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from generator.core.model import Piece, SplitBody, SplitFix
from generator.core.numbering import numbering_kind
from generator.core.split import split_body

CORPUS = Path(__file__).parent / "data" / "corpus"
CORPUS_NAMES = (
    "mzbh-2024-33",
    "jn-2025-appliance-rules",
    "sd-2025-appliance-plan",
    "jn-2025h1-car-subsidy",
)
ALL = 0  # max_chars that splits every clause with children down to its leaves


def corpus_body(name: str) -> str:
    return yaml.safe_load((CORPUS / f"{name}.yml").read_text(encoding="utf-8"))["body"]


def assert_covers(body: str, split: SplitBody) -> None:
    """Every character of the body lands once: preamble, piece spans in order, closing."""
    spans = "".join(body[piece.start : piece.end] for piece in split.pieces)
    assert split.preamble + spans + split.closing == body
    position = len(split.preamble)
    for piece in split.pieces:
        assert piece.start == position < piece.end
        assert piece.text in body[piece.start : piece.end]
        assert piece.line == body.count("\n", 0, piece.start)
        position = piece.end
    assert position == len(body) - len(split.closing)
    paths = [piece.path for piece in split.pieces]
    assert len(paths) == len(set(paths))
    assert all(re.fullmatch(r"[0-9a-z]+(-[0-9a-z]+)*", path) for path in paths)


def paths(body: str, max_chars: int = ALL) -> list[str]:
    return [piece.path for piece in split_body(body, max_chars).pieces]


def clauses(body: str, max_chars: int = ALL) -> list[tuple[str, ...]]:
    return [piece.clause for piece in split_body(body, max_chars).pieces]


def messages(body: str, max_chars: int = ALL) -> list[tuple[int, str]]:
    return [(note.line, note.message) for note in split_body(body, max_chars).notes]


# --- numbering styles -------------------------------------------------------------


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        pytest.param(
            "一、甲\n（一）乙。\n（二）丙。\n二、丁。\n", ["1-1", "1-2", "2"], id="一、（一）"
        ),
        pytest.param("一、甲\n(一)乙。\n(二)丙。\n二、丁。\n", ["1-1", "1-2", "2"], id="一、(一)"),
        pytest.param("（一）甲\n1.乙。\n2.丙。\n（二）丁。\n", ["1-1", "1-2", "2"], id="（一）1."),
        pytest.param("一、甲\n1．乙。\n2．丙。\n", ["1-1", "1-2"], id="1．full-width"),
        pytest.param("一、甲\n1、乙。\n2、丙。\n", ["1-1", "1-2"], id="1、"),
        pytest.param("一、甲\n1. 乙。\n2. 丙。\n", ["1-1", "1-2"], id="1. space"),
        pytest.param("1.甲\n(1)乙。\n(2)丙。\n", ["1-1", "1-2"], id="(1)"),
        pytest.param("1.甲\n（1）乙。\n（2）丙。\n", ["1-1", "1-2"], id="（1）"),
        pytest.param("1.甲\n(1) 乙。\n（2） 丙。\n", ["1-1", "1-2"], id="(1) mixed widths"),
        pytest.param("(1)甲\n①乙。\n②丙。\n③丁。\n", ["1-1", "1-2", "1-3"], id="①"),
        pytest.param("第一章 甲\n第一条 乙。\n第二条 丙。\n", ["1-1", "1-2"], id="第X章 第X条"),
        pytest.param("第一章 甲\n第一节 乙\n第一条 丙。\n", ["1-1-1"], id="第X节"),
        pytest.param("第1章 甲\n第1条 乙。\n第2条 丙。\n", ["1-1", "1-2"], id="第1条 digits"),
        pytest.param("　一、甲。\n  二、乙。\n", ["1", "2"], id="leading spaces"),
        pytest.param("一、甲\n\n二、乙\n", ["1", "2"], id="blank line between"),
        pytest.param("一、甲。\n二、乙。", ["1", "2"], id="no final newline"),
        pytest.param("一、甲\n１．乙。\n２．丙。\n", ["1-1", "1-2"], id="full-width digits"),
    ],
)
def test_numbering_style(body: str, expected: list[str]) -> None:
    assert paths(body) == expected
    assert_covers(body, split_body(body, ALL))


def test_labels_are_kept_as_written() -> None:
    body = "一、甲\n（一）乙。\n(二)丙\n1．丁\n(1) 戊。\n"
    assert clauses(body) == [("一、", "（一）"), ("一、", "(二)", "1．", "(1)")]


@pytest.mark.parametrize(
    ("numeral", "number"),
    [("九", "9"), ("十", "10"), ("十一", "11"), ("二十", "20"), ("二十三", "23"), ("九十九", "99")],
)
def test_chinese_numerals(numeral: str, number: str) -> None:
    before = "".join(f"第{n}条 丙。\n" for n in chinese_numbers(int(number) - 1))
    body = f"第一章 甲\n{before}第{numeral}条 乙。\n"
    assert paths(body)[-1] == f"1-{number}"


def chinese_numbers(count: int) -> list[str]:
    digits = "一二三四五六七八九"
    names = []
    for value in range(1, count + 1):
        tens, ones = divmod(value, 10)
        prefix = "" if tens == 0 else ("十" if tens == 1 else digits[tens - 1] + "十")
        names.append(prefix + (digits[ones - 1] if ones else ""))
    return names


def test_articles_count_on_across_chapters() -> None:
    body = "第一章 甲\n第一条 乙。\n第二条 丙。\n第二章 丁\n第三条 戊。\n第四条 己。\n"
    assert paths(body) == ["1-1", "1-2", "2-3", "2-4"]


def test_lists_restart_under_each_parent() -> None:
    body = "一、甲\n（一）乙。\n（二）丙。\n二、丁\n（一）戊。\n（二）己。\n"
    assert paths(body) == ["1-1", "1-2", "2-1", "2-2"]
    assert messages(body) == []


# --- look-alikes --------------------------------------------------------------------


@pytest.mark.parametrize(
    "line",
    [
        pytest.param("2025年1月25日起开始申报。", id="date"),
        pytest.param("9月8日前交政策专班。", id="month-day"),
        pytest.param("1.5万元以下的部分全额补贴。", id="amount 1.5万元"),
        pytest.param("3.0版标准同步实施。", id="version 3.0版"),
        pytest.param("1．5倍计算。", id="full-width decimal"),
        pytest.param("第一，加强领导。", id="第一，"),
        pytest.param("第二部分（一）所列产品除外。", id="第二部分（一）"),
        pytest.param("按照本方案（一）执行。", id="label inside a sentence"),
        pytest.param("一、二级能效产品另行规定。", id="一、二级"),
        pytest.param("1、2级能效产品另行规定。", id="1、2级"),
        pytest.param("5.未尽事宜另行通知。", id="5. does not continue 1."),
        pytest.param("(3)未尽事宜另行通知。", id="(3) cannot start a list"),
    ],
)
def test_look_alike_stays_text(line: str) -> None:
    body = f"一、甲\n1.乙\n{line}\n二、丙。\n"
    split = split_body(body, ALL)
    assert [piece.path for piece in split.pieces] == ["1-1", "2"]
    assert split.pieces[0].text == f"1.乙\n{line}"
    assert_covers(body, split)


def test_look_alike_at_the_start_is_preamble() -> None:
    body = "2025年1月25日\n1.5万元以上\n一、甲。\n"
    assert split_body(body).preamble == "2025年1月25日\n1.5万元以上\n"


@pytest.mark.parametrize(
    ("line", "message"),
    [
        ("5.未尽事宜另行通知。", "5. does not continue 1.; read as text of clause 1-1"),
        ("(3)未尽事宜另行通知。", "(3) cannot start a list here; read as text of clause 1-1"),
        ("第一，加强领导。", None),
        ("1.5万元以下的部分全额补贴。", None),
    ],
)
def test_label_out_of_sequence_is_noted(line: str, message: str | None) -> None:
    body = f"一、甲\n1.乙\n{line}\n二、丙。\n"
    assert messages(body) == ([(2, message)] if message else [])


# --- restarts, skips, repeats -----------------------------------------------------


def test_restarted_runs_get_letter_suffixes() -> None:
    body = (
        "一、时间。\n二、范围。\n三、标准\n新能源汽车：\n1.甲。\n2.乙。\n燃油车：\n1.丙。\n2.丁。\n"
    )
    body += "摩托车：\n1.戊。\n"
    split = split_body(body, ALL)
    assert [piece.path for piece in split.pieces] == [
        "1",
        "2",
        "3-1",
        "3-2",
        "3-1b",
        "3-2b",
        "3-1c",
    ]
    assert [piece.breadcrumb for piece in split.pieces[2:]] == [
        ("三、标准", "新能源汽车"),
        ("三、标准", "新能源汽车"),
        ("三、标准", "燃油车"),
        ("三、标准", "燃油车"),
        ("三、标准", "摩托车"),
    ]
    assert split.pieces[4].text == "1.丙。"
    assert body[split.pieces[4].start : split.pieces[4].end] == "燃油车：\n1.丙。\n"
    assert split.notes == ()
    assert_covers(body, split)


def test_runs_without_sub_heads_restart_too() -> None:
    assert paths("一、甲\n1.乙。\n2.丙。\n1.丁。\n") == ["1-1", "1-2", "1-1b"]


def test_many_runs_keep_ascii_paths() -> None:
    body = "一、甲\n" + "1.乙。\n" * 30
    split = split_body(body, ALL)
    assert [piece.path for piece in split.pieces][-5:] == [
        "1-1z",
        "1-1ba",
        "1-1bb",
        "1-1bc",
        "1-1bd",
    ]
    assert_covers(body, split)


@pytest.mark.parametrize(
    ("body", "expected_paths", "expected_notes"),
    [
        pytest.param(
            "一、甲。\n三、乙。\n",
            ["1", "3"],
            [(1, "numbering skips from 一、 to 三、; read as clause 3")],
            id="top-level skip",
        ),
        pytest.param(
            "一、甲。\n二、乙。\n二、丙。\n三、丁。\n",
            ["1", "2", "2b", "3"],
            [(2, "numbering repeats 二、; read as a second clause 2b")],
            id="repeat",
        ),
        pytest.param(
            "一、甲\n（一）乙。\n（二）丙。\n（二）丁。\n",
            ["1-1", "1-2", "1-2b"],
            [(3, "numbering repeats （二）; read as a second clause 1-2b")],
            id="nested repeat",
        ),
        pytest.param(
            "一、甲。\n二、乙。\n一、丙。\n",
            ["1", "2", "1b"],
            [(2, "numbering starts again at 一、 after 二、; read as a new run of clauses, 1b")],
            id="top-level restart",
        ),
        pytest.param(
            "一、甲。\n一、乙。\n",
            ["1", "1b"],
            [(1, "numbering repeats 一、; read as a second clause 1b")],
            id="first clause repeated",
        ),
        pytest.param(
            "一、甲。\n\u200b二、乙。\n\u00a0三、丙。\n",
            ["1", "2", "3"],
            [],
            id="invisible space before a label",
        ),
        pytest.param(
            "一、甲\n（一）乙。\n（三）丙。\n",
            ["1-1", "1-3"],
            [(2, "numbering skips from （一） to （三）; read as clause 1-3")],
            id="nested skip of one number",
        ),
        pytest.param(
            "通知如下。\n请遵照执行。\n",
            [],
            [(0, "no clause numbering found; the body stays whole on the document page")],
            id="no numbering",
        ),
        pytest.param("", [], [], id="empty body"),
    ],
)
def test_numbering_notes(body: str, expected_paths: list[str], expected_notes: list) -> None:
    split = split_body(body, ALL)
    assert [piece.path for piece in split.pieces] == expected_paths
    assert [(note.line, note.message) for note in split.notes] == expected_notes
    assert all(note.hint for note in split.notes)
    assert_covers(body, split)


def test_no_numbering_keeps_the_body_whole() -> None:
    body = "通知如下。\n请遵照执行。\n"
    split = split_body(body)
    assert (split.preamble, split.pieces, split.closing) == (body, (), "")


# --- depth: what becomes a piece ------------------------------------------------


def test_short_clause_is_one_piece() -> None:
    body = "一、甲\n（一）乙。\n（二）丙。\n"
    assert paths(body, max_chars=100) == ["1"]


def test_long_clause_is_cut_at_its_children() -> None:
    body = "一、甲\n（一）" + "乙" * 50 + "。\n（二）丙。\n"
    assert paths(body, max_chars=40) == ["1-1", "1-2"]


def test_long_clause_without_children_stays_whole() -> None:
    body = "一、" + "甲" * 100 + "。\n二、乙。\n"
    split = split_body(body, max_chars=40)
    assert [piece.path for piece in split.pieces] == ["1", "2"]


def test_heading_line_is_carried_into_the_first_child() -> None:
    body = "前言。\n一、主要任务\n（一）乙。\n（二）丙。\n"
    first, second = split_body(body, ALL).pieces
    assert body[first.start : first.end] == "一、主要任务\n（一）乙。\n"
    assert first.text == "（一）乙。"
    assert first.breadcrumb == ("一、主要任务",)
    assert first.line == 1
    assert (second.text, second.breadcrumb) == ("（二）丙。", ("一、主要任务",))


def test_headings_are_carried_down_several_levels() -> None:
    body = "第一章 总则\n第一条 范围\n1. 甲。\n2. 乙。\n"
    first = split_body(body, ALL).pieces[0]
    assert (first.path, first.start, first.text) == ("1-1-1", 0, "1. 甲。")
    assert first.breadcrumb == ("第一章 总则", "第一条 范围")


def test_intro_with_content_is_a_piece_of_its_own() -> None:
    body = "一、组织架构\n(一)专班机制。下设2个专班。\n1.综合专班:统筹。\n2.政策专班:梳理。\n"
    pieces = split_body(body, ALL).pieces
    assert [(piece.path, piece.title, piece.text) for piece in pieces] == [
        ("1-1", "专班机制", "(一)专班机制。下设2个专班。"),
        ("1-1-1", "综合专班", "1.综合专班:统筹。"),
        ("1-1-2", "政策专班", "2.政策专班:梳理。"),
    ]
    assert pieces[1].breadcrumb == ("一、组织架构", "(一)专班机制")


def test_text_after_a_child_belongs_to_it() -> None:
    body = "一、甲\n（一）乙。\n（二）丙。\n全市行动结束后，专班即时解散。\n"
    assert split_body(body, ALL).pieces[-1].text == "（二）丙。\n全市行动结束后，专班即时解散。"


def test_text_about_the_whole_list_belongs_to_its_parent() -> None:
    body = "一、甲\n（一）乙。\n（二）丙。\n以上专班即时解散。\n"
    split = split_body(body, ALL)
    assert [(piece.path, piece.text) for piece in split.pieces] == [
        ("1-1", "（一）乙。"),
        ("1-2", "（二）丙。"),
        ("1-k", "以上专班即时解散。"),
    ]
    assert split.pieces[-1].breadcrumb == ("一、甲",)
    assert_covers(body, split)


# --- titles and breadcrumbs ---------------------------------------------------------


@pytest.mark.parametrize(
    ("line", "title"),
    [
        pytest.param("一、行动目标", "行动目标", id="heading line"),
        pytest.param("第一条 补贴范围", "补贴范围", id="第X条 heading"),
        pytest.param("第一条　补贴范围", "补贴范围", id="full-width space"),
        pytest.param("(一)市级机制。建立推进机制。", "市级机制", id="run-in 。"),
        pytest.param("1.综合专班:市政府办公室牵头。", "综合专班", id="run-in :"),
        pytest.param("(1) 闭环管理: 所有销售订单闭环管理。", "闭环管理", id="run-in after space"),
        pytest.param("（一）参与企业：在济南市注册的企业。", "参与企业", id="run-in ："),
        pytest.param(
            "(一)部署发动(9月上旬前)。召开动员部署会。", "部署发动(9月上旬前)", id="brackets"
        ),
        pytest.param(
            "1.申领人应认真核对信息、确保准确无误（特别是银行卡账号），及时关注信息提示。其他。",
            "申领人应认真核对信息、确保准确无误（特别是银行卡账号）…",
            id="first sentence, cut",
        ),
        pytest.param("（1）购车人身份证照片；", "购车人身份证照片", id="short first sentence"),
    ],
)
def test_title(line: str, title: str) -> None:
    body = f"{line}\n后文。\n"
    assert split_body(body).pieces[0].title == title


def test_title_of_a_label_alone_on_its_line_comes_from_the_next_line() -> None:
    assert split_body("第一条\n为了规范补贴发放，制定本细则。\n").pieces[0].title == (
        "为了规范补贴发放，制定本细则"
    )


def test_breadcrumb_joins_label_and_title() -> None:
    body = "第一章 补贴范围\n第一条 范围\n甲。\n第二章 补贴规则及流程\n第二条 平台\n乙。\n"
    assert [piece.breadcrumb for piece in split_body(body, ALL).pieces] == [
        ("第一章 补贴范围",),
        ("第二章 补贴规则及流程",),
    ]


# --- closing ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("tail", "closing"),
    [
        pytest.param(
            "附件:1.市工作组工作任务清单.doc\n2.问题清单.doc\n",
            "附件:1.市工作组工作任务清单.doc\n2.问题清单.doc\n",
            id="附件 list",
        ),
        pytest.param("附件：问题清单\n", "附件：问题清单\n", id="附件：one file"),
        pytest.param(
            "济南市商务局办公室 2025 年 1 月 20 日印发\n",
            "济南市商务局办公室 2025 年 1 月 20 日印发\n",
            id="issuer and date on one line",
        ),
        pytest.param(
            "山东省商务厅办公室\n2025年1月20日印发\n",
            "山东省商务厅办公室\n2025年1月20日印发\n",
            id="印发 date",
        ),
        pytest.param(
            "汨罗市人民政府办公室\n2024年9月5日\n",
            "汨罗市人民政府办公室\n2024年9月5日\n",
            id="issuer then date",
        ),
        pytest.param(
            "汨罗市人民政府办公室\n2024年9月5日\n（此件公开发布）\n",
            "汨罗市人民政府办公室\n2024年9月5日\n（此件公开发布）\n",
            id="此件公开发布",
        ),
        pytest.param(
            "附件：1.任务清单\n2.问题清单\n\n汨罗市人民政府办公室\n2024年9月5日\n",
            "附件：1.任务清单\n2.问题清单\n\n汨罗市人民政府办公室\n2024年9月5日\n",
            id="附件 then signature",
        ),
        pytest.param(
            "抄送：市委办公室。\n济南市商务局办公室 2025年1月20日印发\n",
            "抄送：市委办公室。\n济南市商务局办公室 2025年1月20日印发\n",
            id="抄送",
        ),
        pytest.param("补贴企业名单\n三、丙。\n", "", id="a list's title above a clause"),
        pytest.param(
            "国务院办公厅\n二○二四年三月十三日\n",
            "国务院办公厅\n二○二四年三月十三日\n",
            id="signature date with the circle ○ for zero",
        ),
        pytest.param(
            "岳阳市商务局\n二〇二五年 一月 二十日\n",
            "岳阳市商务局\n二〇二五年 一月 二十日\n",
            id="signature date in Chinese numerals, spaced as a PDF pastes it",
        ),
        pytest.param("2025年3月31日\n", "", id="a bare date stays in the clause"),
        pytest.param("市商务局\n", "", id="a bare office stays in the clause"),
        pytest.param("4006096588\n", "", id="a phone number stays in the clause"),
        pytest.param("附件：见下表。\n", "", id="附件 in a sentence"),
        pytest.param("附件：1.清单\n三、丙。\n", "", id="附件 above a clause"),
    ],
)
def test_closing(tail: str, closing: str) -> None:
    body = f"一、甲。\n二、乙\n{tail}"
    split = split_body(body)
    assert split.closing == closing
    assert_covers(body, split)


@pytest.mark.parametrize(
    "tail",
    [
        # The end of Jinan's 2025 car-subsidy notice as its PDF's text layer gives it: the
        # annex's table is a picture, only its title is text, alone on the last page.
        "活动解释权：归济南市商务局所有。\n济南市2025年下半年汽车消费补贴活动企业名单\n",
        "本活动最终解释权归市商务局所有。\n",
    ],
)
def test_who_interprets_the_whole_and_an_annexs_bare_title_close_the_body(tail: str) -> None:
    last = "（五）后续活动开展时间以济南市商务局官网或“商务济南”公众号通知为准。"
    body = f"（一）甲。\n{last}\n{tail}"
    split = split_body(body)
    assert split.closing == tail
    assert split.pieces[-1].text == last
    assert_covers(body, split)


# --- the real corpus ----------------------------------------------------------------


@pytest.mark.parametrize("name", CORPUS_NAMES)
@pytest.mark.parametrize("max_chars", [ALL, 100, 600, 100_000])
def test_corpus_loses_nothing(name: str, max_chars: int) -> None:
    body = corpus_body(name)
    split = split_body(body, max_chars)
    assert_covers(body, split)
    assert split.notes == ()


@pytest.mark.parametrize("name", CORPUS_NAMES)
def test_corpus_pieces_fit_on_a_screen(name: str) -> None:
    assert max(len(piece.text) for piece in split_body(corpus_body(name)).pieces) <= 600


def test_mzbh_parts_are_the_roots() -> None:
    split = split_body(corpus_body("mzbh-2024-33"))
    assert {piece.clause[0] for piece in split.pieces} == {f"{n}、" for n in "一二三四五六七"}
    assert split.preamble.startswith("为深入贯彻党的二十届三中全会精神")
    assert split.closing == "附件:1.市工作组工作任务清单.doc\n2.问题清单.doc\n"
    assert [piece.path for piece in split.pieces] == [
        "1",
        "2-1",
        "2-2",
        "2-2-1",
        "2-2-2",
        "2-2-3",
        "2-2-4",
        "3-1",
        "3-2",
        "3-3",
        "3-4",
        "3-5",
        "3-6",
        "4",
        "5",
        "6-1",
        "6-2",
        "6-3",
        "7",
    ]


def test_mzbh_organisation_has_four_task_forces() -> None:
    pieces = {piece.path: piece for piece in split_body(corpus_body("mzbh-2024-33")).pieces}
    assert pieces["2-2"].text.startswith("(二)专班机制。")
    assert pieces["2-2"].text.endswith("市推进机制办公室下设4个专班。")
    assert [pieces[f"2-2-{n}"].title for n in range(1, 5)] == [
        "综合专班",
        "政策专班",
        "服务专班",
        "宣传专班",
    ]
    assert pieces["2-2-4"].clause == ("二、", "(二)", "4.")
    assert pieces["2-2-4"].breadcrumb == ("二、组织架构", "(二)专班机制")
    assert pieces["2-2-4"].text.endswith("以上工作专班即时解散。")
    assert pieces["3-5"].title == "促进消费增长"
    assert pieces["3-5"].breadcrumb == ("三、主要任务",)


def test_jn_rules_chapters_and_articles() -> None:
    body = corpus_body("jn-2025-appliance-rules")
    split = split_body(body)
    assert split.preamble.startswith("济南市商务局\n")
    assert "(此件公开发布)\n济南市2025年家电以旧换新补贴实施细则\n根据" in split.preamble
    assert split.preamble.endswith("特制定本实施细则。\n")
    assert split.closing == "济南市商务局办公室 2025 年 1 月 20 日印发\n"
    pieces = {piece.path: piece for piece in split.pieces}
    assert "2-7" not in pieces
    assert [path for path in pieces if path.startswith("2-7-")] == [f"2-7-{n}" for n in range(1, 6)]
    first = pieces["2-7-1"]
    assert body[first.start :].startswith("第七条 销售企业参与流程\n1. 自愿报名\n")
    assert (first.title, first.text.split("\n")[0]) == ("自愿报名", "1. 自愿报名")
    assert first.breadcrumb == ("第二章 补贴规则及流程", "第七条 销售企业参与流程")
    assert pieces["3-11"].clause == ("第三章", "第十一条")
    assert pieces["3-11"].title == "市商务局"


def test_jn_rules_article_seven_whole_when_it_fits() -> None:
    pieces = {p.path: p for p in split_body(corpus_body("jn-2025-appliance-rules"), 1000).pieces}
    assert "2-7" in pieces
    assert pieces["2-7"].title == "销售企业参与流程"


def test_jn_rules_deepest_level() -> None:
    pieces = {p.path: p for p in split_body(corpus_body("jn-2025-appliance-rules"), 100).pieces}
    assert pieces["2-7-5-1"].clause == ("第二章", "第七条", "5.", "(1)")
    assert pieces["2-7-5-1"].title == "闭环管理"
    assert pieces["2-7-5-5"].title == "销售发票"


def test_sd_plan_full_width_lists_restart_under_each_part() -> None:
    split = split_body(corpus_body("sd-2025-appliance-plan"))
    assert [piece.path for piece in split.pieces] == ["1"] + [f"2-{n}" for n in range(1, 8)] + [
        f"3-{n}" for n in range(1, 6)
    ]
    assert split.pieces[1].clause == ("二、", "（一）")
    assert split.pieces[3].text.endswith("满足补贴资格发放、使用、管理一站式全流程服务需求。")
    assert split.preamble.endswith("要求，制定本方案。\n")
    assert split.closing == "山东省商务厅办公室\n2025年1月20日印发\n"


def test_car_subsidy_levels() -> None:
    split = split_body(corpus_body("jn-2025h1-car-subsidy"))
    assert [piece.path for piece in split.pieces] == ["1", "2", "3", "4-1", "4-2", "4-3", "5", "6"]
    assert split.preamble == "2025年政府汽车消费补贴活动公告\n"
    assert split.closing == ""
    assert split.pieces[-1].text == "六、客服电话\n4006096588"


def test_car_subsidy_restarting_lists() -> None:
    split = split_body(corpus_body("jn-2025h1-car-subsidy"), 100)
    pieces = {piece.path: piece for piece in split.pieces}
    assert [path for path in pieces if path.startswith("3")] == [
        "3",
        "3-1",
        "3-2",
        "3-1b",
        "3-2b",
        "3-k",
    ]
    assert pieces["3-k"].text.startswith("以上购车发票金额不含车辆装潢")
    assert pieces["3-1b"].breadcrumb == ("三、补贴金额与标准", "燃油车")
    assert pieces["3-1b"].text.startswith(
        "1.新车购车发票金额为10万元（含）至30万元（不含）的，每辆补贴3000元"
    )
    assert pieces["4-2-6"].clause == ("四、", "（二）", "（6）")
    assert pieces["5-1"].breadcrumb == ("五、注意事项",)


# --- properties ---------------------------------------------------------------------

FRAGMENTS = [
    "一、", "二、", "三、", "（一）", "(二)", "（三）", "1.", "2．", "3、",
    "(1)", "（2）", "①", "②", "１．", "(２)", "٣、",
    "第一章", "第二章", "第一条", "第二条", "第三条",
    "第一节", "附件：", "2025年1月20日印发", "办公室", "（此件公开发布）", "1.5万元",
    "：", "。", "，", " ", "　", "\n", "\n", "\n", "甲", "乙", "补贴标准", "新能源汽车：",
    "第一部分", "第二部分", "1）", "2）", "⑴", "⑵", "⒈", "3.5G", "1.2025年", "一、二手车",
    "附件", "附件1", "岳阳市商务局　　岳阳市财政局", "国务院", "2024年9月6日", "— 2 —",
    "\t", "序号\t名称", "以上", "有前款", "本办法自印发之日起施行。", "特此通知。", "以下条件：",
]  # fmt: skip


@settings(max_examples=300, deadline=None)
@given(
    st.lists(st.sampled_from(FRAGMENTS), max_size=60),
    st.integers(0, 80),
    st.lists(st.tuples(st.sampled_from(["not_clause", "clause", "closing"]), st.integers(0, 40))),
    st.sets(st.sampled_from(["paren_cn", "digit", "article", "cn"])),
)
def test_random_bodies_with_corrections_lose_nothing(
    parts: list[str], max_chars: int, entries: list[tuple[str, int]], continuous: set[str]
) -> None:
    body = "".join(parts)
    count = len(body.split("\n"))
    chosen = {
        key: {line % count for name, line in entries if name == key}
        for key in ("not_clause", "clause", "closing")
    }
    fix = SplitFix(
        not_clause=frozenset(chosen["not_clause"]),
        clause=frozenset(chosen["clause"]),
        closing=min(chosen["closing"]) if chosen["closing"] and body else None,
        continuous=frozenset(continuous),
    )
    assert_covers(body, split_body(body, max_chars, fix))


@settings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from(FRAGMENTS) | st.text(max_size=3), max_size=60), st.integers(0, 80))
def test_random_bodies_lose_nothing(parts: list[str], max_chars: int) -> None:
    body = "".join(parts)
    assert_covers(body, split_body(body, max_chars))


@settings(max_examples=200, deadline=None)
@given(
    st.sampled_from(CORPUS_NAMES),
    st.lists(st.tuples(st.sampled_from(["drop", "copy", "swap", "cut"]), st.integers(0, 10**6))),
    st.sampled_from([ALL, 100, 600]),
)
def test_mutated_corpus_bodies_lose_nothing(
    name: str, mutations: list[tuple[str, int]], max_chars: int
) -> None:
    lines = corpus_body(name).split("\n")
    for action, seed in mutations:
        index = seed % len(lines)
        if action == "drop" and len(lines) > 1:
            del lines[index]
        elif action == "copy":
            lines.insert(index, lines[(seed // 7) % len(lines)])
        elif action == "swap":
            other = (seed // 7) % len(lines)
            lines[index], lines[other] = lines[other], lines[index]
        elif action == "cut":
            lines[index] = lines[index][: seed % 7]
    body = "\n".join(lines)
    assert_covers(body, split_body(body, max_chars))


# --- documents in real shapes, each with its outline as a golden file ---------------

DOCUMENTS = Path(__file__).parent / "data" / "split"
DOCUMENT_NAMES = sorted(path.stem for path in DOCUMENTS.glob("*.txt"))


def document(name: str) -> str:
    return (DOCUMENTS / f"{name}.txt").read_text(encoding="utf-8")


def outline(body: str, max_chars: int) -> list[str]:
    """The split as an indented tree: headings carried above, then each piece's lines."""
    split = split_body(body, max_chars)
    rows = [f"preamble {line_range(body, 0, len(split.preamble))}"]
    shown: tuple[str, ...] = ()
    for piece in split.pieces:
        for depth, crumb in enumerate(piece.breadcrumb):
            if shown[: depth + 1] != piece.breadcrumb[: depth + 1]:
                rows.append(f"{'  ' * depth}{crumb}")
        shown = piece.breadcrumb
        span = line_range(body, piece.start, piece.end)
        rows.append(
            f"{'  ' * len(piece.breadcrumb)}{piece.clause[-1]} {piece.path} {span}"
            f" [{len(piece.text)}] {piece.title}"
        )
    rows.append(f"closing {line_range(body, len(body) - len(split.closing), len(body))}")
    rows += [f"note L{note.line}: {note.message} — {note.hint}" for note in split.notes]
    return rows


def line_range(body: str, start: int, end: int) -> str:
    """'L3-L5 (120 chars)': the body lines a span covers, or 'none'."""
    if start >= end:
        return "none"
    first, last = body.count("\n", 0, start), body.count("\n", 0, end - 1)
    lines = f"L{first}" if first == last else f"L{first}-L{last}"
    return f"{lines} ({end - start} chars)"


def test_there_are_documents_in_real_shapes() -> None:
    assert len(DOCUMENT_NAMES) >= 30


@pytest.mark.parametrize("name", DOCUMENT_NAMES)
def test_document_outline_matches_its_golden_file(name: str) -> None:
    """``UPDATE_GOLDEN=1 pytest tests/test_split.py`` rewrites the outlines on purpose."""
    body = document(name)
    every = [f"# {name}: every level (max_chars 0)", *outline(body, ALL)]
    text = "\n".join([*every, "", "# as published (max_chars 600)", *outline(body, 600)])
    golden = DOCUMENTS / f"{name}.outline"
    if os.environ.get("UPDATE_GOLDEN"):
        golden.write_text(text + "\n", encoding="utf-8")
    assert text + "\n" == golden.read_text(encoding="utf-8"), "UPDATE_GOLDEN=1 pytest to accept"


@pytest.mark.parametrize("name", DOCUMENT_NAMES)
@pytest.mark.parametrize("max_chars", [ALL, 100, 600])
def test_document_loses_nothing(name: str, max_chars: int) -> None:
    body = document(name)
    assert_covers(body, split_body(body, max_chars))


# --- the failure classes of real documents, one test each ----------------------------

LONG = "支持企业更新设备，对符合条件的项目给予贴息。" * 30  # one clause over 600 characters


def pieces_of(body: str, max_chars: int = ALL) -> dict[str, Piece]:
    split = split_body(body, max_chars)
    assert_covers(body, split)
    return {piece.path: piece for piece in split.pieces}


def test_class_1_numbering_continues_across_parts() -> None:
    body = (
        "一、实施设备更新行动\n（一）推进重点行业设备更新改造。支持企业更新设备。\n"
        "（二）加快建筑领域设备更新。推进老旧电梯更新。\n二、实施消费品以旧换新行动\n"
        f"（三）开展汽车以旧换新。{LONG}\n（四）开展家电产品以旧换新。对购买1级能效家电的给予补贴。\n"
    )
    pieces = pieces_of(body, 600)
    assert list(pieces) == ["1", "2-3", "2-4"]
    assert pieces["2-3"].breadcrumb == pieces["2-4"].breadcrumb == ("二、实施消费品以旧换新行动",)
    assert split_body(body, 600).notes == ()
    national = pieces_of(document("national-plan-continuous"))
    assert [path for path in national if path.startswith("6-")] == [f"6-{n}" for n in range(16, 21)]


def test_a_national_plans_last_sentences_are_its_closing_not_its_last_clause() -> None:
    ending = "本行动方案由国家发展改革委会同有关部门负责解释。\n"
    body = document("national-plan-continuous") + ending
    split = split_body(body, ALL)
    assert split.closing.startswith("各地区、各部门要切实把思想和行动统一到")
    assert split.closing.endswith(ending)
    assert "负责解释" not in split.pieces[-1].text


def test_class_2_closing_found_where_it_begins() -> None:
    body = document("city-notice-annex-after-signature")
    split = split_body(body, ALL)
    assert [piece.path for piece in split.pieces] == ["1", "2", "3"]
    assert split.closing.startswith("附件：申请材料清单\n岳阳市商务局　　岳阳市财政局\n")
    assert split.closing.endswith("旧车报废回收证明和新车机动车销售统一发票。\n")
    assert split.notes == ()
    for name in ("joint-issuers-one-line", "national-issuers-yuan-hang-hui"):
        assert split_body(document(name)).closing.endswith(
            "年4月10日\n" if "hang" in name else "6日\n"
        )


def test_class_3_paragraph_after_the_last_child_is_not_glued_to_it() -> None:
    body = (
        f"一、保障措施\n（一）加强组织领导。{LONG}\n（二）强化监督管理。严厉打击骗取补贴行为。\n"
        "本措施自印发之日起施行，有效期至2025年12月31日。\n"
    )
    split = split_body(body, 600)
    assert split.pieces[-1].text == "（二）强化监督管理。严厉打击骗取补贴行为。"
    assert split.closing == "本措施自印发之日起施行，有效期至2025年12月31日。\n"
    article = pieces_of(document("article-paragraph-after-items"))
    assert article["2-3-3"].text == "（三）新车在本省完成注册登记。"
    assert article["2-3-k"].text.startswith("有前款第（二）项规定情形的")
    assert article["2-3-k"].breadcrumb[-1] == "第三条 申请补贴的个人消费者应当同时符合下列条件"


def test_class_4_hard_wraps_make_no_false_labels() -> None:
    body = document("pdf-hard-wraps")
    pieces = pieces_of(body)
    assert list(pieces) == ["1", "2", "3", "4", "4-1", "4-2", "4-3", "5"]
    assert pieces["3"].text == "第三条　不符合条件的申请，依照本办法\n第四条规定处理。"
    assert pieces["4-2"].text.endswith("第三条\n（一）项所列情形的；")
    assert pieces["5"].text.endswith("负责\n— 3 —\n解释。")
    assert split_body(body).notes == ()


def test_class_5_parts_stand_above_their_clauses() -> None:
    split = split_body(document("parts-above-clauses"), ALL)
    assert [piece.path for piece in split.pieces] == ["1-1", "1-2", "2-1", "2-2", "3-1"]
    assert split.pieces[2].breadcrumb == ("第二部分 家电消费",)
    assert split.notes == ()


@pytest.mark.parametrize(
    ("name", "expected", "noted"),
    [
        ("gap-below-top", ["1-1", "1-2", "1-4", "1-5", "2"], [3]),
        ("duplicate-below-top", ["1-1", "1-2", "1-2b", "1-4", "2"], [3, 4]),
    ],
)
def test_class_6_gaps_and_repeats_below_the_top(name: str, expected: list, noted: list) -> None:
    split = split_body(document(name), ALL)
    assert [piece.path for piece in split.pieces] == expected
    assert [note.line for note in split.notes] == noted
    assert all("split: not_clause:" in note.hint for note in split.notes)


@pytest.mark.parametrize("name", ["table-rows-with-tabs", "table-one-cell-per-line"])
def test_class_7_table_rows_stay_in_their_clause(name: str) -> None:
    split = split_body(document(name), ALL)
    assert [piece.path for piece in split.pieces] == ["1", "2", "3"]
    assert "二、消费品以旧换新类" in split.pieces[0].text
    assert split.pieces[1].title == "审核程序"
    assert split.notes == ()


def test_class_8_headings_starting_with_the_next_numeral() -> None:
    pieces = pieces_of(document("headings-starting-with-numeral"))
    assert list(pieces) == ["1", "2", "3", "3-1", "3-2", "3-3", "4"]
    assert [pieces[path].title for path in ("1", "2", "3", "3-3")] == [
        "二手车交易便利化",
        "三农服务",
        "四级联动推进机制",
        "三农服务站点建设",
    ]
    assert pieces["1"].text.endswith("一、二类汽车维修企业应当公开维修项目和收费标准。")


@pytest.mark.parametrize(
    ("name", "labels"),
    [
        ("half-bracket-digit-list", ["1）", "2）", "3）", "4）"]),
        ("parenthesized-digit-glyphs", ["⑴", "⑵", "⑶", "⑴", "⑵"]),
    ],
)
def test_class_9_other_list_labels(name: str, labels: list[str]) -> None:
    split = split_body(document(name), ALL)
    assert [piece.clause[-1] for piece in split.pieces][: len(labels)] == labels
    assert split.notes == ()


def test_class_10_a_label_followed_by_a_digit() -> None:
    split = split_body(document("label-followed-by-digit"), ALL)
    pieces = {piece.path: piece for piece in split.pieces}
    assert list(pieces) == ["1-1", "1-2", "1-3", "1-4", "2-1", "2-2", "3"]
    assert pieces["1-3"].title == "5G+工业互联网融合应用"
    assert pieces["2-1"].title == "2025年1月1日至2025年6月30日为第一阶段"
    assert pieces["3"].text.endswith("1.5万元以下的部分按10%补贴。")
    assert split.notes == ()


def test_class_11_an_article_lead_in_is_text() -> None:
    published = pieces_of(document("article-lead-in"), 600).values()
    assert any("应当具备以下条件：\n（一）" in piece.text for piece in published)
    pieces = pieces_of(document("article-lead-in"))
    assert pieces["2-3"].text == "第三条　申请参与活动的企业应当具备以下条件："
    assert pieces["2-3-1"].breadcrumb == (
        "第二章 参与企业",
        "第三条 申请参与活动的企业应当具备以下条件",
    )


# --- corrections: the split: block, by body line ----------------------------------------

ANNEX_WITHOUT_MARK = (
    "一、补贴对象\n个人消费者。\n二、申请方式\n在线申请。\n"
    "申请材料清单\n一、身份材料\n身份证照片。\n二、车辆材料\n购车发票。\n"
)


def test_an_annex_without_its_mark_is_read_as_clauses_with_a_note() -> None:
    split = split_body(ANNEX_WITHOUT_MARK, ALL)
    assert [piece.path for piece in split.pieces] == ["1", "2", "1b", "2b"]
    (note,) = split.notes
    assert note.line == 5
    assert note.hint.startswith(
        'if an annex or the closing starts here: split: closing: "申请材料清单"'
    )


def test_one_correction_fixes_the_split() -> None:
    split = split_body(ANNEX_WITHOUT_MARK, ALL, SplitFix(closing=4))
    assert [piece.path for piece in split.pieces] == ["1", "2"]
    assert split.closing.startswith("申请材料清单\n一、身份材料\n")
    assert split.notes == ()
    assert_covers(ANNEX_WITHOUT_MARK, split)


@pytest.mark.parametrize(
    ("body", "fix", "before", "after"),
    [
        pytest.param(
            "第一条　甲。\n第二条　乙。\n第三条　不符合条件的，依照本办法\n第四条规定处理。\n",
            SplitFix(not_clause=frozenset({3})),
            ["1", "2", "3", "4"],
            ["1", "2", "3"],
            id="not_clause: a wrap with no later 第四条",
        ),
        pytest.param(
            "一、甲\n（一）乙。\n（五）丙。\n",
            SplitFix(clause=frozenset({2})),
            ["1-1"],
            ["1-1", "1-5"],
            id="clause: a gap too wide to guess",
        ),
        pytest.param(
            "一、甲\n（一）乙。\n（二）丙。\n二、丁\n（四）戊。\n",
            SplitFix(continuous=frozenset({"paren_cn"})),
            ["1-1", "1-2", "2"],
            ["1-1", "1-2", "2-4"],
            id="continuous: numbering runs on across a gap",
        ),
    ],
)
def test_corrections(body: str, fix: SplitFix, before: list[str], after: list[str]) -> None:
    assert paths(body) == before
    split = split_body(body, ALL, fix)
    assert [piece.path for piece in split.pieces] == after
    assert split.notes == ()
    assert_covers(body, split)


def test_numbering_kind_names_a_label() -> None:
    assert [numbering_kind(text) for text in ("（一）", "(一)", "1.", "⑴", "第三条", "甲")] == [
        "paren_cn",
        "paren_cn",
        "digit",
        "paren_digit",
        "article",
        None,
    ]

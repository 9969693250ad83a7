"""`policy-column import`: real PDFs, Word files with real numbering, saved portal pages,
text files, and every kind of bad input, as the policy team receives them."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from datetime import date
from pathlib import Path

import docx
import pytest
from conftest import ROOT
from documents import (
    GOV_ARTICLE,
    GOV_CHROME,
    GOV_TITLE,
    GOV_URL,
    PLAN_TITLE,
    WORD_EXPECTED_LINES,
    gov_page,
    pasted_from_pdf,
    write_continuous_plan_docx,
    write_encrypted_pdf,
    write_gongwen_pdf,
    write_numbered_docx,
    write_scanned_pdf,
)

from generator.cli.main import main
from generator.core.split import split_body
from generator.input.imports.document import Line
from generator.input.imports.numbering import format_number
from generator.input.imports.plain_text import read_text_file
from generator.input.imports.repair import PAGE_NUMBER, STRAY_SPACE, repair_lines
from generator.input.imports.windows import Window, clause_deadlines, read_windows
from generator.input.imports.word import read_docx
from generator.input.sources import read_source_document
from generator.pipeline.stages import preview_column

DATA = ROOT / "tests/data/imports"
PDFS = {
    "jn-2025h2-car-subsidy-r1": ["一、", "二、", "三、", "四、", "五、"],
    "jn-2025-first-insurance-voucher": ["一、", "二、", "三、", "四、", "五、"],
}
POLICIES = ROOT / "policies"
# A line may end a paragraph with these; anything else at a line's end is mid-sentence,
# unless the line is a heading (一、活动时间) or a title.
ENDS = tuple("。；;：:！？）)”")
HEADING_MAX = 30


def run_import(capsys, *args: str) -> tuple[int, str, str]:
    code = main(["import", *args, "--policies", str(POLICIES)])
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def imported(capsys, document: Path, out: Path, *args: str):
    code, stdout, stderr = run_import(capsys, str(document), "--output", str(out), *args)
    source, _problems = read_source_document(out)
    assert source is not None, (stdout, stderr)
    return code, stdout, stderr, source


def top_clauses(body: str) -> list[str]:
    return list(dict.fromkeys(piece.clause[0] for piece in split_body(body).pieces))


def squeeze(text: str) -> str:
    return re.sub(r"\s+", "", text)


# ---------------------------------------------------------------- the two real PDFs


@pytest.mark.parametrize("name", sorted(PDFS))
def test_a_real_pdf_imports_whole_and_splits_into_its_own_clauses(capsys, tmp_path, name):
    out = tmp_path / f"{name}.yml"
    code, stdout, stderr, source = imported(capsys, DATA / f"{name}.pdf", out)
    assert code == 0, stderr
    assert top_clauses(source.body) == PDFS[name]
    lines = source.body.splitlines()
    for line in lines:
        assert not PAGE_NUMBER.fullmatch(line), f"page number left: {line!r}"
        mid_sentence = not line.endswith(ENDS) and (len(line) > HEADING_MAX or "，" in line)
        assert not mid_sentence, f"line ends mid-sentence: {line!r}"
    assert source.issuers == ("济南市商务局",)
    assert source.level == "济南市"
    assert source.title.startswith("济南市2025年") and source.title.endswith("公告")
    # Every character of the PDF's text is in the source: whitespace and page numbers aside.
    pdftotext = subprocess.run(
        ["pdftotext", str(DATA / f"{name}.pdf"), "-"], capture_output=True, text=True, check=True
    ).stdout
    pages = pdftotext.split("\f")
    text = "".join(
        line
        for page in pages
        for line in page.split("\n")
        if not (PAGE_NUMBER.fullmatch(line.strip()) and line.strip())
    )
    assert squeeze(source.notice + source.body) == squeeze(text)
    # What was repaired is printed, line by line.
    assert "dropped: page number “1”" in stdout
    assert "joined 2 lines" in stdout
    assert "space(s) between Chinese and digits" in stdout
    assert "  outline: preamble" in stdout
    assert f"{out.stem}/1 " in stdout
    if name == "jn-2025h2-car-subsidy-r1":
        # Its last clause ends where the text for the whole notice begins (活动解释权…) and
        # the annex, whose table is a picture, gives only its title.
        split = split_body(source.body)
        assert split.closing.startswith("活动解释权")
        assert split.closing.rstrip().endswith("活动企业名单")


@pytest.mark.parametrize("name", sorted(PDFS))
def test_a_real_pdf_gives_the_reviewed_source_file(capsys, tmp_path, name):
    """The whole file, read once by a person; ``UPDATE_GOLDEN=1 pytest`` rewrites it on purpose."""
    out = tmp_path / f"{name}.yml"
    imported(capsys, DATA / f"{name}.pdf", out)
    golden = DATA / f"{name}.yml"
    if os.environ.get("UPDATE_GOLDEN"):
        shutil.copy(out, golden)
    assert out.read_text(encoding="utf-8") == golden.read_text(encoding="utf-8"), (
        "run UPDATE_GOLDEN=1 pytest to accept"
    )


@pytest.mark.parametrize("name", sorted(PDFS))
def test_an_imported_pdf_passes_the_check(capsys, tmp_path, name):
    out = tmp_path / f"{name}.yml"
    imported(capsys, DATA / f"{name}.pdf", out)
    column, problems = preview_column(POLICIES, out)
    assert not [p for p in problems if p.is_error]
    assert {item.clause[0] for item in column.items} == set(PDFS[name])


@pytest.mark.slow
@pytest.mark.parametrize("name", sorted(PDFS))
def test_an_imported_pdf_builds_with_the_real_theme(capsys, tmp_path, name):
    out = tmp_path / f"{name}.yml"
    imported(capsys, DATA / f"{name}.pdf", out)
    site = tmp_path / "site"
    command = [sys.executable, "-m", "generator.cli", "preview", str(out), "--site-dir", str(site)]
    result = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stderr
    page = (site / "sources" / name / "index.html").read_text(encoding="utf-8")
    assert "一、活动时间" in page


def test_pdftotext_output_saved_as_gbk_text_imports_like_the_pdf(capsys, tmp_path):
    """A department that sends the text pdftotext made, in GBK: wraps, page numbers, spaces."""
    name = "jn-2025-first-insurance-voucher"
    text = subprocess.run(
        ["pdftotext", str(DATA / f"{name}.pdf"), "-"], capture_output=True, text=True, check=True
    ).stdout
    document = tmp_path / "voucher.txt"
    document.write_bytes(text.encode("gbk"))
    code, _stdout, stderr, source = imported(capsys, document, tmp_path / "voucher.yml")
    assert code == 0, stderr
    assert top_clauses(source.body) == PDFS[name]
    assert "2025年5月1日" in source.body
    assert not any(PAGE_NUMBER.fullmatch(line) for line in source.body.splitlines())
    # The lone "；" pdftotext puts on a line of its own goes back to its sentence.
    assert "（人像面和国徽面）；" in source.body
    assert "\n；" not in source.body


@pytest.mark.parametrize("name", sorted(PDFS))
def test_text_copied_out_of_a_pdf_viewer_imports_like_the_pdf(capsys, tmp_path, name):
    """Select all, copy, paste into Notepad: wraps, spaces and page numbers on lines of their
    own, but no form feeds to say where pages end. A page number is not read into the
    amount it follows (可申领1900, then page "1", then 元的…)."""
    text = subprocess.run(
        ["pdftotext", str(DATA / f"{name}.pdf"), "-"], capture_output=True, text=True, check=True
    ).stdout
    document = tmp_path / "pasted.txt"
    document.write_text(text.replace("\f", ""), encoding="utf-8")
    code, stdout, stderr, source = imported(capsys, document, tmp_path / "pasted.yml")
    assert code == 0, stderr
    reviewed, _ = read_source_document(DATA / f"{name}.yml")
    assert source.title == reviewed.title  # set on two lines at the top of the PDF
    assert top_clauses(source.body) == PDFS[name]
    lines = source.body.splitlines()
    assert not any(PAGE_NUMBER.fullmatch(line) for line in lines)
    assert re.search(r"dropped: page number “1”", stdout + stderr)
    assert squeeze(source.body) == squeeze(reviewed.body)  # not a character more or less
    if name == "jn-2025h2-car-subsidy-r1":
        assert "可申领1900元的汽车消费礼包" in source.body
        assert "济南市2025年下半年汽车消费补贴活动企业名单" in lines  # the annex's title
        assert "方式二：登录“工银e生活”APP“首页”——“济南特惠”专区——“汽车消费补贴”。" in lines


def test_a_numbered_list_on_lines_of_their_own_is_not_taken_for_page_numbers(tmp_path):
    rows = ["序号", "品类", "补贴比例"] + [f"{n}\n品类{n}\n15%" for n in range(1, 6)]
    text = "济南市家电补贴品类表\n" + "\n".join(rows) + "\n"
    path = tmp_path / "table.txt"
    path.write_text(text, encoding="utf-8")
    paragraphs, log = repair_lines(read_text_file(path).lines, spaces=False)
    assert [p.text for p in paragraphs].count("3") == 1
    assert not log


# ---------------------------------------------------------------- Word


def test_word_numbering_becomes_the_labels_a_reader_sees(capsys, tmp_path):
    document = write_numbered_docx(tmp_path / "plan.docx")
    raw = "\n".join(p.text for p in docx.Document(str(document)).paragraphs)
    assert "一、" not in raw and "（一）" not in raw  # the labels are only Word numbering
    code, _stdout, stderr, source = imported(capsys, document, tmp_path / "jn-2025-9.yml")
    assert code == 0, stderr
    lines = source.body.splitlines()
    positions = [lines.index(line) for line in WORD_EXPECTED_LINES]
    assert positions == sorted(positions)
    assert top_clauses(source.body) == ["一、", "二、", "三、", "四、"]
    assert source.title == PLAN_TITLE
    assert source.doc_number == "济商务字〔2025〕9号"
    assert source.issuers == ("济南市商务局",)
    assert source.level == "济南市"
    assert source.signed.isoformat() == "2025-03-10"
    # The covering 印发通知 is kept apart; the plan's own text starts at its title.
    assert source.notice.startswith("济南市商务局文件\n济商务字〔2025〕9号\n关于印发")
    assert source.notice.endswith("（此件公开发布）")
    assert lines[0] == PLAN_TITLE
    assert lines[-1] == "附件：参与企业名单"


CONTINUOUS_PLAN = [
    (0, "总体要求"),
    (1, "坚持扩大内需战略基点，加力支持大规模设备更新和消费品以旧换新。"),
    (1, "坚持市场为主、政府引导，坚持标准引领、有序提升。"),
    (0, "重点任务"),
    (1, "扩大设备更新支持范围，将能源电力、老旧电梯纳入支持范围。"),
    (1, "加大消费品以旧换新支持力度，将个人消费者购买手机等数码产品纳入补贴范围。"),
    (0, "保障措施"),
    (1, "各地区、各有关部门要加强组织领导，压实工作责任。"),
]


def test_word_numbering_that_runs_on_across_parts_keeps_counting(capsys, tmp_path):
    """A national plan numbers its clauses （一）…（二十） straight through 一、二、三、: in Word,
    one list whose second level never restarts. The labels come back as a reader sees them,
    not restarting at （一） in each part."""
    document = write_continuous_plan_docx(tmp_path / "plan.docx", CONTINUOUS_PLAN)
    # (the sample's taxonomy has no national issuer: that error is the import's, not ours)
    _code, _stdout, _stderr, source = imported(capsys, document, tmp_path / "gj-2025-1.yml")
    label = re.compile(r"[一二三四五六七八九十]+、|（[一二三四五六七八九十]+）")
    labels = [found.group() for line in source.body.splitlines() if (found := label.match(line))]
    assert labels == ["一、", "（一）", "（二）", "二、", "（三）", "（四）", "三、", "（五）"]


@pytest.mark.skipif(shutil.which("soffice") is None, reason="needs LibreOffice (make system-deps)")
def test_an_old_binary_doc_is_read_with_its_numbering(capsys, tmp_path):
    document = write_numbered_docx(tmp_path / "plan.docx")
    converter = [
        "soffice",
        f"-env:UserInstallation={(tmp_path / 'profile').as_uri()}",
        "--headless",
        "--convert-to",
        "doc:MS Word 97",
        "--outdir",
        str(tmp_path / "doc"),
        str(document),
    ]
    subprocess.run(converter, capture_output=True, check=True, timeout=120)
    code, stdout, stderr, source = imported(
        capsys, tmp_path / "doc/plan.doc", tmp_path / "jn-2025-9.yml"
    )
    assert code == 0, stderr
    assert "(Word (.doc))" in stdout
    lines = source.body.splitlines()
    assert all(line in lines for line in WORD_EXPECTED_LINES)
    assert top_clauses(source.body) == ["一、", "二、", "三、", "四、"]


# ---------------------------------------------------------------- portal pages


@pytest.mark.parametrize("encoding", ["utf-8", "gbk"])
def test_a_saved_portal_page_gives_its_article_and_metadata(capsys, tmp_path, encoding):
    page = tmp_path / "gov.html"
    page.write_bytes(gov_page(encoding=encoding))
    out = tmp_path / "gbf-2025-5.yml"
    code, _stdout, stderr, source = imported(capsys, page, out)
    assert code == 1  # 国务院办公厅 is not in the sample taxonomy: see the next test
    assert 'unknown issuer "国务院办公厅"' in stderr
    assert source.body.splitlines() == GOV_ARTICLE
    for chrome in GOV_CHROME:
        assert chrome not in source.body, chrome
    assert source.title == GOV_TITLE
    assert source.doc_number == "国办发〔2025〕5号"
    assert source.issuers == ("国务院办公厅",)
    assert source.level == "国家"
    assert source.signed.isoformat() == "2025-03-05"
    assert source.published.isoformat() == "2025-03-07"
    assert source.source_url == GOV_URL
    text = out.read_text(encoding="utf-8")
    assert "# 索引号：000014349/2025-00012\n" in text
    assert "# 主题分类：商贸、海关、旅游\\国内贸易（含供销）\n" in text
    assert top_clauses(source.body) == ["一、", "二、"]


def test_an_unknown_issuer_gets_the_exact_taxonomy_line(capsys, tmp_path):
    policies = tmp_path / "policies"
    shutil.copytree(POLICIES, policies, ignore=shutil.ignore_patterns("sources"))
    page = tmp_path / "gov.html"
    page.write_bytes(gov_page())
    out = tmp_path / "gbf-2025-5.yml"
    args = ["import", str(page), "--output", str(out), "--policies", str(policies)]
    assert main(args) == 1  # written, but the issuer is not in the taxonomy yet
    captured = capsys.readouterr()
    assert "add these lines to policies/taxonomy.yml under issuers:" in captured.out
    line = "  - {id: state-council-office, name: 国务院办公厅}"
    assert f"  {line}\n" in captured.out
    assert 'unknown issuer "国务院办公厅"' in captured.err
    taxonomy = policies / "taxonomy.yml"
    text = taxonomy.read_text(encoding="utf-8")
    anchor = "  - {id: jinan-samr, name: 济南市市场监督管理局}\n"
    taxonomy.write_text(text.replace(anchor, anchor + line + "\n"), encoding="utf-8")
    assert main([*args, "--force"]) == 0, capsys.readouterr().err


# ---------------------------------------------------------------- folders


def test_a_folder_imports_every_document_in_it(capsys, tmp_path):
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    for name in PDFS:
        shutil.copy(DATA / f"{name}.pdf", inbox)
    write_numbered_docx(inbox / "电动自行车方案.docx")
    (inbox / "清单.xlsx").write_bytes(b"PK")
    out = tmp_path / "sources"
    code, stdout, stderr = run_import(capsys, str(inbox), "--output", str(out))
    assert code == 0, stderr
    written = sorted(path.name for path in out.iterdir())
    assert written == sorted([f"{name}.yml" for name in PDFS] + ["jinan-commerce-2025-9.yml"])
    assert "skipped" in stdout and "清单.xlsx" in stdout
    assert "3 of 3 file(s) imported without error" in stdout


# ---------------------------------------------------------------- bad input


def _empty(tmp_path: Path) -> Path:
    path = tmp_path / "empty.pdf"
    path.write_bytes(b"")
    return path


def _corrupt_docx(tmp_path: Path) -> Path:
    path = tmp_path / "broken.docx"
    path.write_bytes(write_numbered_docx(tmp_path / "whole.docx").read_bytes()[:2000])
    return path


def _no_article(tmp_path: Path) -> Path:
    path = tmp_path / "list.html"
    path.write_bytes(gov_page(article=None))
    return path


BAD_INPUTS = {
    "empty file": (_empty, "the file is empty"),
    "scanned PDF": (
        lambda tmp: write_scanned_pdf(tmp / "scan.pdf"),
        "the PDF has no text layer (1 page(s) of images): it is a scan — ask the department",
    ),
    "encrypted PDF": (
        lambda tmp: write_encrypted_pdf(DATA / f"{sorted(PDFS)[0]}.pdf", tmp / "locked.pdf"),
        "the PDF is locked with a password — ask for an unlocked copy",
    ),
    "corrupt docx": (_corrupt_docx, "cannot read the Word file: it is damaged"),
    "page with no article": (_no_article, "the page has no article"),
    "unknown format": (lambda tmp: _touch(tmp / "list.xlsx"), "cannot import .xlsx"),
}


def _touch(path: Path) -> Path:
    path.write_bytes(b"PK\x03\x04")
    return path


@pytest.mark.parametrize("case", sorted(BAD_INPUTS))
def test_bad_input_is_one_clear_line_and_nothing_is_written(capsys, tmp_path, case):
    make, message = BAD_INPUTS[case]
    document = make(tmp_path)
    out = tmp_path / "out.yml"
    code, _stdout, stderr = run_import(capsys, str(document), "--output", str(out))
    assert code == 1
    assert stderr.count("\n") == 1, stderr
    assert stderr.startswith(f"{document.as_posix()}:0:0: error: {message}"), stderr
    assert " — " in stderr  # and how to fix it
    assert not out.exists()


def test_an_existing_source_file_is_not_overwritten_without_force(capsys, tmp_path):
    out = tmp_path / "voucher.yml"
    out.write_text("title: kept\n", encoding="utf-8")
    document = DATA / "jn-2025-first-insurance-voucher.pdf"
    code, _stdout, stderr = run_import(capsys, str(document), "--output", str(out))
    assert code == 1
    assert stderr == (
        f"{out.as_posix()}:0:0: error: already exists; nothing was written — pass --force to "
        "overwrite it, or --output/--slug to write elsewhere\n"
    )
    assert out.read_text(encoding="utf-8") == "title: kept\n"
    code, _stdout, stderr = run_import(capsys, str(document), "--output", str(out), "--force")
    assert code == 0, stderr
    assert out.read_text(encoding="utf-8").startswith("# 由 policy-column import")


# ---------------------------------------------------------------- the pieces


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # pdftotext's lone punctuation goes back to the line before it.
        (
            "1.购车人身份证原件正反面照片（人像面和国徽面）\n；\n2.所购乘用车",
            ["1.购车人身份证原件正反面照片（人像面和国徽面）；", "2.所购乘用车"],
        ),
        # A PDF viewer's copy may start a line with the comma that hung at the margin.
        ("重点围绕相关政策\n，结合省市方案。", ["重点围绕相关政策，结合省市方案。"]),
        # No paragraph ends on 、 or inside quotes it opened, however short the line.
        ("个人和企业（行政、\n事业单位除外）。", ["个人和企业（行政、事业单位除外）。"]),
        ("登录“济南\n特惠”专区。", ["登录“济南特惠”专区。"]),
        # An aside a PDF's text broke onto a line of its own goes back into its sentence…
        (
            "活动期限内，个人（限购1辆）和企业（单位）\n（行政、事业单位除外）购置新车。",
            ["活动期限内，个人（限购1辆）和企业（单位）（行政、事业单位除外）购置新车。"],
        ),
        # … but not the 公文's own mark that follows a long line.
        (
            "附件：济南市2025年下半年汽车消费补贴活动企业名单\n（此件公开发布）",
            ["附件：济南市2025年下半年汽车消费补贴活动企业名单", "（此件公开发布）"],
        ),
        # A sentence end keeps its line even where the text is wrapped.
        ("短句。\n下一段开始", ["短句。", "下一段开始"]),
        # A URL cut in two is joined again, without a space.
        (
            "详见济南市商务局网站公告原文 https://www.jinan.gov.cn/art/\n2025/7/1/art_1.html",
            ["详见济南市商务局网站公告原文 https://www.jinan.gov.cn/art/2025/7/1/art_1.html"],
        ),
    ],
)
def test_repair_joins_what_a_layout_broke(tmp_path, text, expected):
    wrapped = "\n".join(["这是一段很长的文字" * 3 + "没有结束"] * 4)  # makes the text hard-wrapped
    path = tmp_path / "text.txt"
    path.write_text(f"{wrapped}。\n{text}\n", encoding="utf-8")
    paragraphs, _ = repair_lines(read_text_file(path).lines, spaces=False)
    assert [p.text for p in paragraphs][1:] == expected


def test_repair_drops_page_numbers_and_running_headers_of_pages():
    text = "\f".join(f"济南市商务局文件\n第{page}段文字。\n- {page} -" for page in (1, 2, 3))
    lines = []
    for page, chunk in enumerate(text.split("\f"), 1):
        rows = chunk.split("\n")
        for number, row in enumerate(rows, 1):
            lines.append(Line(row, page, number, edge=number in (1, len(rows))))
    paragraphs, log = repair_lines(tuple(lines), spaces=True)
    assert [p.text for p in paragraphs] == ["第1段文字。", "第2段文字。", "第3段文字。"]
    assert "page 2 line 3: dropped: page number “- 2 -”" in [str(r) for r in log]
    assert "page 1 line 1: dropped: running header or footer “济南市商务局文件”" in [
        str(r) for r in log
    ]


def test_repair_removes_only_the_spaces_between_chinese_and_digits(tmp_path):
    path = tmp_path / "text.txt"
    path.write_text(
        "自 2025 年 7 月 1 日起，“工银 e 生活”APP。\f国家发展改革委 财政部\n", encoding="utf-8"
    )
    paragraphs, _log = repair_lines(read_text_file(path).lines, spaces=True)
    assert [p.text for p in paragraphs] == [
        "自2025年7月1日起，“工银e生活”APP。",
        "国家发展改革委 财政部",
    ]


@pytest.mark.parametrize(
    ("value", "fmt", "label"),
    [
        (1, "chineseCounting", "一"),
        (10, "chineseCounting", "十"),
        (11, "chineseCounting", "十一"),
        (20, "chineseCounting", "二十"),
        (23, "chineseCountingThousand", "二十三"),
        (105, "chineseCounting", "一百零五"),
        (3, "decimalEnclosedCircle", "③"),
        (2, "decimalEnclosedParen", "⑵"),
        (2, "chineseLegalSimplified", "贰"),
        (1, "ideographTraditional", "甲"),
        (12, "decimalFullWidth", "１２"),
        (4, "upperRoman", "IV"),
        (27, "lowerLetter", "aa"),
        (7, "decimal", "7"),
    ],
)
def test_word_number_formats(value, fmt, label):
    assert format_number(value, fmt) == label


HAND_MADE = ROOT / "tests/data/corpus"


@pytest.mark.parametrize(
    "name", ["jn-2025-appliance-rules", "sd-2025-appliance-plan", "mzbh-2024-33"]
)
def test_fields_read_from_real_texts_match_what_the_team_wrote_by_hand(capsys, tmp_path, name):
    """The corpus files were made by hand; their text, imported, gives the same fields."""
    hand, _ = read_source_document(HAND_MADE / f"{name}.yml")
    document = tmp_path / f"{name}.txt"
    document.write_text(f"{hand.notice}\n{hand.body}", encoding="utf-8")
    _code, _stdout, _stderr, source = imported(capsys, document, tmp_path / f"{name}.yml")
    assert source.issuers == hand.issuers
    assert source.level == hand.level
    assert source.signed == hand.signed
    if name != "mzbh-2024-33":  # its text has no 文号; its notice names the plan 全市…
        assert source.doc_number == hand.doc_number
        assert source.title == hand.title
    assert squeeze(source.notice + source.body) == squeeze(hand.notice + hand.body)


def test_a_notices_windows_suggest_the_expires_the_team_wrote_by_hand(capsys, tmp_path):
    """The car notice sets four windows; the team's 有效期至 is the last day of them (the day
    sent materials can still be corrected). Until the officer sets it, the column says 有效."""
    hand, _ = read_source_document(ROOT / "policies/sources/jn-2025h1-car-subsidy.yml")
    document = tmp_path / "notice.txt"
    document.write_text(f"{hand.notice}\n{hand.body}", encoding="utf-8")
    out = tmp_path / "notice.yml"
    _code, stdout, _stderr, source = imported(capsys, document, out)
    assert source.expires is None  # suggested, not set: the officer decides
    assert f"# expires: {hand.expires.isoformat()}" in out.read_text(encoding="utf-8")
    assert f"suggested expires (commented in the file): {hand.expires.isoformat()}" in stdout
    # The clause stating 补贴申报时间 gets it as its 开始申报 and 申报截止, as the team wrote them
    # (not the later day until which sent materials may be corrected).
    team = next(override.details for override in hand.overrides if override.path == "1")
    suggested = (
        f'#   "1":  # 补贴申报时间\n#     opens: {team.opens}\n#     deadline: {team.deadline}'
    )
    assert suggested in out.read_text(encoding="utf-8")
    assert f"suggested deadlines (commented in the file): 1 → {team.deadline}" in stdout
    assert not read_source_document(out)[0].overrides  # suggested, not set


def test_a_notice_dated_in_chinese_numerals_gives_its_signed_day_and_windows(capsys, tmp_path):
    """A county office's notice as typed in Word: its signature and its windows in Chinese
    numerals, the zero of the signature typed as the circle ○."""
    document = tmp_path / "notice.txt"
    document.write_text(
        "关于开展2025年家电以旧换新活动的通知\n"
        "一、活动时间\n自二〇二五年七月一日起至十二月三十一日止。\n"
        "二、申报方式\n消费者登录平台申报，资料有误的，须在二〇二六年一月十五日前修改。\n"
        "汨罗市人民政府办公室\n二○二五年六月二十日\n",
        encoding="utf-8",
    )
    out = tmp_path / "ml-2025-notice.yml"
    code, stdout, stderr, source = imported(capsys, document, out, "--level", "汨罗市")
    assert code == 0, stderr
    assert source.signed == date(2025, 6, 20)
    assert source.issuers == ("汨罗市人民政府办公室",)  # from the office line above the date
    assert "suggested expires (commented in the file): 2026-01-15" in stdout
    assert "#   活动时间：至 2025-12-31" in out.read_text(encoding="utf-8")


@pytest.mark.parametrize(
    ("paragraphs", "windows"),
    [
        (  # a heading, then a range with hours
            ["一、活动时间", "自2025年7月1日0时至2025年7月31日24时（发票时间须在以上时间段内）。"],
            [Window("活动时间", date(2025, 7, 31), date(2025, 7, 1))],
        ),
        (  # a label before the range; the end in the start's year
            ["补贴申报时间：2025年2月12日10时至4月15日24时；申领资料可修改至2025年4月30日24时。"],
            [
                Window("补贴申报时间", date(2025, 4, 15), date(2025, 2, 12)),
                Window("申领资料可修改", date(2025, 4, 30)),
            ],
        ),
        (  # pasted from a PDF: spaces around the digits
            ["一、活动时间", "自 2025 年 7 月 1 日 0 时至 2025 年 7 月 31 日 24 时（参与活动的）"],
            [Window("活动时间", date(2025, 7, 31), date(2025, 7, 1))],
        ),
        (  # the words before the date, whatever they start with
            ["在线申报时间：2025年2月12日至2025年4月15日。"],
            [Window("在线申报时间", date(2025, 4, 15), date(2025, 2, 12))],
        ),
        (  # an end alone, before which something must be done
            ["（三）申报资料如有修改，需在2025年7月30日24时前完成提交。"],
            [Window("申报资料如有修改", date(2025, 7, 30))],
        ),
        (  # 务必在 is how the sentence says it, not what the window is
            ["资料有问题被退回的消费者务必在2025年7月30日24时前完成修改，到期不予承兑。"],
            [Window("资料有问题被退回的消费者", date(2025, 7, 30))],
        ),
        (  # 自…起至…止, in Chinese numerals, the end in the start's year
            ["活动时间：自二〇二五年七月一日起至十二月三十一日止。"],
            [Window("活动时间", date(2025, 12, 31), date(2025, 7, 1))],
        ),
        (  # the period of validity after a comma; the zero typed as a circle
            ["本通知自印发之日起施行，有效期至二○二六年十二月三十一日。"],
            [Window("有效期", date(2026, 12, 31))],
        ),
        (  # 截止时间为: an end alone
            ["补贴申报截止时间为2025年4月15日。", "活动时间为2025年1月1日—12月31日。"],
            [
                Window("补贴申报", date(2025, 4, 15)),
                Window("活动时间", date(2025, 12, 31), date(2025, 1, 1)),
            ],
        ),
        (["到2027年，设备投资规模较2023年增长25%以上。"], []),  # years of a plan are no window
        (["自2025年2月1日至2025年2月30日"], []),  # a day no calendar has
    ],
)
def test_the_windows_a_text_sets_are_read_with_what_they_are(paragraphs, windows):
    assert read_windows(paragraphs) == windows


def test_a_clause_is_dated_by_its_window_for_applying_not_by_when_to_buy():
    body = (
        "一、活动时间\n自2025年7月1日0时至2025年7月31日24时。\n"
        "二、补贴标准\n每辆补贴5000元。\n"
        "三、申报方式\n报名时间：2025年7月5日至2025年8月10日；资料补正须在2025年8月20日前完成。\n"
    )
    assert clause_deadlines(body) == {"3": Window("报名时间", date(2025, 8, 10), date(2025, 7, 5))}


@pytest.mark.parametrize("name", sorted(path.stem for path in HAND_MADE.glob("*.yml")))
def test_a_long_plan_as_a_gongwen_pdf_gives_back_the_paragraphs_typed_in(capsys, tmp_path, name):
    """Each corpus plan laid out as departments' PDFs are (GB/T 9704: red head, centered
    title on two lines, 28 characters a line, paragraphs two characters in, “— 2 —” at the
    foot), imported: the very paragraphs of the typed-in text, the stray spaces of its
    PDF-made source aside, and so its clauses."""
    hand, _ = read_source_document(HAND_MADE / f"{name}.yml")
    document = write_gongwen_pdf(f"{hand.notice}\n{hand.body}", hand.title, tmp_path / "plan.pdf")
    _code, _stdout, stderr, source = imported(capsys, document, tmp_path / f"{name}.yml")

    def paragraphs(text: str) -> list[str]:
        return [STRAY_SPACE.sub("", row.strip()) for row in text.splitlines() if row.strip()]

    assert paragraphs(source.notice + "\n" + source.body) == paragraphs(
        hand.notice + "\n" + hand.body
    )
    assert [p.clause for p in split_body(source.body).pieces] == [
        p.clause for p in split_body(hand.body).pieces
    ]
    if name != "mzbh-2024-33":  # its notice names the plan 全市…, the team titled it 汨罗市…
        assert source.title == hand.title, stderr


@pytest.mark.parametrize("name", sorted(path.stem for path in HAND_MADE.glob("*.yml")))
def test_a_long_plan_copied_out_of_its_pdf_keeps_every_character_and_clause(capsys, tmp_path, name):
    """The national-plan shape (continuous numbering, a 印发通知 before it, a signature and
    annexes after) as text copied out of its PDF: wrapped at the 公文 line, page numbers on
    lines of their own. Nothing is added or lost, the clauses are those of the text typed in,
    the title wrapped over two lines is read whole, no page number is left in the text."""
    hand, _ = read_source_document(HAND_MADE / f"{name}.yml")
    document = tmp_path / f"{name}.txt"
    document.write_text(pasted_from_pdf(f"{hand.notice}\n{hand.body}"), encoding="utf-8")
    _code, stdout, stderr, source = imported(capsys, document, tmp_path / f"{name}.yml")
    assert squeeze(source.notice + source.body) == squeeze(hand.notice + hand.body)
    clauses = [piece.clause for piece in split_body(source.body).pieces]
    assert clauses == [piece.clause for piece in split_body(hand.body).pieces]
    if name != "mzbh-2024-33":  # its notice names the plan 全市…, the team titled it 汨罗市…
        assert source.title == hand.title
    lines = (source.notice + "\n" + source.body).splitlines()
    assert not any(PAGE_NUMBER.fullmatch(line.strip()) for line in lines if line.strip())
    assert "dropped: page number “- 2 -”" in stdout + stderr


def test_numbering_from_a_paragraph_style_and_header_text_are_reported(tmp_path):
    document = docx.Document()
    document.add_paragraph("第一项内容。", style="List Number")
    document.add_paragraph("第二项内容。", style="List Number")
    document.sections[0].header.paragraphs[0].text = "济南市商务局"
    path = tmp_path / "styled.docx"
    document.save(str(path))
    extracted = read_docx(path)
    assert [line.text for line in extracted.lines] == ["1.第一项内容。", "2.第二项内容。"]
    assert extracted.notes == ("page header or footer “济南市商务局” not imported",)


def test_a_page_without_a_known_content_block_gives_its_densest_text(capsys, tmp_path):
    """A small portal's page: a table layout, text between <br>s, navigation in a cell."""
    out = tmp_path / "plain-page.yml"
    _code, _stdout, _stderr, source = imported(
        capsys,
        DATA / "plain-portal-page.html",
        out,
        "--issuer",
        "济南市商务局",
        "--level",
        "济南市",
    )
    lines = source.body.splitlines()
    assert lines[0] == "关于做好家电以旧换新工作的通知"
    assert lines[-2:] == ["某某市商务局", "2025年2月1日"]
    assert not any("导航" in line or "版权所有" in line or "首页" in line for line in lines)
    assert source.title == "关于做好家电以旧换新工作的通知"
    assert source.signed.isoformat() == "2025-02-01"
    assert top_clauses(source.body) == ["一、", "二、"]


def test_centered_word_paragraphs_stay_apart():
    """Two centered Word paragraphs in one size are two paragraphs, never a title wrap."""
    lines = (
        Line("济南市2025年电动自行车以旧换新", 0, 1, True, centered=True, size=22),
        Line("实施方案", 0, 2, True, centered=True, size=22),
    )
    paragraphs, log = repair_lines(lines, spaces=False)
    assert [p.text for p in paragraphs] == ["济南市2025年电动自行车以旧换新", "实施方案"]
    assert log == []


def test_indented_paragraphs_of_a_wrapped_text_file_start_where_their_indent_is(tmp_path):
    wrap = "这是一段被邮件客户端按固定宽度折行的政策文字没有写完"
    text = f"　　一、补贴范围\n　　{wrap}\n{wrap}\n{wrap}。\n　　{wrap}\n{wrap}。\n"
    path = tmp_path / "mail.txt"
    path.write_text(text, encoding="utf-8")
    paragraphs, _ = repair_lines(read_text_file(path).lines, spaces=False)
    assert [p.text for p in paragraphs] == ["一、补贴范围", wrap * 3 + "。", wrap * 2 + "。"]


def test_a_signature_at_the_margin_of_an_indented_text_keeps_its_date_apart(capsys, tmp_path):
    """A county notice copied out of a PDF viewer: paragraphs indented, the signature's office
    and date at the margin, the date in Chinese numerals with ○ for its zero."""
    document = tmp_path / "notice.txt"
    document.write_text(
        "汨罗市商务局关于开展2025年汽车消费补贴活动的通知\n\n"
        "　　一、活动时间\n　　自二〇二五年九月一日起至十二月三十一日止，在汨罗市参\n"
        "加活动的销售企业购买新车的个人消费者可申领补贴。\n"
        "　　二、咨询电话\n　　汨罗市商务局0730-5212345。\n\n"
        "汨罗市商务局\n二○二五年八月二十日\n",
        encoding="utf-8",
    )
    _code, _stdout, _stderr, source = imported(capsys, document, tmp_path / "notice.yml")
    assert source.body.splitlines()[-2:] == ["汨罗市商务局", "二○二五年八月二十日"]
    assert source.signed == date(2025, 8, 20)
    assert split_body(source.body).pieces[-1].text.endswith("0730-5212345。")


SEVEN_MINISTRIES = (
    "商务部",
    "财政部",
    "国家发展改革委",
    "工业和信息化部",
    "公安部",
    "生态环境部",
    "税务总局",
)


@pytest.mark.parametrize(
    ("signed", "issuers"),
    [
        # A joint document signs side by side, the offices set apart by full-width spaces …
        ("岳阳市商务局　　岳阳市财政局", ("岳阳市商务局", "岳阳市财政局")),
        # … or by the spaces a PDF's text layer keeps between the columns of its signature.
        (
            "岳阳市商务局    岳阳市财政局    岳阳市公安局",
            ("岳阳市商务局", "岳阳市财政局", "岳阳市公安局"),
        ),
        # One office spaced out letter by letter, as some signatures are typeset, is one.
        ("岳 阳 市 商 务 局", ("岳阳市商务局",)),
        # Seven ministries on three lines, as 商消费函〔2024〕75号 signs its 补贴实施细则.
        (
            "商务部　财政部　国家发展改革委\n工业和信息化部　公安部　生态环境部\n税务总局",
            SEVEN_MINISTRIES,
        ),
    ],
)
def test_offices_signing_side_by_side_are_each_an_issuer(capsys, tmp_path, signed, issuers):
    document = tmp_path / "rules.txt"
    document.write_text(
        (ROOT / "tests/data/split/city-notice-annex-after-signature.txt")
        .read_text(encoding="utf-8")
        .replace("岳阳市商务局　　岳阳市财政局", signed),
        encoding="utf-8",
    )
    _code, _stdout, _stderr, source = imported(capsys, document, tmp_path / "rules.yml")
    assert source.issuers == issuers
    assert signed in source.body  # the signature itself is the document's, as it was


def test_a_sentence_ending_at_the_margin_of_an_indented_text_goes_on_in_its_paragraph(tmp_path):
    # The wrap fell right after a 。: the paragraph goes on at the margin, as its indent says.
    wrap = "这是一段被邮件客户端按固定宽度折行的政策文字没有写完"
    ends = "这是一段被邮件客户端按固定宽度折行的政策文字写完了。"
    short = "下一句在这里结束。"
    text = f"　　一、补贴范围\n　　{wrap}\n{ends}\n{wrap}\n{short}\n　　{wrap}\n{short}\n"
    path = tmp_path / "mail.txt"
    path.write_text(text, encoding="utf-8")
    paragraphs, _ = repair_lines(read_text_file(path).lines, spaces=False)
    assert [p.text for p in paragraphs] == [
        "一、补贴范围",
        wrap + ends + wrap + short,
        wrap + short,
    ]

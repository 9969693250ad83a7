"""Documents as departments send them, written by the tests: a Word file whose list labels
exist only as Word numbering, a saved gov.cn-style portal page, a scan, an encrypted PDF, a
plan laid out as a 公文 PDF and a text copied out of a PDF viewer."""

from __future__ import annotations

import html
import re
import zlib
from pathlib import Path

import docx
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls
from docx.shared import Pt
from pypdf import PdfReader, PdfWriter

from generator.input.imports.repair import display_width

# The plan as a reader sees it in Word; the labels 一、（一）1. are Word numbering in the
# file, never characters of the text.
PLAN_TITLE = "济南市2025年电动自行车以旧换新实施方案"
WORD_PARAGRAPHS = [
    ("head", "济南市商务局文件"),
    ("center", "济商务字〔2025〕9号"),
    ("title", f"关于印发《{PLAN_TITLE}》的通知"),
    ("", "各区县（功能区）商务主管部门："),
    ("", f"现将《{PLAN_TITLE}》印发给你们，请认真贯彻落实。"),
    ("right", "济南市商务局"),
    ("right", "2025年3月10日"),
    ("", "（此件公开发布）"),
    ("title", PLAN_TITLE),
    ("", "为推动电动自行车以旧换新，消除安全隐患，制定本方案。"),
    (0, "补贴范围"),
    ("", "在济南市购买电动自行车新车并交售旧车的个人消费者。"),
    (0, "补贴标准"),
    (1, "交售锂离子蓄电池电动自行车的，每辆补贴500元。"),
    (1, "交售铅酸蓄电池电动自行车的，每辆补贴300元。"),
    ("table", [["车型", "补贴金额"], ["锂离子蓄电池", "500元"], ["铅酸蓄电池", "300元"]]),
    (0, "申领流程"),
    (2, "注册认证。消费者在“泉城购”服务平台完成实名认证。"),
    (2, "提交资料。上传购车发票和旧车交售凭证。"),
    (0, "其他事项"),
    (2, "本方案自印发之日起施行，有效期至2025年12月31日。"),
    (2, "本方案由市商务局负责解释。"),
    ("", "附件：参与企业名单"),
]
# What the importer must write: the same text with the labels Word shows.
WORD_LABELS = {"补贴范围": "一、", "补贴标准": "二、", "申领流程": "三、", "其他事项": "四、"}
WORD_EXPECTED_LINES = [
    "一、补贴范围",
    "二、补贴标准",
    "（一）交售锂离子蓄电池电动自行车的，每辆补贴500元。",
    "（二）交售铅酸蓄电池电动自行车的，每辆补贴300元。",
    "车型\t补贴金额",
    "锂离子蓄电池\t500元",
    "三、申领流程",
    "1.注册认证。消费者在“泉城购”服务平台完成实名认证。",
    "2.提交资料。上传购车发票和旧车交售凭证。",
    "四、其他事项",
    "1.本方案自印发之日起施行，有效期至2025年12月31日。",
    "2.本方案由市商务局负责解释。",
]

# Level 0 一、, level 1 （一）, level 2 1. — as Chinese Word templates define them.
NUMBERING_LEVELS = [("chineseCounting", "%1、"), ("chineseCounting", "（%2）"), ("decimal", "%3.")]


def write_numbered_docx(path: Path) -> Path:
    """A .docx with a covering notice, a plan numbered by Word's multilevel list, a table."""
    document = docx.Document()
    num_id = _add_numbering(document)
    for kind, content in WORD_PARAGRAPHS:
        if kind == "table":
            table = document.add_table(rows=len(content), cols=len(content[0]))
            for row, values in zip(table.rows, content, strict=True):
                for cell, value in zip(row.cells, values, strict=True):
                    cell.text = value
            continue
        paragraph = document.add_paragraph()
        run = paragraph.add_run(content)
        if isinstance(kind, int):
            paragraph._p.get_or_add_pPr().insert(
                0,
                parse_xml(
                    f'<w:numPr {nsdecls("w")}><w:ilvl w:val="{kind}"/>'
                    f'<w:numId w:val="{num_id}"/></w:numPr>'
                ),
            )
        elif kind in ("head", "title", "center"):
            paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
            run.font.size = Pt(26 if kind == "head" else 22 if kind == "title" else 16)
        elif kind == "right":
            paragraph.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    document.save(path)
    return path


def write_continuous_plan_docx(path: Path, paragraphs: list[tuple[int, str]]) -> Path:
    """A national plan's shape in Word: parts 一、二、 at level 0 and clauses （一）…（二十）
    at level 1 of one multilevel list, level 1 set never to restart (``w:lvlRestart`` 0)."""
    document = docx.Document()
    num_id = _add_numbering(document, restarts={1: 0})
    for level, text in paragraphs:
        paragraph = document.add_paragraph(text)
        paragraph._p.get_or_add_pPr().insert(
            0,
            parse_xml(
                f'<w:numPr {nsdecls("w")}><w:ilvl w:val="{level}"/>'
                f'<w:numId w:val="{num_id}"/></w:numPr>'
            ),
        )
    document.save(path)
    return path


def _add_numbering(document: docx.document.Document, restarts: dict[int, int] | None = None) -> int:
    """Define the multilevel list in numbering.xml, each level restarting as Word's default
    or as ``restarts`` says (level → ``w:lvlRestart``); the id paragraphs refer to."""
    numbering = document.part.numbering_part.element

    def restart(level: int) -> str:
        value = (restarts or {}).get(level)
        return "" if value is None else f'<w:lvlRestart w:val="{value}"/>'

    levels = "".join(
        f'<w:lvl w:ilvl="{level}"><w:start w:val="1"/><w:numFmt w:val="{fmt}"/>{restart(level)}'
        f'<w:lvlText w:val="{text}"/><w:suff w:val="nothing"/><w:lvlJc w:val="left"/></w:lvl>'
        for level, (fmt, text) in enumerate(NUMBERING_LEVELS)
    )
    abstract = parse_xml(
        f'<w:abstractNum {nsdecls("w")} w:abstractNumId="90">'
        f'<w:multiLevelType w:val="multilevel"/>{levels}</w:abstractNum>'
    )
    # abstractNum elements come before num elements in numbering.xml.
    first_num = numbering.find(f"{{{_W}}}num")
    if first_num is None:
        numbering.append(abstract)
    else:
        first_num.addprevious(abstract)
    numbering.append(
        parse_xml(f'<w:num {nsdecls("w")} w:numId="90"><w:abstractNumId w:val="90"/></w:num>')
    )
    return 90


_W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"

# A saved gov.cn policy page: header, navigation, a share bar, the metadata table, the
# article, a footer and scripts, as a browser's "save page" keeps them.
GOV_URL = "https://www.gov.cn/zhengce/content/202503/content_7000001.htm"
GOV_TITLE = "国务院办公厅关于进一步做好消费品以旧换新工作的通知"
GOV_ARTICLE = [
    "各省、自治区、直辖市人民政府，国务院各部委、各直属机构：",
    "为进一步做好消费品以旧换新工作，经国务院同意，现就有关事项通知如下：",
    "一、加大支持力度",
    "（一）扩大补贴范围。将手机、平板电脑、智能手表手环纳入补贴范围。",
    "（二）提高补贴标准。对购买1级能效产品的，按产品销售价格的20%给予补贴。",
    "二、优化申领流程",
    "各地要简化申领手续，推行“一站式”办理。",
    "国务院办公厅",
    "2025年3月5日",
    "（此件公开发布）",
]
GOV_CHROME = [
    "中国政府网",
    "首页",
    "简|繁",
    "无障碍",
    "分享到：",
    "微信",
    "微博",
    "【我要纠错】",
    "责任编辑：王某某",
    "版权所有：中国政府网",
    "网站标识码bm01000001",
    "京ICP备05070218号",
    "window.shareConfig",
]


def gov_page(article: list[str] | None = GOV_ARTICLE, encoding: str = "utf-8") -> bytes:
    """The page as saved; ``article=None`` leaves the article out (a page with no article)."""
    paragraphs = "".join(f'<p style="text-indent: 2em;">{text}</p>' for text in article or [])
    content = f'<div class="pages_content" id="UCAP-CONTENT">{paragraphs}</div>' if article else ""
    html = f"""<!DOCTYPE html>
<!-- saved from url=(0058){GOV_URL} -->
<html lang="zh-CN"><head><meta charset="{encoding}">
<title>{GOV_TITLE}_国务院文件_中国政府网</title>
<meta name="keywords" content="消费品以旧换新">
<script>window.shareConfig = {{"title": "分享到：微信"}};</script>
<style>.header {{ color: red; }}</style>
</head><body>
<div class="header"><div class="logo">中国政府网</div>
<ul class="nav"><li><a href="/">首页</a></li><li>简|繁</li><li>无障碍</li></ul></div>
<div class="BreadcrumbNav"><a href="/">首页</a> &gt; <a href="/zhengce/">政策</a></div>
<div class="policyLibraryOverview_header"><table class="bd1">
<tr><td><b>索&nbsp;&nbsp;引&nbsp;&nbsp;号：</b></td><td>000014349/2025-00012</td>
<td><b>主题分类：</b></td><td>商贸、海关、旅游\\国内贸易（含供销）</td></tr>
<tr><td><b>发文机关：</b></td><td>国务院办公厅</td>
<td><b>成文日期：</b></td><td>2025年03月05日</td></tr>
<tr><td><b>标　　题：</b></td><td colspan="3">{GOV_TITLE}</td></tr>
<tr><td><b>发文字号：</b></td><td>国办发〔2025〕5号</td>
<td><b>发布日期：</b></td><td>2025年03月07日</td></tr>
</table></div>
<div class="article"><h1 id="ti">{GOV_TITLE}</h1>
<div class="pages-date">2025-03-07 16:30 来源：中国政府网</div>
{content}
<div class="share"><span>分享到：</span><a class="wx">微信</a><a class="wb">微博</a></div>
<div class="editor">【我要纠错】 责任编辑：王某某</div></div>
<div class="footer"><p>版权所有：中国政府网</p><p>网站标识码bm01000001</p>
<p>京ICP备05070218号</p></div>
<script src="/js/share.js"></script>
<script>document.write("分享到：微博");</script>
</body></html>
"""
    return html.encode(encoding)


def write_scanned_pdf(path: Path) -> Path:
    """A one-page PDF that is only an image, as a scanner makes it: no text layer."""
    pixels = bytes([255, 0, 255, 0] * 4)  # a 4×4 grey image
    image = zlib.compress(pixels)
    content = b"q 595 0 0 842 0 0 cm /Im1 Do Q"
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] "
        b"/Resources << /XObject << /Im1 4 0 R >> >> /Contents 5 0 R >>",
        b"<< /Type /XObject /Subtype /Image /Width 4 /Height 4 /ColorSpace /DeviceGray "
        b"/BitsPerComponent 8 /Filter /FlateDecode /Length %d >>\nstream\n%s\nendstream"
        % (len(image), image),
        b"<< /Length %d >>\nstream\n%s\nendstream" % (len(content), content),
    ]
    path.write_bytes(_pdf_file(objects))
    return path


def _pdf_file(objects: list[bytes]) -> bytes:
    """The objects numbered from 1, with the cross-reference table PDF readers need."""
    data = bytearray(b"%PDF-1.7\n")
    offsets = []
    for number, body in enumerate(objects, 1):
        offsets.append(len(data))
        data += b"%d 0 obj\n%s\nendobj\n" % (number, body)
    xref = len(data)
    data += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    data += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    data += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1,
        xref,
    )
    return bytes(data)


def write_encrypted_pdf(source: Path, path: Path) -> Path:
    """``source`` locked with a password to open it, as some offices send them."""
    writer = PdfWriter(clone_from=PdfReader(source))
    writer.encrypt(user_password="secret", owner_password="owner", algorithm="RC4-128")
    with path.open("wb") as out:
        writer.write(out)
    return path


def pasted_from_pdf(text: str, columns: int = 56, lines_per_page: int = 22) -> str:
    """``text`` as a PDF viewer's "copy all" gives it from a 公文 set to GB/T 9704 (28
    characters a line, 22 lines a page): each paragraph wrapped at the line's width, its
    first line two characters in and the indent lost, each page ending in its number
    ("- 3 -") on a line of its own, no form feeds."""
    lines = []
    for paragraph in filter(None, (row.strip() for row in text.splitlines())):
        width = columns - 4
        while paragraph:
            size = 1
            while size < len(paragraph) and display_width(paragraph[: size + 1]) <= width:
                size += 1
            lines.append(paragraph[:size])
            paragraph, width = paragraph[size:], columns
    pages = [
        lines[start : start + lines_per_page] for start in range(0, len(lines), lines_per_page)
    ]
    return "".join(
        "\n".join(page) + f"\n\n- {number} -\n\n" for number, page in enumerate(pages, 1)
    )


# GB/T 9704 in CSS: A4, 三号 (16 pt) 仿宋-like type at 28 characters a line and 22 lines a
# page, paragraphs two characters in, the red head and title centered in 小标宋 (22 pt), the
# page number "— 3 —" at the foot.
GONGWEN_CSS = """
@page { size: A4; margin: 37mm 26mm 35mm 28mm;
  @bottom-center { content: "— " counter(page) " —"; font: 14pt "Noto Serif CJK SC"; } }
body { font: 16pt/28.9pt "Noto Serif CJK SC"; margin: 0; }
p { margin: 0; text-indent: 2em; text-align: justify; }
p.head, p.title { text-indent: 0; text-align: center; font-size: 22pt; line-height: 36pt; }
p.head { color: #c00; }
p.title { font-weight: bold; }
p.center { text-indent: 0; text-align: center; }
p.right { text-indent: 0; text-align: right; }
"""
RED_HEAD_LINE = re.compile(r".{2,20}(?:局|厅|委员会|政府|办公室)(?:文件)?")
DOC_NUMBER_LINE = re.compile(r".{1,8}[〔\[]\s*\d{4}\s*[〕\]]\s*\d+\s*号")
DATE_LINE = re.compile(r"\d{4}\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日")


def write_gongwen_pdf(text: str, title: str, path: Path) -> Path:
    """``text`` (one paragraph a line) as a department's 公文 PDF, laid out by WeasyPrint."""
    import weasyprint

    paragraphs = [row.strip() for row in text.splitlines() if row.strip()]
    head = True  # the red head: the offices' lines before the 文号
    body = []
    for row in paragraphs:
        if head and RED_HEAD_LINE.fullmatch(row):
            kind = "head"
        elif DOC_NUMBER_LINE.fullmatch(row):
            kind, head = "center", False
        elif row == title or (row.startswith("关于") and row.endswith(("通知", "函"))):
            kind, head = "title", False
        elif DATE_LINE.fullmatch(row):
            kind = "right"
        else:
            kind, head = "", False
        body.append(f'<p class="{kind}">{html.escape(row)}</p>')
    document = weasyprint.HTML(string=f"<html lang=zh><body>{''.join(body)}</body></html>")
    document.write_pdf(path, stylesheets=[weasyprint.CSS(string=GONGWEN_CSS)])
    return path

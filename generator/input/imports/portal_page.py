"""A government portal page saved from the browser: the article, and the metadata table.

The article is the portal's content block (gov.cn's ``UCAP-CONTENT``, TRS editors'
``TRS_Editor`` …) or, failing those, the block with the most Chinese text in paragraphs;
the header, navigation, share bar, footer and scripts are left behind. The
metadata table that gov.cn-style pages carry (索引号, 发文机关, 成文日期 …) fills fields.
lxml parses the page; it already comes with python-docx, and it reads a GBK page
through its ``<meta charset>``.
"""

from __future__ import annotations

import re
from pathlib import Path

import lxml.html
from lxml import etree

from .document import Extracted, Line, UnreadableDocument
from .plain_text import decode

# Where portals put the article, most specific first.
CONTENT_XPATHS = (
    "//*[@id='UCAP-CONTENT']",
    "//*[contains(concat(' ', normalize-space(@class), ' '), ' pages_content ')]",
    "//*[contains(@class, 'TRS_Editor') or contains(@class, 'TRS_UEDITOR')]",
    "//*[@id='zoom' or @id='Zoom']",
    "//*[@id='content' or @class='content' or contains(@class, 'article-content')]",
    "//article",
)
DROP_TAGS = ("script", "style", "noscript", "template", "iframe", "object", "embed", "svg")
DROP_TAGS += ("button", "input", "select", "textarea")
CHROME_TAGS = ("header", "nav", "footer", "aside")
# Class or id words of page chrome: navigation, share bars, footers, print and font tools.
CHROME = re.compile(
    r"header|footer|nav|menu|breadcrumb|crumb|share|fenxiang|bdshare|toolbar|sidebar|"
    r"related|comment|print|copyright|login|search|editor|pages-date|fontsize|erweima|qrcode",
    re.IGNORECASE,
)
BLOCKS = {"p", "div", "li", "tr", "table", "h1", "h2", "h3", "h4", "h5", "h6", "section"}
BLOCKS |= {"article", "blockquote", "pre", "dd", "dt", "ul", "ol", "center", "tbody", "br"}
# Labels of the metadata table → our field (or an extra kept as a comment).
META_LABELS = {
    "索引号": "索引号",
    "主题分类": "主题分类",
    "主题词": "主题词",
    "发文机关": "issuer",
    "发布机构": "issuer",
    "发文单位": "issuer",
    "成文日期": "signed",
    "生成日期": "signed",
    "标题": "title",
    "名称": "title",
    "发文字号": "doc_number",
    "文号": "doc_number",
    "发布日期": "published",
    "发布时间": "published",
    "有效性": "有效性",
    "效力状态": "有效性",
}
LABEL_TEXT = re.compile(r"\s*(" + "|".join(META_LABELS) + r")\s*[:：]\s*(.*)", re.DOTALL)
XML_DECLARATION = re.compile(r"^\s*<\?xml[^>]*\?>")
SAVED_FROM = re.compile(r"saved from url=\(\d+\)(\S+?)\s*-->")
CJK = re.compile(r"[\u4e00-\u9fff]")
ARTICLE_MIN_CHARS = 20  # fewer Chinese characters: a list or search page, not an article


def read_page(path: Path) -> Extracted:
    """The article's lines and the page's fields; raises UnreadableDocument without an article."""
    text = decode_page(path.read_bytes())
    try:
        page = lxml.html.document_fromstring(XML_DECLARATION.sub("", text, count=1))
    except (etree.ParserError, ValueError) as error:
        raise UnreadableDocument(
            f"cannot read the page ({error})", "save the page again from the browser"
        ) from error
    fields, extras = _metadata(page)
    title = fields.get("title") or _page_title(page)
    article = _article(page)
    if article is None:
        raise UnreadableDocument(
            "the page has no article: no block of Chinese text was found in it",
            "save the page that shows the document's full text (not a list or search page)",
        )
    lines = [Line(line, 0, number, True) for number, line in enumerate(_article_lines(article), 1)]
    url = _source_url(text, page)
    if url:
        fields.setdefault("source_url", url)
    return Extracted(tuple(lines), "portal page", fields, extras, title_hint=title)


def decode_page(raw: bytes) -> str:
    """The page as text, in the charset its ``<meta>`` names (GBK pages are common)."""
    declared = re.search(rb"""charset\s*=\s*["']?([A-Za-z0-9_-]+)""", raw[:4096])
    if declared:
        name = declared.group(1).decode("ascii").lower()
        if name in ("gb2312", "gbk", "gb18030", "x-gbk"):
            name = "gb18030"
        try:
            return raw.decode(name)
        except (LookupError, UnicodeDecodeError):
            pass
    return decode(raw)


def _metadata(page: etree._Element) -> tuple[dict[str, str], dict[str, str]]:
    """Fields from a metadata table: a label cell and the cell after it, or 'label：value'."""
    fields: dict[str, str] = {}
    extras: dict[str, str] = {}
    for cell in page.iter("td", "th", "li", "span", "p", "dt", "dd", "div"):
        if cell.find(".//td") is not None or cell.find(".//div") is not None:
            continue
        text = _squeeze_label(cell.text_content())
        found = LABEL_TEXT.fullmatch(text)
        if found is None:
            continue
        key, value = META_LABELS[found.group(1)], found.group(2).strip()
        if not value:
            sibling = cell.getnext()
            value = sibling.text_content().strip() if sibling is not None else ""
        if not value:
            continue
        target = (
            fields if key in ("issuer", "signed", "title", "doc_number", "published") else extras
        )
        if key in ("signed", "published"):
            value = _iso_date(value) or ""
        if value:
            target.setdefault(key if target is fields else found.group(1), value)
    return fields, extras


def _squeeze_label(text: str) -> str:
    """'索\xa0\xa0引\xa0\xa0号：' → '索引号：' (labels are spaced out to line up)."""
    head, colon, rest = re.sub(r"[\s\xa0\u3000]+", " ", text).strip().partition("：")
    if not colon:
        head, colon, rest = head.partition(":")
    return re.sub(r" ", "", head) + colon + rest


def _iso_date(text: str) -> str | None:
    found = re.search(r"(\d{4})\s*[年\-/.]\s*(\d{1,2})\s*[月\-/.]\s*(\d{1,2})", text)
    if found is None:
        return None
    year, month, day = (int(part) for part in found.groups())
    return f"{year:04d}-{month:02d}-{day:02d}"


def _article(page: etree._Element) -> etree._Element | None:
    """The block holding the document's text, with the chrome inside it taken out."""
    for element in list(page.iter(*DROP_TAGS)):
        _drop(element)
    article = _content_block(page)
    if article is None:
        return None
    for element in list(article.iterdescendants()):
        if element.getparent() is not None and (_is_chrome(element) or _is_metadata_table(element)):
            _drop(element)
    return article if _chinese_chars(article) >= ARTICLE_MIN_CHARS else None


def _content_block(page: etree._Element) -> etree._Element | None:
    for xpath in CONTENT_XPATHS:
        for element in page.xpath(xpath):
            if _chinese_chars(element) >= ARTICLE_MIN_CHARS:
                return element
    best, best_chars = None, 0
    for element in page.iter("div", "td", "section", "article", "body"):
        if _is_chrome(element) or any(_is_chrome(parent) for parent in element.iterancestors()):
            continue
        # Paragraphs, or text set straight into the block between <br>s.
        own = (element.text or "") + "".join(child.tail or "" for child in element)
        chars = len(CJK.findall(own))
        chars += sum(_chinese_chars(child) for child in element if child.tag == "p")
        if chars > best_chars:
            best, best_chars = element, chars
    return best if best_chars >= ARTICLE_MIN_CHARS else None


def _is_chrome(element: etree._Element) -> bool:
    if not isinstance(element.tag, str):
        return False
    names = f"{element.get('class', '')} {element.get('id', '')}"
    return element.tag in CHROME_TAGS or bool(CHROME.search(names))


def _is_metadata_table(element: etree._Element) -> bool:
    text = _squeeze_label(element.text_content())
    return sum(1 for label in ("索引号", "发文机关", "成文日期", "发文字号") if label in text) >= 2


def _drop(element: etree._Element) -> None:
    """Remove ``element`` but keep the text that follows it (its tail)."""
    parent = element.getparent()
    if parent is None:
        return
    tail = element.tail or ""
    previous = element.getprevious()
    if previous is not None:
        previous.tail = (previous.tail or "") + tail
    else:
        parent.text = (parent.text or "") + tail
    parent.remove(element)


def _chinese_chars(element: etree._Element) -> int:
    return len(CJK.findall(element.text_content()))


def _article_lines(article: etree._Element) -> list[str]:
    """The article's text, one line per block; table rows with cells separated by tabs."""
    for table in list(article.iter("table")):
        if _is_metadata_table(table):
            _drop(table)
    lines: list[str] = []
    current: list[str] = []

    def flush() -> None:
        line = re.sub(r"[ \t\r\n\xa0]+", " ", "".join(current)).strip(" \u3000")
        if line:
            lines.append(line)
        current.clear()

    def walk(element: etree._Element) -> None:
        if not isinstance(element.tag, str):  # a comment or processing instruction
            current.append(element.tail or "")
            return
        if element.tag == "tr":
            flush()
            cells = [_cell_text(cell) for cell in element if cell.tag in ("td", "th")]
            if any(cells):
                lines.append("\t".join(cells))
            current.append(element.tail or "")
            return
        block = element.tag in BLOCKS
        if block:
            flush()
        current.append(element.text or "")
        for child in element:
            walk(child)
        if block:
            flush()
        current.append(element.tail or "")

    walk(article)
    flush()
    return lines


def _cell_text(cell: etree._Element) -> str:
    return re.sub(r"[\s\xa0\u3000]+", " ", cell.text_content()).strip()


def _source_url(text: str, page: etree._Element) -> str:
    """Where the page was saved from: the browser's note, the canonical link, og:url."""
    saved = SAVED_FROM.search(text[:4096])
    if saved:
        return saved.group(1)
    for xpath in ("//link[@rel='canonical']/@href", "//meta[@property='og:url']/@content"):
        found = page.xpath(xpath)
        if found and str(found[0]).startswith(("http://", "https://")):
            return str(found[0])
    return ""


def _page_title(page: etree._Element) -> str:
    heading = page.xpath("string(//h1)").strip()
    if heading:
        return re.sub(r"\s+", "", heading)
    title = page.xpath("string(//title)").strip()
    return re.split(r"[_|]| - ", title)[0].strip()

"""Word's automatic list numbering turned back into the labels a reader sees (一、 （二） 3.).

In a .docx the labels are not characters of the text: a paragraph says "level 1 of list
7", and numbering.xml says how that list counts (一二三, 1 2 3, ①②③ …) and what it
prints ("（%2）"). Chinese documents number their clauses this way, so without the labels
the splitter would find no clause at all.
"""

from __future__ import annotations

from dataclasses import dataclass

from lxml import etree

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
CHINESE_DIGITS = "〇一二三四五六七八九"
LEGAL_DIGITS = "零壹贰叁肆伍陆柒捌玖"
HEAVENLY_STEMS = "甲乙丙丁戊己庚辛壬癸"
EARTHLY_BRANCHES = "子丑寅卯辰巳午未申酉戌亥"
CIRCLED = "①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳"
PARENTHESIZED = "⑴⑵⑶⑷⑸⑹⑺⑻⑼⑽⑾⑿⒀⒁⒂⒃⒄⒅⒆⒇"
FULL_STOPPED = "⒈⒉⒊⒋⒌⒍⒎⒏⒐⒑⒒⒓⒔⒕⒖⒗⒘⒙⒚⒛"
ROMAN = ((1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"), (90, "XC"))
ROMAN += ((50, "L"), (40, "XL"), (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I"))
BULLET = "•"  # what a reader sees for Symbol and Wingdings bullets


@dataclass(frozen=True)
class Level:
    """How one level of a list counts and what it prints."""

    format: str  # w:numFmt, e.g. chineseCounting, decimal
    text: str  # w:lvlText, e.g. "（%2）"
    start: int
    legal: bool  # w:isLgl: every level shown in Arabic digits
    separated: bool  # w:suff is a tab or a space (not "nothing")
    # w:lvlRestart: after which level's use this one counts again from its start, 1-based;
    # None (absent): after any earlier level's; 0: never (a national plan's （一）…（二十）
    # running on across 一、二、三、).
    restart: int | None = None

    def restarts_after(self, used: int) -> bool:
        """Whether using level ``used`` (0-based, earlier than this one) restarts this one."""
        return self.restart is None or (self.restart > 0 and used <= self.restart - 1)


class Numbering:
    """Labels for numbered paragraphs, counted in document order as Word counts them."""

    def __init__(self, numbering: etree._Element | None, styles: etree._Element | None):
        self.abstracts: dict[str, dict[int, Level]] = {}
        self.lists: dict[str, tuple[str, dict[int, int]]] = {}  # num id → abstract, starts
        self.style_lists = _style_lists(styles)
        if numbering is not None:
            self._read(numbering)
        self.counters: dict[str, dict[int, int]] = {}
        self.overridden: set[tuple[str, int]] = set()

    def _read(self, numbering: etree._Element) -> None:
        for abstract in numbering.iter(f"{W}abstractNum"):
            levels = {}
            for lvl in abstract.iter(f"{W}lvl"):
                levels[int(lvl.get(f"{W}ilvl", "0"))] = _level(lvl)
            self.abstracts[abstract.get(f"{W}abstractNumId", "")] = levels
        for num in numbering.iter(f"{W}num"):
            abstract_id = _value(num.find(f"{W}abstractNumId"), "")
            starts = {}
            for override in num.iter(f"{W}lvlOverride"):
                start = override.find(f"{W}startOverride")
                if start is not None:
                    starts[int(override.get(f"{W}ilvl", "0"))] = int(_value(start, "1"))
            self.lists[num.get(f"{W}numId", "")] = (abstract_id, starts)

    def label(self, paragraph: etree._Element) -> tuple[str, bool]:
        """The paragraph's label ('' when it has none) and whether a space follows it."""
        num_id, level = self._list_of(paragraph)
        if num_id is None or num_id not in self.lists:
            return "", False
        abstract_id, starts = self.lists[num_id]
        levels = self.abstracts.get(abstract_id, {})
        if level not in levels:
            return "", False
        counters = self.counters.setdefault(abstract_id, {})
        if level in starts and (num_id, level) not in self.overridden:
            self.overridden.add((num_id, level))
            counters[level] = starts[level] - 1
        counters[level] = counters.get(level, levels[level].start - 1) + 1
        for deeper in [key for key in counters if key > level]:
            if deeper not in levels or levels[deeper].restarts_after(level):
                del counters[deeper]  # a lower level counts again from its start
        text = levels[level].text
        for shown in range(9):
            marker = f"%{shown + 1}"
            if marker in text:
                value = counters.get(shown, levels.get(shown, levels[level]).start)
                fmt = levels.get(shown, levels[level]).format
                if levels[level].legal and shown != level:
                    fmt = "decimal"
                text = text.replace(marker, format_number(value, fmt))
        if levels[level].format == "bullet":
            text = "".join(BULLET if "\ue000" <= char <= "\uf8ff" else char for char in text)
        return text, levels[level].separated

    def _list_of(self, paragraph: etree._Element) -> tuple[str | None, int]:
        """The list id and level of a paragraph, from itself or from its style."""
        num_pr = paragraph.find(f"{W}pPr/{W}numPr")
        style = paragraph.find(f"{W}pPr/{W}pStyle")
        from_style = self.style_lists.get(style.get(f"{W}val", "")) if style is not None else None
        num_id = _value(num_pr.find(f"{W}numId"), None) if num_pr is not None else None
        level = _value(num_pr.find(f"{W}ilvl"), None) if num_pr is not None else None
        if num_id is None and from_style is not None:
            num_id, style_level = from_style
            level = level if level is not None else str(style_level)
        if num_id in (None, "0"):  # numId 0 switches a style's numbering off
            return None, 0
        return num_id, int(level or 0)


def _level(lvl: etree._Element) -> Level:
    suffix = _value(lvl.find(f"{W}suff"), "tab")
    return Level(
        format=_value(lvl.find(f"{W}numFmt"), "decimal"),
        text=_value(lvl.find(f"{W}lvlText"), ""),
        start=int(_value(lvl.find(f"{W}start"), "1")),
        legal=lvl.find(f"{W}isLgl") is not None,
        separated=suffix != "nothing",
        restart=_restart(lvl.find(f"{W}lvlRestart")),
    )


def _restart(element: etree._Element | None) -> int | None:
    value = _value(element, None)
    return int(value) if value is not None and value.isdigit() else None


def _value(element: etree._Element | None, default):
    if element is None:
        return default
    return element.get(f"{W}val", default)


def _style_lists(styles: etree._Element | None) -> dict[str, tuple[str, int]]:
    """Paragraph styles that number their paragraphs (标题 1 linked to a list), by style id."""
    if styles is None:
        return {}
    based_on, own = {}, {}
    for style in styles.iter(f"{W}style"):
        style_id = style.get(f"{W}styleId", "")
        parent = style.find(f"{W}basedOn")
        if parent is not None:
            based_on[style_id] = _value(parent, "")
        num_pr = style.find(f"{W}pPr/{W}numPr")
        if num_pr is not None:
            own[style_id] = (
                _value(num_pr.find(f"{W}numId"), "0"),
                int(_value(num_pr.find(f"{W}ilvl"), "0")),
            )
    found = {}
    for style_id in set(based_on) | set(own):
        current, seen = style_id, set()
        while current and current not in own and current not in seen:
            seen.add(current)
            current = based_on.get(current, "")
        if current in own:
            found[style_id] = own[current]
    return found


def format_number(value: int, fmt: str) -> str:
    """``value`` written as a list of format ``fmt`` writes it (w:numFmt)."""
    if fmt in ("chineseCounting", "chineseCountingThousand", "japaneseCounting"):
        return chinese_numeral(value)
    if fmt in ("taiwaneseCounting", "taiwaneseCountingThousand"):
        return chinese_numeral(value)
    if fmt == "chineseLegalSimplified":
        return chinese_numeral(value, LEGAL_DIGITS, "拾佰仟")
    if fmt == "ideographDigital":
        return "".join(CHINESE_DIGITS[int(digit)] for digit in str(value))
    tables = {
        "ideographTraditional": HEAVENLY_STEMS,
        "ideographZodiac": EARTHLY_BRANCHES,
        "decimalEnclosedCircle": CIRCLED,
        "decimalEnclosedCircleChinese": CIRCLED,
        "decimalEnclosedParen": PARENTHESIZED,
        "decimalEnclosedFullstop": FULL_STOPPED,
    }
    if fmt in tables:
        table = tables[fmt]
        return table[value - 1] if 1 <= value <= len(table) else str(value)
    if fmt in ("decimalFullWidth", "decimalFullWidth2"):
        return "".join(chr(ord(digit) + 0xFEE0) for digit in str(value))
    if fmt == "decimalZero":
        return f"{value:02d}"
    if fmt in ("upperRoman", "lowerRoman"):
        roman = _roman(value)
        return roman if fmt == "upperRoman" else roman.lower()
    if fmt in ("upperLetter", "lowerLetter"):
        letter = chr(ord("A") + (value - 1) % 26) * ((value - 1) // 26 + 1)
        return letter if fmt == "upperLetter" else letter.lower()
    if fmt in ("none", "bullet"):
        return ""
    return str(value)


def chinese_numeral(value: int, digits: str = CHINESE_DIGITS, units: str = "十百千") -> str:
    """一, 十, 十一, 二十, 一百零五: as Chinese documents count their clauses."""
    if value <= 0:
        return digits[0]
    if value >= 10000:
        return str(value)
    parts = []
    zero = False
    for power, unit in ((1000, units[2]), (100, units[1]), (10, units[0]), (1, "")):
        digit = value // power % 10
        if digit:
            if zero:
                parts.append("零" if digits == CHINESE_DIGITS else digits[0])
            parts.append(digits[digit] + unit)
            zero = False
        elif parts:
            zero = True
    text = "".join(parts)
    # 十一, not 一十一, when the number starts with ten (in everyday numerals).
    if digits == CHINESE_DIGITS and 10 <= value < 20:
        text = text[1:]
    return text


def _roman(value: int) -> str:
    parts = []
    for amount, letters in ROMAN:
        count, value = divmod(value, amount)
        parts.append(letters * count)
    return "".join(parts)

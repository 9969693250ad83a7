"""Long numbers printed against Chinese text, spaced apart for the index only.

Pagefind's Chinese segmenter cuts a number that touches a Chinese character into single
digits: 中国工商银行客服95588 is indexed as 客服 9 5 5 8 8, so a reader who types 95588 finds
nothing. A space on the Chinese side keeps the number one word. The space goes into what
Pagefind reads, never into the page: the text a reader sees and copies is the document's.
Runs of five digits or more are spaced (hotlines, accounts, postcodes), and amounts in yuan
of any length (每件补贴不超过2000元: a poster says 2000元); years, dates and clause numbers stay
as the index has always had them.
"""

from __future__ import annotations

import re

MIN_DIGITS = 5
# A tag, kept as it is (attribute values are Pagefind's filters and result metadata), or text.
TAG_OR_TEXT = re.compile(r"(<[^>]*>)")
# A number the index keeps whole: a long one (95588), or an amount in yuan (2000元, 50万元).
WHOLE_NUMBER = re.compile(rf"(?<![0-9.])(?:[0-9]{{{MIN_DIGITS},}}|[0-9]+(?=[万亿]?元))(?![0-9])")
CHINESE = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")


def space_glued_numbers(html: str) -> str:
    """``html`` with a space between each whole number and a Chinese character it touches."""
    parts = TAG_OR_TEXT.split(html)
    for number in range(0, len(parts), 2):  # the even parts are text, the odd ones tags
        if WHOLE_NUMBER.search(parts[number]):
            parts[number] = WHOLE_NUMBER.sub(_spaced, parts[number])
    return "".join(parts)


def _spaced(match: re.Match[str]) -> str:
    text, start, end = match.string, match.start(), match.end()
    before = " " if start > 0 and CHINESE.match(text[start - 1]) else ""
    after = " " if end < len(text) and CHINESE.match(text[end]) else ""
    return before + match.group(0) + after

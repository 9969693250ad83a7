"""What the search box knows about words, for the browser to understand a query.

Pagefind's extended build segments Chinese page text itself (charabia, jieba's
dictionary with HMM off) and matches each query word against the words it indexed: a
word that *starts with* the query word, or else the longest indexed word the query word
starts with. An unspaced query is one word to it, so 以旧换新补贴 meets only 以 (the
index cut 以旧换新 into 以/旧/换新). The browser (``search-query.js``) therefore cuts a
query into the fewest, longest pieces known to the very words in the index, read back from its
chunks (``chunk_words``), plus the taxonomy's terms, filler words and synonyms
(``query_lexicon``): the query is cut the way the pages were.

Pure: the index's decoded values in, words and plain dicts out; the search layer reads and
writes the files (``search/pagefind_files.py``).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from generator.core.model import Column, Source
from generator.core.rules import ENDED, release_date, source_status
from generator.core.search_fields import item_year

# Words are shipped in this many files, by their first character: a query fetches the
# few files of its own characters (2 to 6 small files), not the whole vocabulary.
WORD_BUCKETS = 64

# Words people put around what they look for. They stay in the search box, are shown as
# left out, and are not sent to the index (every page would need to contain them).
FILLERS = (
    "怎么",
    "怎样",
    "怎么样",
    "如何",
    "多少",
    "多少钱",
    "哪里",
    "哪儿",
    "哪些",
    "哪些人",
    "什么人",
    "哪个",
    "什么",
    "可以",
    "能否",
    "能不能",
    "是否",
    "有没有",
    "有哪些",
    "请问",
    "一下",
    "我想",
    "我要",
    "我家",
    "我们",
    "需要",
    "应该",
    "吗",
    "呢",
    "吧",
    "啊",
    "的",
    "了",
    "么",
    "我",
    "想",
    "要",
    "能",
    "去",
    "有",
    "是",
    "在",
    "给",
    "都",
    "还",
    "几",
    "什么时候",
    "多久",
    "怎么办",
    "弄",  # 以旧换新怎么弄
    # A count of what is bought (空调补贴多少钱一台, 我想换个冰箱): not what the policies say.
    "个",
    "一个",
    "一台",
    "一辆",
    "一件",
    "几个",
    "几台",
    "几辆",
    "几件",
    # The verb of every consumer question (买空调有补贴吗): the policies say 购买 or name the
    # goods, and a lone 买 would match only titles that start a word with it (买数码产品时…).
    "买",
    "？",
    "?",
)

# Words that mean the reader cares about when one can apply, until when (什么时候截止, 结束) or
# from when (什么时候开始): they are left out of the matching, and the results are the items
# with a 申报截止 date (and their 申报开始), the nearest first. 什么时候 and 多久 are fillers: the
# words around them say what is asked (补贴什么时候到账 asks for the payout).
DEADLINE_WORDS = ("截止日期", "截止时间", "截至", "截止", "期限", "到期", "结束", "开始")

# What people type (first) next to what the policies say (the rest): the first word also finds
# the others. The taxonomy adds each sector's keywords as narrower words of its name.
SYNONYMS: tuple[tuple[str, ...], ...] = (
    ("买车", "购车", "购买汽车", "购置汽车"),
    ("卖车", "销售汽车", "汽车销售"),
    ("旧车", "报废更新", "置换更新"),
    ("新车", "购车"),
    ("手机", "数码产品", "手机购新"),
    ("平板电脑", "平板", "数码产品"),
    ("老人", "老年人", "老年", "适老化"),
    ("电动车", "电动自行车"),
    ("冰箱", "电冰箱"),
    ("电视", "电视机"),
    ("油烟机", "吸油烟机"),
    ("燃气灶", "家用灶具"),
    ("装修", "家装", "旧房装修"),
    ("补助", "补贴", "奖补"),
    ("国补", "以旧换新", "国家补贴"),  # what people call the national trade-in subsidy
    ("领补贴", "申领补贴", "领取补贴"),
    ("申请", "申报", "申领", "领取"),
    ("领", "申领", "领取"),
    ("电话", "咨询电话", "客服电话"),
    ("热线", "咨询电话", "客服电话"),
    ("打电话", "咨询电话"),
    ("商家", "销售企业", "经销商"),
    ("厂家", "生产企业"),
    ("居民", "个人消费者", "消费者"),
    ("个人", "个人消费者"),
    ("老百姓", "个人消费者"),
    ("小微企业", "中小企业"),
    ("农机", "农业机械"),
    ("贷款", "信贷", "贴息"),
    ("旧家电", "废旧家电"),
    ("回收旧家电", "废旧家电回收"),
    ("充电桩", "充电设施"),
    ("资料", "材料"),
    ("入口", "平台", "活动页面"),  # 补贴申请入口: where to apply, as the notices name it
    ("垫资", "垫付"),
    ("到账", "发放", "兑付", "拨付"),  # 补贴什么时候到账
    ("最多", "最高", "不超过"),  # 最多补多少
    ("万", "万元"),  # 补贴1.5万: the policies print 1.5万元
    # Slips of the pinyin keyboard: the same syllables, another character.
    ("以旧还新", "以旧换新"),
    ("已旧换新", "以旧换新"),
    ("补帖", "补贴"),
    # Energy grades as people say them; the rules print them with digits (2级及以上能效).
    ("一级", "1级"),
    ("二级", "2级"),
    ("三级", "3级"),
    ("带什么", "申报材料"),
    # Question words are left out of the search; a title asking the same question in other
    # words (怎样领取家电补贴资格 for 以旧换新补贴怎么申请) still counts as naming it.
    ("怎么", "怎样", "如何"),
    ("怎样", "怎么", "如何"),
    ("如何", "怎么", "怎样"),
)


# In an index chunk a page's locations of a word come in runs of one weight, each run after
# a marker -(weight + 1), the weight stored × 24 (cut to a whole number). Three weights say
# what and whose a page is: its title (``data-pagefind-weight="10"``: 240; a document's 文号
# too, on its own page), an item's 行业 (``"0.55"``: 13) and its document's issuer (``"0.6"``:
# 14), weights no other part of a page has (``overrides/fragments/item.html``).
TITLE_MARKER = -241
SECTOR_MARKER = -14
ISSUER_MARKER = -15
NAMING_MARKERS = (TITLE_MARKER, SECTOR_MARKER, ISSUER_MARKER)


@dataclass(frozen=True)
class IndexWord:
    """One word of an index chunk: how many pages have it, and the numbers of the pages that
    name it in their title, 行业 or issuer (their locations, the bulk of the chunk, are not
    kept)."""

    word: str
    pages: int
    named: tuple[int, ...]


@dataclass(frozen=True)
class WordCost:
    """What searching one word costs the browser: the index chunk Pagefind fetches for it
    (numbered in word order), how many pages have the word, and which name it in their
    title, 行业 or issuer (the browser ranks a page higher the more of the query it names
    so)."""

    pages: int
    chunk: int
    named: tuple[int, ...] = ()


def chunk_words(chunk: list) -> list[IndexWord]:
    """A decoded index chunk's words (``[[word, [[page, locations]…]]…]``), in its order."""
    return [
        IndexWord(word, len(pages), tuple(page for page, places in pages if _names(places)))
        for word, pages in chunk[0]
    ]


def _names(places: list[int]) -> bool:
    return any(marker in places for marker in NAMING_MARKERS)


def word_costs(
    chunks: Iterable[tuple[list[IndexWord], int]],
) -> tuple[dict[str, WordCost], list[int]]:
    """Every word of the index chunks (each as ``chunk_words`` gives it, with its size in
    bytes) with its cost, and each chunk's size, the chunks numbered in the order of their
    words (as Pagefind's metadata lists them)."""
    ordered = sorted(chunks, key=lambda chunk: chunk[0][0].word)
    costs = {
        one.word: WordCost(one.pages, number, one.named)
        for number, (words, _size) in enumerate(ordered)
        for one in words
    }
    return costs, [size for _words, size in ordered]


def bucket_of(word: str) -> int:
    """Which word file holds ``word``: by its first character (``search-query.js`` agrees)."""
    return ord(word[0]) % WORD_BUCKETS


def word_buckets(words: Iterable[str]) -> dict[int, list[str]]:
    """The words split by first character, each list sorted (empty buckets too)."""
    buckets: dict[int, list[str]] = {number: [] for number in range(WORD_BUCKETS)}
    for word in words:
        if word:
            buckets[bucket_of(word)].append(word)
    return {number: sorted(found) for number, found in buckets.items()}


def word_files(costs: dict[str, WordCost]) -> dict[int, dict[str, list]]:
    """The browser's word files: per bucket its words, sorted, and beside each the pages
    that have it, the number of its index chunk and the pages that name it in their title,
    行业 or issuer (page numbers as gaps from the one before: small numbers, a third of the
    bytes)."""
    return {
        number: {
            "words": words,
            "pages": [costs[word].pages for word in words],
            "chunks": [costs[word].chunk for word in words],
            "named": [_gaps(costs[word].named) for word in words],
        }
        for number, words in word_buckets(costs).items()
    }


def theme_file(pages_by_theme: dict[str, list[int]]) -> dict[str, list[int]]:
    """The browser's theme file: each 主题's pages (numbers as gaps, as in the word files): a
    clause names a word that names its theme (``theme_words``). A column's clauses of one
    document are neighbours, so at 10 000 items it is 1 KiB gzipped, where Pagefind's own
    filter file for 主题 is 30."""
    return {name: _gaps(pages) for name, pages in sorted(pages_by_theme.items())}


def _gaps(numbers: Iterable[int]) -> list[int]:
    """Sorted numbers as the first and then each one's distance from the one before."""
    gaps, last = [], 0
    for number in sorted(numbers):
        gaps.append(number - last)
        last = number
    return gaps


# Queries that name a part of the column rather than a policy: word → (title, site path).
SHORTCUTS = {
    "政策包": ("政策包", "packages/"),
    "礼包": ("政策包", "packages/"),
    "政策清单": ("政策清单", "list/"),
    "清单": ("政策清单", "list/"),
    "我能享受哪些政策": ("我能享受哪些政策", "finder/"),
    "能享受哪些政策": ("我能享受哪些政策", "finder/"),
    "享受哪些政策": ("我能享受哪些政策", "finder/"),
    "宣传排期": ("宣传排期", "schedule/"),
    "订阅": ("订阅", "feeds/"),
    "政策原文": ("政策原文", "sources/"),
}


def query_lexicon(column: Column, shortcuts: dict[str, tuple[str, str]] = SHORTCUTS) -> dict:
    """What the browser needs besides the index's words: one small file, sorted."""
    taxonomy = column.taxonomy
    terms: set[str] = set()
    for kind in ("themes", "sectors", "audiences", "levels", "issuers"):
        for term in taxonomy.vocabulary(kind).terms:
            terms.add(term.name)
            terms.update(term.keywords)
    groups = [list(group) for group in SYNONYMS]
    # A sector's keyword also finds the sector's name (冰箱补贴 finds the 家电 subsidy), not
    # the other way round (家电 would find every clause naming a 空调).
    broader: dict[str, list[str]] = {}
    for term in taxonomy.sectors.terms:
        for keyword in term.keywords:
            if keyword != term.name:
                broader.setdefault(keyword, []).append(term.name)
    for group in groups:
        terms.update(group)
    return {
        "sectors": sector_words(column, groups),
        "themes": theme_words(column),
        # Sectors no item is filed under: a query about one is told so (手机补贴 → 数码产品).
        "empty_sectors": sorted(
            term.name
            for term in taxonomy.sectors.terms
            if not any(term.id in item.sectors for item in column.items)
        ),
        "broader": {word: sorted(names) for word, names in sorted(broader.items())},
        "deadline": sorted(DEADLINE_WORDS, key=lambda w: (-len(w), w)),
        "fillers": sorted(FILLERS, key=lambda w: (-len(w), w)),
        "shortcuts": {word: list(page) for word, page in sorted(shortcuts.items())},
        "synonyms": groups,
        "terms": sorted(terms | set(shortcuts)),
        "buckets": WORD_BUCKETS,
        # The 发文年份 filter's values, newest first: 最新发布 orders results by them.
        "years": sorted({year for item in column.items if (year := item_year(item))}, reverse=True),
    }


def sector_words(column: Column, groups: list[list[str]]) -> dict[str, str]:
    """Words that name a sector (its name, its keywords, their synonyms) → the sector's name.

    A query naming a sector means that sector's policies: 手机补贴 is about 数码产品, not
    the car subsidy that asks for a 手机号码. The more specific sector wins a shared word.
    """
    named: dict[str, str] = {}
    for term in column.taxonomy.sectors.terms:
        for word in (term.name, *term.keywords):
            named.setdefault(word, term.name)
    for group in groups:
        sectors = {named[word] for word in group if word in named}
        if len(sectors) == 1:
            (sector,) = sectors
            for word in group:
                named.setdefault(word, sector)
    return dict(sorted(named.items()))


def theme_words(column: Column) -> dict[str, list[str]]:
    """Words that name a theme → the themes they name: its name and the keywords its name
    holds (以旧换新 of 消费品以旧换新, 回收 of 回收循环利用).

    A page filed under 消费品以旧换新 is about 以旧换新 whether its title says so or not
    (汽车消费补贴活动时间): the browser counts the theme as naming the word. The keywords that
    only tag a clause into the theme (补贴资格, 购车补贴) ask for that clause, not the theme.
    """
    named: dict[str, set[str]] = {}
    for term in column.taxonomy.themes.terms:
        for word in (term.name, *term.keywords):
            if word in term.name:
                named.setdefault(word, set()).add(term.name)
    return {word: sorted(names) for word, names in sorted(named.items())}


def exact_lookups(column: Column, today: date) -> dict:
    """文号 (document numbers) with their documents, for a query that is one or a part of one.

    In the order a reader typing only a part (鲁商字, 汨政办函) is shown them: in force before
    ended, the newest first. A county office issues a hundred 汨政办函 a year; the one meant is
    most often the current one.
    """

    def key(source: Source) -> tuple:
        day = release_date(source)
        return (source_status(source, today) in ENDED, -(day.toordinal() if day else 0))

    ordered = sorted(
        (s for s in column.sources if s.doc_number), key=lambda s: (key(s), s.doc_number)
    )
    return {"numbers": [[s.doc_number, source_path(s), s.title] for s in ordered]}


def source_path(source: Source) -> str:
    return f"sources/{source.slug}/"


def even_page_lengths(pages: list) -> list:
    """Pagefind's pages ``[fragment, words]`` with every page's word count set to their mean.

    Only BM25's length normalisation reads a page's own count, and the search page ranks
    with ``termFrequency: 0``, which leaves BM25 out; the mean, which scales every page's
    score alike, stays. Ten thousand different counts are a third of the metadata every
    first search downloads (16 of 46 KiB at 10 464 pages); one repeated count is nothing.
    """
    mean = round(sum(words for _fragment, words in pages) / len(pages)) if pages else 0
    return [[fragment, mean] for fragment, _words in pages]

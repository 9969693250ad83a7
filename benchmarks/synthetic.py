"""A synthetic ``policies/`` folder of any size, made of the sample documents' own sentences.

``write_synthetic_policies(root, items)`` writes a complete input folder: the project's
``taxonomy.yml`` (with the issuers of the synthetic offices added), ``sources/*.yml`` whose
clauses each reword one sample clause (its heading and sentences, then other real sentences)
in the numbering styles of the sample sources (一、 / （一） / 1. / （1） / ① / 第X章 第X条),
document metadata, default tags, per-clause overrides with that clause's 申兑指南 facts, a
few hand-written documents, and ``schedule.yml`` when the project has one. A clause under a
heading such as 补贴标准 thus states a subsidy standard, as a real document's would.

Each document speaks in its own voice (``synthetic_voices.py``): its office's places,
platform and hotline, its subject's products, its own wording, its own figures and one
application window, so no item is a word-for-word twin of a sample item. The same ``seed``
writes the same bytes; every document splits into exactly the number of items planned for
it, with no splitter warning, so the folder passes ``policy-column check --strict``.
"""

from __future__ import annotations

import argparse
import json
import random
import re
from dataclasses import dataclass, field
from datetime import date, timedelta
from functools import cache
from pathlib import Path

import yaml

from benchmarks.synthetic_voices import OFFICES, Office, Voice, make_voice, pick_office
from generator.core.numbering import LABEL
from generator.core.split import split_body

PROJECT = Path(__file__).resolve().parent.parent
SAMPLE_POLICIES = PROJECT / "policies"
# More real text of the same kind: a Jinan notice imported from its PDF (tests use it too).
EXTRA_SOURCES = (PROJECT / "tests/data/imports/jn-2025-first-insurance-voucher.yml",)
# The last day a synthetic document may be published: the benchmarks build ``--as-of`` it.
UNTIL = date(2025, 3, 1)

ITEMS_PER_SOURCE = 25  # the sample documents give 10 to 40 items each
MAX_LEAF = 520  # characters of one clause: below the splitter's 600, so it stays one item
MIN_SPLIT_CHILD = 330  # a clause of a part that is split: two of them exceed 600
CN_NUMERALS = "一二三四五六七八九十"
CIRCLED = "①②③④⑤⑥⑦⑧⑨⑩"
# Characters a body line must not start with unless it is meant as numbering.
NUMBER = re.compile(r"\d+(?![\d月日时])")  # dates keep their day and month
CITED = re.compile(r"[\u4e00-\u9fff]{1,6}〔(\d{4})〕\d+号")  # a 文号 the text cites
OFFICE = re.compile(r"[局委厅部办]$")  # "市财政局" heads a list of duties, not a clause
LABEL_LIKE = re.compile(r"[0-9０-９第（(①-⑳一二三四五六七八九十〇零百]")
HEADING = re.compile(r"[^。；;，,：:（()）]{2,16}")  # after a label: 补贴范围, 申领程序 …
RUN_IN = re.compile(r"([^。；;，,：:（()）]{2,16})[。：:]")  # 平台运作。参与活动企业…

# What a document is about: its title's subject, the tags its items default to, and whose
# products its text names (``synthetic_voices.PRODUCTS``).
TOPICS = [
    ("家电以旧换新补贴", ["两新", "消费品以旧换新"], ["家电"], ["个人消费者"], "appliances"),
    ("汽车消费补贴", ["两新", "消费品以旧换新"], ["汽车"], ["个人消费者", "销售企业"], "cars"),
    ("汽车报废更新和置换更新", ["消费品以旧换新"], ["汽车"], ["个人消费者"], "cars"),
    (
        "电动自行车以旧换新",
        ["消费品以旧换新"],
        ["电动自行车"],
        ["个人消费者", "回收企业"],
        "ebikes",
    ),
    ("家装厨卫“焕新”", ["消费品以旧换新"], ["家装厨卫"], ["个人消费者", "销售企业"], "home"),
    ("手机等数码产品购新补贴", ["消费品以旧换新"], ["数码产品"], ["个人消费者"], "digital"),
    ("大规模设备更新", ["两新", "大规模设备更新"], ["工业"], ["规上企业", "中小企业"], "equipment"),
    (
        "工业领域设备更新和技术改造",
        ["大规模设备更新"],
        ["工业"],
        ["规上企业", "民营企业"],
        "equipment",
    ),
    ("农业机械报废更新", ["大规模设备更新"], ["农业农机"], ["农户", "个体工商户"], "farm"),
    (
        "老旧营运货车报废更新",
        ["大规模设备更新"],
        ["交通运输"],
        ["个体工商户", "中小企业"],
        "trucks",
    ),
    ("设备更新贷款财政贴息", ["大规模设备更新"], ["金融"], ["中小企业", "金融机构"], "equipment"),
    ("教育和医疗设备更新", ["大规模设备更新"], ["教育", "医疗"], ["社会组织"], "equipment"),
    ("废旧物资回收体系建设", ["回收循环利用"], ["回收利用"], ["回收企业"], "recycling"),
    ("能效水效标准提升", ["标准提升"], ["节能环保", "家电"], ["生产企业"], "appliances"),
    (
        "重大项目建设和超长期特别国债项目",
        ["两重", "国家重大战略实施"],
        ["综合"],
        ["成员单位"],
        "equipment",
    ),
    ("重点领域安全能力建设", ["重点领域安全能力建设"], ["能源", "综合"], ["国有企业"], "equipment"),
    ("“两重”“两新”政策落实", ["两重", "两新"], ["综合"], ["规上企业", "民营企业"], "equipment"),
    (
        "养老托育和居家适老化改造",
        ["消费品以旧换新"],
        ["养老托育", "家装厨卫"],
        ["个人消费者"],
        "elderly",
    ),
    ("商贸流通和消费新场景", ["两新"], ["商贸流通", "文旅"], ["销售企业", "个体工商户"], "trade"),
    (
        "住宅老旧电梯更新",
        ["大规模设备更新"],
        ["建筑房地产"],
        ["社会组织", "个人消费者"],
        "equipment",
    ),
]
CATEGORIES = ["减免类", "奖补类", "权益类", "资质类"]
ALL_AUDIENCES = ["个人消费者", "销售企业", "生产企业", "中小企业", "规上企业", "回收企业"]


INTERNAL_AUDIENCES = {"政府部门", "成员单位", "工作人员"}
# The overrides' text facts a synthetic clause takes from one sample clause.
TEXT_FACTS = ("title", "summary", "who", "amount", "max_amount", "conditions", "how_to_apply")
FACT_KEYS = (*TEXT_FACTS, "payout", "materials")
APPLYING = "applying"  # marks a sample clause about applying, which a document's window dates


@dataclass(frozen=True)
class SampleClause:
    """One clause of a sample source: its heading and its own sentences, in order."""

    head: str  # 补贴资格领取, 申领程序 …: the last heading before its text
    sentences: tuple[str, ...]
    origin: str | None  # its item id, for the four sample sources the column holds
    subject: str  # "cars", "goods" (家电) or "any": which documents may reword it


@dataclass
class Fragments:
    """Real text of the sample sources, cut into reusable pieces."""

    sentences: list[str]  # full sentences, each ending in 。
    openers: list[str]  # the first phrase of each sentence, up to its first comma
    phrases: list[str]  # the later phrases of each sentence, between commas
    headings: list[str]  # short clause headings: 补贴范围, 组织架构 …
    # Headings of the parts whose clauses are items of their own: 主要任务, 组织实施 …
    part_headings: list[str]
    list_lines: list[str]  # short list entries: 购车人身份证原件正反面照片 …
    # The 申兑指南 facts the policy team wrote for a sample item (title and 要点 together),
    # by its id: a synthetic clause rewording that item may have them too, in its voice.
    facts: dict[str, dict] = field(default_factory=dict)
    preambles: list[str] = field(default_factory=list)
    # Whole clauses: a synthetic clause under a sample heading says what that clause says.
    clauses: list[SampleClause] = field(default_factory=list)


@cache
def sample_fragments() -> Fragments:
    """Sentences, headings and override values of the project's sample sources."""
    sentences: set[str] = set()
    headings: set[str] = set()
    list_lines: set[str] = set()
    preambles: set[str] = set()
    part_headings: set[str] = set()
    facts: dict[str, dict] = {}
    clauses: list[SampleClause] = []
    for path in [*sorted((SAMPLE_POLICIES / "sources").glob("*.yml")), *EXTRA_SOURCES]:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        body = data.get("body") or ""
        split = split_body(body)
        for line in split.preamble.splitlines():
            if line.startswith("为") and len(line) > 40:
                preambles.add(line.strip())
        in_column = path.parent == SAMPLE_POLICIES / "sources"
        sectors = data.get("sectors") or []
        subject = "cars" if "汽车" in sectors else "goods" if "家电" in sectors else "any"
        for piece in split.pieces:
            if piece.breadcrumb:  # "三、主要任务": the part heading over this clause
                part = LABEL.match(piece.breadcrumb[0])
                part_headings.add(piece.breadcrumb[0][part.end() if part else 0 :].strip())
            for line in piece.text.splitlines():
                _collect_line(line, sentences, headings, list_lines)
            origin = f"{path.stem}/{piece.path}" if in_column else None
            clause = sample_clause(piece.text, origin, subject)
            if clause:
                clauses.append(clause)
        for clause, values in (data.get("overrides") or {}).items():
            kept = {
                key: value
                for key, value in (values or {}).items()
                if key in FACT_KEYS and isinstance(value, str | list) and value
            }
            if (values or {}).get("deadline") or "how_to_apply" in kept:
                kept[APPLYING] = True  # a clause the policy team dates: 活动时间, 怎么申报
            if "title" in kept and in_column:
                facts[f"{path.stem}/{clause}"] = kept

    def usable(texts: set[str]) -> list[str]:
        return sorted(text for text in texts if not LABEL_LIKE.match(text))

    openers: set[str] = set()
    phrases: set[str] = set()
    for sentence in sentences:
        first, *rest = re.split(r"[，,；]", sentence.removesuffix("。"))
        if 4 <= len(first) <= 60:
            openers.add(first)
        phrases.update(phrase for phrase in rest if 4 <= len(phrase) <= 60)
    return Fragments(
        sentences=usable(sentences),
        openers=usable(openers),
        phrases=sorted(phrases),
        headings=usable(headings),
        part_headings=usable(part_headings),
        list_lines=usable(list_lines),
        facts=facts,
        preambles=sorted(preambles),
        clauses=clauses,
    )


def sample_clause(text: str, origin: str | None, subject: str) -> SampleClause | None:
    """The clause ``text`` as a heading and its sentences; None if it lacks either."""
    head, sentences = "", []
    for line in text.splitlines():
        label = LABEL.match(line)
        rest = (line[label.end() :] if label else line).strip()
        if label and HEADING.fullmatch(rest) and not sentences:
            head = rest
            continue
        run_in = RUN_IN.match(rest) if label else None
        if run_in and not head:
            head, rest = run_in.group(1), rest[run_in.end() :]
        sentences += _sentences(rest)
    if not head or OFFICE.search(head) or LABEL_LIKE.match(head) or not sentences:
        return None
    return SampleClause(head, tuple(sentences), origin, subject)


def _collect_line(line: str, sentences: set[str], headings: set[str], list_lines: set[str]) -> None:
    label = LABEL.match(line)
    rest = line[label.end() :] if label else line
    rest = rest.strip()
    if label:
        if HEADING.fullmatch(rest) and not OFFICE.search(rest):
            headings.add(rest)
        if re.fullmatch(r"[^。]{6,40}[；;。]?", rest) and "：" not in rest:
            list_lines.add(rest.rstrip("；;。"))
    sentences.update(_sentences(rest))


def _sentences(text: str) -> list[str]:
    """The whole sentences of ``text`` that a synthetic clause may reuse, in order."""
    found = (sentence.strip() for sentence in re.findall(r"[^。]+。", text))
    return [s for s in found if 14 <= len(s) <= 180 and not LABEL_LIKE.match(s)]


class Writer:
    """Draws documents from the fragments with one random generator, in one document's voice."""

    def __init__(self, rng: random.Random):
        self.rng = rng
        self.text = sample_fragments()
        self.clauses = {
            subject: [clause for clause in self.text.clauses if clause.subject in (subject, "any")]
            for subject in ("cars", "goods")
        }
        # Which documents may reword a sample item: "cars", "goods" or "any" (the work plan).
        self.subjects = {clause.origin: clause.subject for clause in self.text.clauses}
        self.voice: Voice | None = None  # set for each document
        self.drawn: set[SampleClause] = set()  # the clauses one body has reworded so far
        # 文号 given so far; the sample's are taken (check warns about a 文号 used twice).
        self.numbers = {
            yaml.safe_load(path.read_text(encoding="utf-8")).get("doc_number")
            for path in (SAMPLE_POLICIES / "sources").glob("*.yml")
        }

    def doc_number(self, prefix: str, year: int) -> str:
        """A new 文号 of ``prefix`` in ``year``, numbered as offices number theirs (1 to 199)."""
        while True:
            number = f"{prefix}〔{year}〕{self.rng.randint(1, 199)}号"
            if number not in self.numbers:
                self.numbers.add(number)
                return number

    def pick(self, values: list):
        return values[self.rng.randrange(len(values))]

    def pick_text(self, values: list[str]) -> str:
        """A sample text in this document's voice."""
        return self.say(self.pick(values))

    def say(self, text: str) -> str:
        """``text`` in this document's words, with its own figures and cited 文号."""
        if self.voice is not None:
            text = self.voice.apply(text)
            text = CITED.sub(self.cite, text)
        return NUMBER.sub(self.vary_number, text)

    def cite(self, match: re.Match) -> str:
        """A 文号 the text cites, as one of this office's own that is not in the column."""
        _issuers, prefix = self.pick(list(self.voice.office.issuers))
        return f"{prefix}〔{match.group(1)}〕{self.rng.randint(200, 999)}号"

    def sentence(self) -> str:
        """A real sentence, or a new one joined from real phrases, its figures changed."""
        if self.rng.random() < 0.3:
            sentence = self.pick(self.text.sentences)
        else:
            phrases = [self.pick(self.text.openers)]
            phrases += [self.pick(self.text.phrases) for _ in range(self.rng.randint(1, 3))]
            sentence = "，".join(phrases) + "。"
        return self.say(sentence)

    def vary_number(self, match: re.Match) -> str:
        """Another figure of the same length: amounts and days differ between documents."""
        digits = match.group()
        if len(digits) == 4 and digits.startswith("20"):
            return digits  # a year
        if len(digits) >= 7:
            return digits  # a phone number: the voice's own already
        # Within half of the sample's figure either way: 12类 → 8类, 15% → 20%, 2000元 → 1500元.
        value = int(digits)
        return str(max(1, round(value * self.rng.uniform(0.5, 1.5))))

    def draw(self) -> SampleClause:
        """A sample clause for a synthetic one to reword: a car document rewords the car
        subsidy's clauses, any other the appliance rules' (with its own products named);
        both reword the work plan's. A body says each clause once, until it has said them all."""
        subject = "cars" if self.voice.goods == "cars" else "goods"
        fresh = [clause for clause in self.clauses[subject] if clause not in self.drawn]
        if not fresh:
            self.drawn.clear()
            fresh = self.clauses[subject]
        clause = self.pick(fresh)
        self.drawn.add(clause)
        return clause

    def paragraph(self, low: int, high: int, drawn: SampleClause | None = None) -> str:
        """Sentences joined until the text is between ``low`` and ``high`` characters: the
        ``drawn`` clause's own first, in this voice, then new ones."""
        target = self.rng.randint(low, high)
        own = [self.say(sentence) for sentence in drawn.sentences] if drawn else []
        text = ""
        while len(text) < target:
            sentence = own.pop(0) if own else self.sentence()
            if len(text) + len(sentence) > high:
                if len(text) >= low:
                    break
                sentence = sentence[: max(high - len(text) - 1, 8)].rstrip("，、；") + "。"
            text += sentence
        return text

    def clause(self, label: str, size: int, drawn: SampleClause, lists: bool = True) -> list[str]:
        """One clause of about ``size`` characters rewording ``drawn``: its run-in heading,
        its text, maybe a list.

        Without a ``label`` (the body of a 第X条 whose heading has its own line) there is
        no run-in heading either.
        """
        head = f"{label}{self.say(drawn.head)}。" if label else ""
        lines = [head + self.paragraph(size // 3, size // 2, drawn)]
        if lists and self.rng.random() < 0.3:
            style = self.pick(["digit", "paren", "circled"])
            count = self.rng.randint(2, 4)
            for n in range(1, count + 1):
                entry = self.pick_text(self.text.list_lines)
                if style == "digit":
                    lines.append(f"{n}.{entry}；")
                elif style == "paren":
                    lines.append(f"（{n}）{entry}；")
                else:
                    lines.append(f"{CIRCLED[n - 1]}{entry}；")
            lines[-1] = lines[-1].rstrip("；") + "。"
        while sum(len(line) + 1 for line in lines) < size - 60:
            lines.append(self.paragraph(40, max(size - sum(len(x) for x in lines) - 10, 41)))
        return _fit(lines, MAX_LEAF)


def _fit(lines: list[str], limit: int) -> list[str]:
    """Drop trailing lines (never the first) until the clause is at most ``limit`` characters."""
    while len(lines) > 1 and sum(len(line) + 1 for line in lines) > limit:
        lines.pop()
    if len(lines[0]) > limit:
        lines[0] = lines[0][: limit - 1].rstrip("，、；") + "。"
    return lines


@dataclass
class Document:
    """One synthetic source file before it is written."""

    slug: str
    meta: dict
    body: str = ""
    overrides: dict[str, dict] = field(default_factory=dict)
    items: list[dict] = field(default_factory=list)
    paths: list[str] = field(default_factory=list)  # clause paths of its items, in order
    # clause path → the sample item whose title, 要点 and 申兑指南 it has in this voice
    origins: dict[str, str] = field(default_factory=dict)

    @property
    def item_ids(self) -> list[str]:
        return [f"{self.slug}/{path}" for path in self.paths]

    @property
    def deadlines(self) -> list[date | None]:
        """Each item's application deadline, from its own override or hand-written item."""
        facts = {item["path"]: item for item in self.items} | self.overrides
        return [facts.get(path, {}).get("deadline") for path in self.paths]


def plan_sizes(items: int, sources: int, rng: random.Random) -> list[int]:
    """Items per document: uneven like real documents, summing to ``items``."""
    sources = max(1, min(sources, items))
    weights = [rng.uniform(0.25, 1.75) for _ in range(sources)]
    total = sum(weights)
    sizes = [max(1, int(items * w / total)) for w in weights]
    while sum(sizes) < items:
        sizes[rng.randrange(sources)] += 1
    while sum(sizes) > items:
        index = rng.randrange(sources)
        if sizes[index] > 1:
            sizes[index] -= 1
    return sizes


def write_synthetic_policies(
    root: Path, items: int, seed: int = 2024, sources: int | None = None
) -> dict[str, str]:
    """Write ``root/`` as a complete policies folder with exactly ``items`` items; return
    each synthetic item that has a sample item's title, 要点 and 申兑指南 (in its own voice)
    with that item's id.

    ``sources`` documents (default: one per 25 items) share the items unevenly. The
    taxonomy is the project's plus the synthetic offices' issuers; the text is the sample
    documents' own sentences, recombined, each document in its own voice; the same ``seed``
    gives the same files.
    """
    rng = random.Random(seed)
    writer = Writer(rng)
    root = Path(root)
    (root / "sources").mkdir(parents=True, exist_ok=True)
    write_taxonomy(root / "taxonomy.yml")
    count = sources if sources is not None else max(1, round(items / ITEMS_PER_SOURCE))
    documents = []
    for number, size in enumerate(plan_sizes(items, count, rng), start=1):
        document = make_document(writer, number, size)
        path = root / "sources" / f"{document.slug}.yml"
        path.write_text(render_document(document), encoding="utf-8")
        documents.append(document)
    if (SAMPLE_POLICIES / "schedule.yml").exists():
        write_schedule(root / "schedule.yml", documents)
    return {
        f"{document.slug}/{path}": origin
        for document in documents
        for path, origin in document.origins.items()
    }


def write_taxonomy(path: Path) -> None:
    """The project's taxonomy with every issuer the synthetic offices name added."""
    text = (SAMPLE_POLICIES / "taxonomy.yml").read_text(encoding="utf-8")
    known = {entry["name"] for entry in yaml.safe_load(text)["issuers"]}
    names = {name for office in OFFICES for issuers, _ in office.issuers for name in issuers}
    added = [
        f"  - {{id: synthetic-{number:02d}, name: {name}}}"
        for number, name in enumerate(sorted(names - known), start=1)
    ]
    head, marker, tail = text.partition("\nissuers:\n")
    if not marker:
        raise SystemExit("policies/taxonomy.yml has no issuers list to add the synthetic ones to")
    path.write_text(head + marker + "\n".join(added) + "\n" + tail, encoding="utf-8")


def write_schedule(path: Path, documents: list[Document]) -> None:
    """The project's campaign, its pins and priorities moved onto synthetic items."""
    campaign = yaml.safe_load((SAMPLE_POLICIES / "schedule.yml").read_text(encoding="utf-8"))
    for plan in campaign.get("channels") or []:
        # Every item once per cycle fits a sample column, not thousands of items.
        plan.pop("every_item", None)
    for pin in campaign.get("pins") or []:
        pin["item"] = pushable_item(documents, pin["date"])
    priorities = {}
    for number, (key, value) in enumerate((campaign.get("priorities") or {}).items()):
        document = documents[number % len(documents)]
        priorities[document.slug if "/" not in key else document.item_ids[0]] = value
    if priorities:
        campaign["priorities"] = priorities
    text = yaml.safe_dump(campaign, allow_unicode=True, sort_keys=False, width=100)
    path.write_text(
        "# 宣传排期：项目 schedule.yml 的活动，指定推送换成合成条目。\n" + text, "utf-8"
    )


def pushable_item(documents: list[Document], day: date) -> str:
    """The first item that is released and still open on ``day`` (a pin must be), in a
    document for the public (public channels do not carry items for 成员单位 only)."""
    for document in documents:
        if set(document.meta["audiences"]) <= INTERNAL_AUDIENCES:
            continue
        released = document.meta["published"]
        expires = document.meta.get("expires")
        if released > day or (expires and expires < day):
            continue
        for item_id, deadline in zip(document.item_ids, document.deadlines, strict=True):
            if deadline is None or deadline >= day:
                return item_id
    return documents[0].item_ids[0]


def make_document(writer: Writer, number: int, size: int, until: date = UNTIL) -> Document:
    rng = writer.rng
    office = pick_office(rng)
    topic, themes, sectors, audiences, products = writer.pick(TOPICS)
    writer.voice = make_voice(rng, office, products)
    start = date(2023, 1, 1)
    published = start + timedelta(days=rng.randrange((until - start).days))
    signed = published - timedelta(days=rng.randrange(0, 12))
    small = size <= 12  # only short documents are written by hand
    style = writer.pick(["plan", "plan", "rules", "notice", "hand" if small else "rules"])
    doctype = {"plan": "实施方案", "rules": "实施细则", "notice": "工作的通知", "hand": "政策要点"}
    place = "" if office.level == "国家" else office.level
    title = f"{place}{published.year}年{topic}{doctype[style]}"
    if style == "notice":
        title = f"关于做好{place}{published.year}年{topic}{doctype[style]}"
    issuers, prefix = writer.pick(list(office.issuers))
    meta: dict = {
        "title": title,
        "doc_number": writer.doc_number(prefix, signed.year),
        "issuer": " ".join(issuers),
        "level": office.level,
        "signed": signed,
        "published": published,
        "source_url": f"{office.url}{signed.year}{number:05d}.html",
        "themes": themes,
        "sectors": sectors,
        "audiences": audiences,
    }
    if rng.random() < 0.5:
        meta["expires"] = published + timedelta(days=rng.randint(180, 1100))
    else:
        # No end date: then not a yearly programme either (check warns about those).
        meta["title"] = title.replace(f"{published.year}年", "")
    window = application_window(rng, meta)
    slug = f"{office.slug}-{signed.year}-{number:05d}"
    document = Document(slug, meta)
    if style == "hand":
        document.items, reworded = hand_items(writer, size, meta, window)
        document.paths = [item["path"] for item in document.items]
        document.origins = {
            path: origin for path, origin in zip(document.paths, reworded, strict=True) if origin
        }
        return document
    for _attempt in range(20):
        body, paths, reworded = make_body(writer, style, size, office, signed)
        split = split_body(body)
        if len(split.pieces) == size and not split.notes:
            break
    else:  # pragma: no cover - the plan makes every clause fit; this guards the invariant
        raise AssertionError(f"{slug}: could not write a body of {size} items")
    document.body = body
    document.paths = [piece.path for piece in split.pieces]
    document.overrides = make_overrides(writer, document.paths, reworded, paths, meta, window)
    document.origins = {
        path: origin for path, origin in zip(document.paths, reworded, strict=True) if origin
    }
    return document


def application_window(rng: random.Random, meta: dict) -> tuple[date, date] | None:
    """When a document's programme takes applications (one window for all its items), or
    None for one that takes none (a work plan, a standard)."""
    if rng.random() < 0.5:
        return None
    opens = meta["published"] + timedelta(days=rng.randint(0, 40))
    deadline = opens + timedelta(days=rng.randint(20, 420))
    if "expires" in meta:
        deadline = min(deadline, meta["expires"])
        opens = min(opens, deadline)
    return opens, deadline


def make_body(
    writer: Writer, style: str, size: int, office: Office, signed: date
) -> tuple[str, list[str], list[str | None]]:
    """A body of ``size`` items in ``style``, the paths of the parts that are split, and
    the sample item each item rewords (None for a clause of a source outside the column)."""
    rng = writer.rng
    writer.drawn.clear()
    lines = preamble(writer, office, signed)
    split_parts: list[str] = []
    origins: list[str | None] = []
    remaining = size
    part = 0
    article = 0
    paren = rng.random() < 0.5  # （一） or the seed's half-width (一)
    while remaining:
        part += 1
        children = min(remaining, writer.pick([1, 1, 2, 3, 4, 5, 6, 8]))
        if style == "notice":
            children = 1
        if style == "rules" and children == 1:
            # A chapter of one article is one item, its heading the article's subject.
            article += 1
            drawn = writer.draw()
            lines.append(f"第{cn_number(part)}章 {writer.say(drawn.head)}")
            lines.append(f"第{cn_number(article)}条 {writer.paragraph(150, 420, drawn)}")
            origins.append(drawn.origin)
        elif style == "rules":
            split_parts.append(str(part))
            lines.append(f"第{cn_number(part)}章 {writer.pick_text(writer.text.part_headings)}")
            for _ in range(children):
                article += 1
                drawn = writer.draw()
                lines.append(f"第{cn_number(article)}条 {writer.say(drawn.head)}")
                lines += long_clause(writer, "", drawn)
                origins.append(drawn.origin)
        elif children == 1:
            drawn = writer.draw()
            lines += writer.clause(f"{cn_number(part)}、", rng.randint(200, MAX_LEAF), drawn)
            origins.append(drawn.origin)
        else:
            split_parts.append(str(part))
            lines.append(f"{cn_number(part)}、{writer.pick_text(writer.text.part_headings)}")
            digits = rng.random() < 0.25  # 1. 2. 3. under 一、 instead of （一）
            for n in range(1, children + 1):
                if digits:
                    label = f"{n}."
                elif paren:
                    label = f"（{cn_number(n)}）"
                else:
                    label = f"({cn_number(n)})"
                drawn = writer.draw()
                lines += long_clause(writer, label, drawn, lists=not digits)
                origins.append(drawn.origin)
        remaining -= children
    lines += closing(writer, office, signed)
    body = "\n".join(lines) + "\n"
    return body, split_parts, origins


def long_clause(writer: Writer, label: str, drawn: SampleClause, lists: bool = True) -> list[str]:
    """A clause rewording ``drawn``, long enough that two of them make their part too long
    for one item."""
    while True:
        size = writer.rng.randint(MIN_SPLIT_CHILD + 40, MAX_LEAF)
        lines = writer.clause(label, size, drawn, lists)
        if sum(len(line) + 1 for line in lines) >= MIN_SPLIT_CHILD:
            return lines


def preamble(writer: Writer, office: Office, signed: date) -> list[str]:
    lines = []
    if writer.rng.random() < 0.4:
        lines += [office.signature.removesuffix("办公室"), "各有关单位："]
    if writer.text.preambles and writer.rng.random() < 0.7:
        lines.append(writer.pick_text(writer.text.preambles))
    else:
        lines.append(writer.paragraph(60, 200))
    return lines


def closing(writer: Writer, office: Office, signed: date) -> list[str]:
    lines = []
    if writer.rng.random() < 0.3:
        lines += ["附件：1.政策清单.doc", "2.申报表.doc"]
    day = f"{signed.year}年{signed.month}月{signed.day}日"
    if writer.rng.random() < 0.5:
        lines += [office.signature, day]
    else:
        lines.append(f"{office.signature}{day}印发")
    return lines


def cn_number(n: int) -> str:
    """1 → 一, 12 → 十二, 25 → 二十五, 101 → 一百零一."""
    if n < 10:
        return CN_NUMERALS[n - 1]
    if n < 20:
        return "十" + (CN_NUMERALS[n - 11] if n > 10 else "")
    if n < 100:
        tens, ones = divmod(n, 10)
        return CN_NUMERALS[tens - 1] + "十" + (CN_NUMERALS[ones - 1] if ones else "")
    hundreds, rest = divmod(n, 100)
    tail = "" if not rest else ("零" + cn_number(rest) if rest < 10 else cn_number(rest))
    if 10 <= rest < 20:
        tail = "一" + tail
    return CN_NUMERALS[hundreds - 1] + "百" + tail


def make_overrides(
    writer: Writer,
    paths: list[str],
    reworded: list[str | None],
    split_parts: list[str],
    meta: dict,
    window: tuple[date, date] | None,
) -> dict:
    """Per-clause facts for about a quarter of the items (fewer in work plans: the policy team
    writes 申兑指南 facts for what the public can claim), tags for some split parts.
    ``reworded`` is the sample item each clause rewords, whose facts it may take."""
    rng = writer.rng
    share = 0.25 if writer.voice.kind == "public" else 0.08
    overrides: dict[str, dict] = {}
    for part in split_parts:
        if rng.random() < 0.3:
            # Filed as its clauses read: the document's sectors, and 综合 where a clause
            # rewords the work plan (a clause of no one sector).
            under = [
                origin
                for path, origin in zip(paths, reworded, strict=True)
                if path.startswith(f"{part}-")
            ]
            general = any(writer.subjects.get(origin) == "any" for origin in under)
            sectors = [*meta["sectors"], *(["综合"] if general else [])]
            overrides[part] = {"sectors": list(dict.fromkeys(sectors))}
    for path, origin in zip(paths, reworded, strict=True):
        if rng.random() < share:
            overrides[path] = clause_facts(writer, meta, window, origin)
    return dict(sorted(overrides.items(), key=lambda kv: [_path_key(kv[0])]))


def _path_key(path: str) -> list:
    return [(int(re.match(r"\d+", part).group()), part) for part in path.split("-")]


def clause_facts(
    writer: Writer, meta: dict, window: tuple[date, date] | None, origin: str | None
) -> dict:
    """The 申兑指南 facts of one clause rewording the sample item ``origin``: that item's
    title, 要点 and facts in this document's voice, where the policy team wrote them.

    A work plan's clause gets contacts only: the policy team writes titles, 要点 and dates for
    what the public can claim, and Miluo's plan is the only work plan to copy them from. A
    clause gets the document's application window where the sample clause it rewords is about
    applying (dated, or saying how to apply).
    """
    rng = writer.rng
    public = writer.voice.kind == "public"
    sample = writer.text.facts.get(origin, {}) if public and origin else {}
    facts: dict = {key: writer.say(sample[key]) for key in ("title", "summary") if key in sample}
    facts["category"] = writer.pick(CATEGORIES)
    if rng.random() < 0.4:
        facts["audiences"] = rng.sample(ALL_AUDIENCES, rng.randint(1, 2))
    for key in (*TEXT_FACTS[2:], "payout"):
        if key in sample and rng.random() < 0.7:
            facts[key] = writer.say(sample[key])
    # The document's window on a clause about applying (活动时间, 怎么申报), not on its 宣传专班:
    # a deadline question then lists what a real column would.
    if window and rng.random() < 0.6 and sample.get(APPLYING):
        facts["opens"], facts["deadline"] = window
    if "materials" in sample and rng.random() < 0.6:
        facts["materials"] = [writer.say(entry) for entry in sample["materials"]]
    if rng.random() < 0.5:
        facts["department"] = meta["issuer"].split()[0]
        facts["phone"] = writer.voice.hotline if rng.random() < 0.5 else local_phone(writer)
    if rng.random() < 0.1:
        facts["apply_url"] = meta["source_url"].rsplit("/", 1)[0] + "/sbrk.html"
    return facts


def local_phone(writer: Writer) -> str:
    return f"{writer.voice.office.area_code}-{writer.rng.randint(5200000, 8899999)}"


def hand_items(
    writer: Writer, size: int, meta: dict, window: tuple[date, date] | None
) -> tuple[list[dict], list[str | None]]:
    """Items written by hand, as for a document that has no body to split, and the sample
    item each rewords."""
    items, reworded = [], []
    writer.drawn.clear()
    for n in range(1, size + 1):
        drawn = writer.draw()
        facts = clause_facts(writer, meta, window, drawn.origin)
        title = facts.pop("title", None) or writer.say(drawn.head)
        text = writer.paragraph(80, 400, drawn)
        items.append({"path": str(n), "title": title, "text": text} | facts)
        reworded.append(drawn.origin)
    return items, reworded


def render_document(document: Document) -> str:
    """The YAML text of one source file, laid out as the policy team writes them."""
    out = []
    for key, value in document.meta.items():
        out.append(f"{key}: {scalar(value)}")
    if document.body:
        out.append("body: |")
        out += [f"  {line}" if line else "" for line in document.body.rstrip("\n").split("\n")]
    if document.overrides:
        out.append("overrides:")
        for path, facts in document.overrides.items():
            out.append(f"  {scalar(path)}:")
            out += [f"    {line}" for line in mapping_lines(facts)]
    if document.items:
        out.append("items:")
        for item in document.items:
            lines = mapping_lines(item)
            out.append(f"  - {lines[0]}")
            out += [f"    {line}" for line in lines[1:]]
    return "\n".join(out) + "\n"


def mapping_lines(values: dict) -> list[str]:
    lines = []
    for key, value in values.items():
        if key == "materials":
            lines.append(f"{key}:")
            lines += [f"  - {scalar(entry)}" for entry in value]
        else:
            lines.append(f"{key}: {scalar(value)}")
    return lines


def scalar(value) -> str:
    """A YAML value: dates bare, lists in flow style, text double-quoted (JSON is valid YAML)."""
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, list | tuple):
        return "[" + ", ".join(scalar(v) for v in value) + "]"
    return json.dumps(str(value), ensure_ascii=False)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("root", type=Path, help="folder to write (policies/ layout)")
    parser.add_argument("--items", type=int, default=1000)
    parser.add_argument("--sources", type=int)
    parser.add_argument("--seed", type=int, default=2024)
    args = parser.parse_args(argv)
    write_synthetic_policies(args.root, args.items, args.seed, args.sources)
    print(f"wrote {args.items} items into {args.root}/")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

"""Read ``policies/sources/<slug>.yml``: one source document, its clauses' overrides or
hand-written items.
"""

from __future__ import annotations

from dataclasses import fields
from datetime import date
from pathlib import Path
from typing import Any

from yaml.nodes import MappingNode, Node, SequenceNode

from generator.core.model import (
    DOC_STATUSES,
    DOC_TYPES,
    Change,
    Details,
    HandItem,
    Override,
    Source,
    SplitFix,
    Taxonomy,
    Vocabulary,
)
from generator.errors import PolicyError, quote, warning
from generator.input.split_fix import read_split_fix
from generator.input.yaml_nodes import (
    BODY_LIMIT,
    BODY_WHY,
    GUIDE_LIMIT,
    GUIDE_WHY,
    LINE_LIMIT,
    LINE_WHY,
    SLUG,
    TERM_KINDS,
    TITLE_LIMIT,
    TITLE_WHY,
    UNSTATED,
    Entries,
    Field,
    NodeReader,
    body_line,
    describe,
    display_path,
    is_empty,
    parse_file,
    slugify,
)

OVERRIDE_FIELDS = {
    "title": Field("text", "事项名称", "the item's title", limit=TITLE_LIMIT, why=TITLE_WHY),
    "summary": Field("text", "要点", "the item in one or two sentences", limit=500, why=GUIDE_WHY),
    "category": Field(
        "category", "事项类别", "a categories name or id (减免类/奖补类/权益类/资质类)"
    ),
    "themes": Field("tags", "主题", "names or ids from taxonomy themes"),
    "sectors": Field("tags", "行业", "names or ids from taxonomy sectors"),
    "audiences": Field("tags", "对象", "names or ids from taxonomy audiences"),
    "expires": Field("date", "有效期至", "the last day in force, YYYY-MM-DD"),
    "who": Field("text", "支持对象", "who is supported", limit=GUIDE_LIMIT, why=GUIDE_WHY),
    "amount": Field("text", "支持标准", "how much is given", limit=GUIDE_LIMIT, why=GUIDE_WHY),
    "max_amount": Field(
        "text", "最高额度", "the maximum, e.g. 每件不超过2000元", limit=LINE_LIMIT, why=LINE_WHY
    ),
    "conditions": Field(
        "text", "申报条件", "conditions to apply", limit=GUIDE_LIMIT, why=GUIDE_WHY
    ),
    "opens": Field("date", "申报开始", "the first day applications are taken, YYYY-MM-DD"),
    "deadline": Field("date", "申报截止", "the last day to apply, YYYY-MM-DD"),
    "how_to_apply": Field("text", "申报方式", "how to apply", limit=GUIDE_LIMIT, why=GUIDE_WHY),
    "apply_url": Field("url", "申报入口", "the http(s) address where one applies"),
    "materials": Field(
        "texts", "申报材料", "documents to hand in, one per entry", limit=LINE_LIMIT, why=LINE_WHY
    ),
    "payout": Field(
        "text",
        "兑现方式与时限",
        "how and when the money or benefit is paid",
        limit=GUIDE_LIMIT,
        why=GUIDE_WHY,
    ),
    "department": Field(
        "text", "受理部门", "the office that handles applications", limit=LINE_LIMIT, why=LINE_WHY
    ),
    "phone": Field(
        "text", "咨询电话", "the phone number for questions", limit=LINE_LIMIT, why=LINE_WHY
    ),
    "interpretation_url": Field("url", "政策解读", "the http(s) address of the interpretation"),
    "graphic_url": Field("url", "图解", "the http(s) address of the graphic explanation"),
    "video_url": Field("url", "短视频", "the http(s) address of the short video"),
}


ITEM_FIELDS = {
    "path": Field("path", "条款编号", 'the clause path, e.g. "1" or "3-5"', required=True),
    "title": Field("text", "事项名称", "the item's title", True, limit=TITLE_LIMIT, why=TITLE_WHY),
    "text": Field("text", "条款原文", "the item's text", True, limit=BODY_LIMIT, why=BODY_WHY),
    **{key: field for key, field in OVERRIDE_FIELDS.items() if key != "title"},
}


SOURCE_FIELDS = {
    "title": Field(
        "text", "文件标题", "the document's title", True, limit=TITLE_LIMIT, why=TITLE_WHY
    ),
    "doc_number": Field(
        "text",
        "文号",
        "the document number, e.g. 汨政办函〔2024〕33号",
        limit=LINE_LIMIT,
        why=LINE_WHY,
    ),
    "issuer": Field(
        "issuers", "发文机关", "the issuing office(s), names or ids from taxonomy issuers", True
    ),
    "level": Field(
        "level", "发文层级", "the level of government, a name or id from taxonomy levels", True
    ),
    "signed": Field("date", "成文日期", "the date signed, YYYY-MM-DD"),
    "published": Field(
        "published",
        "发布日期",
        "the date published, YYYY-MM-DD, or 未注明 when the text states none",
    ),
    "expires": Field("date", "有效期至", "the last day in force, YYYY-MM-DD"),
    "source_url": Field("url", "原文链接", "the http(s) address of the original"),
    "notice": Field("text", "印发通知", "the covering notice", limit=20_000, why=BODY_WHY),
    "themes": Field("tags", "主题", "default themes for the items"),
    "sectors": Field("tags", "行业", "default sectors for the items"),
    "audiences": Field("tags", "对象", "default audiences for the items"),
    "index_number": Field("text", "索引号", "the index number the issuer's portal gives it"),
    "subject": Field("subject", "主题分类", "a subjects name or id from taxonomy.yml"),
    "doc_type": Field(
        "doc_type", "公文种类", "the kind of document: 通知, 意见, 方案, 细则, 公告 …"
    ),
    "status": Field("doc_status", "效力状态", "有效, 失效, 废止 or 修订; leave out while in force"),
    "replaced_by": Field("slug", "替代文件", "the slug of the document that replaces this one"),
    "status_reason": Field("text", "状态说明", "why it was repealed or revised"),
    "changes": Field("changes", "更新记录", "a list of date: and note: entries"),
    "interpretation_url": Field(
        "url", "政策解读", "the http(s) address of a 解读 the issuer published elsewhere"
    ),
    "body": Field(
        "body", "正文", "the full text, one paragraph a line", limit=BODY_LIMIT, why=BODY_WHY
    ),
    "split": Field("split", "拆分更正", "corrections to how the body splits, by line beginnings"),
    "overrides": Field("overrides", "条款补充", "per-clause fields keyed by clause path"),
    "items": Field("items", "手写事项", "hand-written items instead of a body"),
}


CHANGE_FIELDS = {
    "date": Field("date", "更新日期", "the day of the change, YYYY-MM-DD", required=True),
    "note": Field("text", "更新说明", "what changed, in a sentence", required=True),
}


# Keys that belong to one clause, often written at the top of a source file by mistake.
CLAUSE_ONLY_HINTS = {
    key: f'{key} belongs to one clause: put it under overrides: "<clause path>": or into an item'
    for key in OVERRIDE_FIELDS.keys() - SOURCE_FIELDS.keys()
}


def load_source(path: Path, taxonomy: Taxonomy) -> tuple[Source | None, list[PolicyError]]:
    """Read one source file; tag values become term ids of ``taxonomy``."""
    vocabularies = {kind: taxonomy.vocabulary(kind) for kind in TERM_KINDS}
    return read_source(path, vocabularies)


def read_source_document(path: Path) -> tuple[Source | None, list[PolicyError]]:
    """Read one source file without a taxonomy: tags, issuers and level kept as written."""
    return read_source(path, {})


def read_source(
    path: Path, vocabularies: dict[str, Vocabulary]
) -> tuple[Source | None, list[PolicyError]]:
    """One source file; values of kinds missing from ``vocabularies`` are kept as written."""
    file = display_path(path)
    problems = check_slug(path, file)
    root, lines, parse_problems = parse_file(path, file, "it needs title, issuer, level and body")
    problems += parse_problems
    if root is None:
        return None, problems
    reader = SourceReader(file, lines, vocabularies)
    source = reader.read_source(root, path.stem)
    return source, problems + reader.problems


def list_source_files(folder: Path) -> tuple[list[Path], list[PolicyError]]:
    """The ``*.yml`` entries of ``sources/``, sorted; near misses such as ``.yaml`` are reported.

    Entries that are not files (a folder, a named pipe, a broken link) are listed too, so
    that reading them reports what they are instead of skipping them silently.
    """
    if not folder.is_dir():
        hint = "create it and add one .yml file per source document"
        return [], [warning(display_path(folder), 0, 0, "no sources folder", hint)]
    paths, problems = [], []
    for path in sorted(folder.iterdir()):
        if path.name.startswith("."):
            continue
        if path.suffix == ".yml":  # folders, pipes and broken links too: reading reports them
            paths.append(path)
        elif path.suffix.lower() in (".yml", ".yaml") and path.is_file():
            problems.append(
                warning(
                    display_path(path),
                    0,
                    0,
                    "this file is not read: only *.yml files are sources",
                    f"rename it to {path.stem}.yml",
                )
            )
    return paths, problems


def check_slug(path: Path, file: str) -> list[PolicyError]:
    """The file name is the document's id in URLs, so it must be an ASCII slug."""
    if SLUG.fullmatch(path.stem):
        return []
    suggestion = slugify(path.stem)
    hint = (
        f"rename it to {suggestion}.yml"
        if suggestion
        else "rename it to an ASCII name, e.g. the document number: mzbh-2024-33.yml"
    )
    message = f"the file name {quote(path.stem)} is not a valid id: use a-z, 0-9 and -"
    return [PolicyError(file, 0, 0, message, hint)]


class SourceReader(NodeReader):
    """Reads ``policies/sources/<slug>.yml`` into a :class:`Source`."""

    def __init__(self, file: str, lines: list[str], vocabularies: dict[str, Vocabulary]):
        super().__init__(file, lines, vocabularies)
        self.readers |= {
            "overrides": self.read_overrides,
            "items": self.read_items,
            "changes": self.read_changes,
            "subject": lambda key, node: self.read_term("subjects", key, node),
            "doc_type": lambda key, node: self.read_choice(key, node, DOC_TYPES),
            "doc_status": lambda key, node: self.read_choice(key, node, DOC_STATUSES),
            "split": self.read_split,
        }
        self.document_dates: dict[str, date] = {}  # signed/published, for clause dates
        self.body = ""  # read before split:, which names lines of it
        self.body_line = 0

    def read_source(self, root: Node, slug: str) -> Source | None:
        entries = self.entries(root, SOURCE_FIELDS, CLAUSE_ONLY_HINTS)
        if entries is None:
            return None
        # Clauses come second: their dates are checked against the document's; split:
        # names lines of the body.
        clause_keys = ("overrides", "items", "split")
        head = {key: pair for key, pair in entries.items() if key not in clause_keys}
        values = self.read_values(head, SOURCE_FIELDS)
        unstated = values.get("published") == UNSTATED
        if unstated:
            del values["published"]
        self.document_dates = {key: values[key] for key in ("signed", "published") if key in values}
        self.check_status(values, entries)
        self.check_dates(values, entries, self.document_dates)
        self.check_signed_before_published(values, entries)
        self.check_body_or_items(root, entries)
        if "body" in values:
            self.body, self.body_line = values["body"], body_line(entries["body"][1])
        tail = {key: pair for key, pair in entries.items() if key in clause_keys}
        values |= self.read_values(tail, SOURCE_FIELDS)
        return Source(
            slug=slug,
            file=self.file,
            title=values.get("title", ""),
            issuers=values.get("issuer", ()),
            level=values.get("level", ""),
            doc_number=values.get("doc_number", ""),
            signed=values.get("signed"),
            published=values.get("published"),
            expires=values.get("expires"),
            source_url=values.get("source_url", ""),
            notice=values.get("notice", ""),
            themes=values.get("themes", ()),
            sectors=values.get("sectors", ()),
            audiences=values.get("audiences", ()),
            body=values.get("body", ""),
            body_line=body_line(entries["body"][1]) if "body" in values else 0,
            overrides=values.get("overrides", ()),
            items=values.get("items", ()),
            index_number=values.get("index_number", ""),
            subject=values.get("subject", ""),
            doc_type=values.get("doc_type", ""),
            status=values.get("status", ""),
            replaced_by=values.get("replaced_by", ""),
            replaced_by_line=entries["replaced_by"][1].start_mark.line + 1
            if "replaced_by" in values
            else 0,
            status_reason=values.get("status_reason", ""),
            published_unstated=unstated,
            changes=values.get("changes", ()),
            interpretation_url=values.get("interpretation_url", ""),
            split=values.get("split", SplitFix()),
        )

    def check_status(self, values: dict[str, Any], entries: Entries) -> None:
        """replaced_by goes with 废止 or 修订; 修订 names the revision."""
        status, successor = values.get("status", ""), values.get("replaced_by")
        if successor and status not in ("废止", "修订"):
            self.error(
                entries["replaced_by"][0],
                "replaced_by is given, but the document is not repealed or revised",
                "add status: 废止 or status: 修订, or delete replaced_by",
            )
        if status == "修订" and not successor:
            node = entries["status"][1]
            self.error(
                node,
                "status 修订 needs the revised document",
                "add replaced_by: with the slug of the document that replaces this one",
            )

    def read_changes(self, key: str, node: Node) -> tuple[Change, ...] | None:
        """更新记录: ``- date: YYYY-MM-DD`` with ``note:``, oldest first."""
        if not isinstance(node, SequenceNode):
            self.error(
                node,
                f"changes must be a list, not {describe(node)}",
                'start each change with "- date: 2025-03-01" and a note: below it',
            )
            return None
        changes: list[Change] = []
        for element in node.value:
            entries = self.entries(element, CHANGE_FIELDS)
            if entries is None:
                continue
            values = self.read_values(entries, CHANGE_FIELDS)
            if "date" not in values or "note" not in values:
                continue
            if changes and values["date"] < changes[-1].day:
                self.error(
                    entries["date"][1],
                    f"change {values['date']} comes after a later one ({changes[-1].day})",
                    "list changes oldest first",
                )
            changes.append(Change(values["date"], values["note"]))
        return tuple(changes)

    def read_split(self, key: str, node: Node) -> SplitFix | None:
        if not self.body:
            return None  # without a body there is nothing to split: reported with the body
        return read_split_fix(self, node, self.body, self.body_line)

    def check_body_or_items(self, root: Node, entries: Entries) -> None:
        """Exactly one of body and items; overrides only make sense with a body."""
        if "body" in entries and "items" in entries:
            later = max(
                entries["body"][0], entries["items"][0], key=lambda node: node.start_mark.index
            )
            self.error(
                later,
                "body and items are both given",
                "keep one: body (the full text, split automatically) or items (written by hand)",
            )
        elif "body" not in entries and "items" not in entries:
            self.error(
                root,
                "neither body nor items is given",
                "add body: | with the document's full text below it, or items: written by hand",
            )
        if "items" in entries and "split" in entries:
            self.error(
                entries["split"][0],
                "split: needs a body, but this file has items",
                "delete split: — hand-written items are not split",
            )
        if "items" in entries and "overrides" in entries:
            self.error(
                entries["overrides"][0],
                "overrides need a body, but this file has items",
                "write the fields into the items instead",
            )

    def check_signed_before_published(self, values: dict[str, Any], entries: Entries) -> None:
        signed, published = values.get("signed"), values.get("published")
        if signed and published and published < signed:
            self.warn(
                entries["published"][1],
                f"published {published} is before signed {signed}",
                "check both dates: a document is usually published after it is signed",
            )

    def check_dates(
        self, values: dict[str, Any], entries: Entries, issued: dict[str, date]
    ) -> None:
        """Nothing expires before it was issued, and applications close after they open."""
        expires, opens, deadline = (
            values.get("expires"),
            values.get("opens"),
            values.get("deadline"),
        )
        for name, day in issued.items():
            if expires and expires < day:
                self.error(
                    entries["expires"][1],
                    f"expires {expires} is before {name} {day}",
                    "check both dates: a policy cannot end before it is issued",
                )
        if opens and deadline and deadline < opens:
            self.error(
                entries["deadline"][1],
                f"deadline {deadline} is before opens {opens}",
                "check both dates",
            )
        if deadline and expires and deadline > expires:
            self.warn(
                entries["deadline"][1],
                f"deadline {deadline} is after expires {expires}",
                "check both dates: applications usually close while the policy is in force",
            )

    def read_overrides(self, key: str, node: Node) -> tuple[Override, ...] | None:
        if not isinstance(node, MappingNode):
            self.error(
                node,
                f"overrides must map clause paths to fields, not {describe(node)}",
                'write e.g. "3-5": on its own line and the fields indented below it',
            )
            return None
        overrides: list[Override] = []
        first_lines: dict[str, int] = {}
        for key_node, value_node in node.value:
            path = self.read_path("overrides", key_node)
            if path is None:
                continue
            if path in first_lines:
                self.error(
                    key_node,
                    f"override {quote(path)} is given twice (first on line {first_lines[path]})",
                    "merge the two into one",
                )
                continue
            first_lines[path] = key_node.start_mark.line + 1
            override = self.read_override(path, key_node, value_node)
            if override is not None:
                overrides.append(override)
        return tuple(overrides)

    def read_override(self, path: str, key_node: Node, node: Node) -> Override | None:
        """The fields given for one clause; ``None`` when there are none."""
        if is_empty(node) or (isinstance(node, MappingNode) and not node.value):
            self.warn(
                key_node,
                f"override {quote(path)} sets nothing",
                "add fields such as title: or delete it",
            )
            return None
        entries = self.entries(node, OVERRIDE_FIELDS)
        if entries is None:
            return None
        values = self.read_values(entries, OVERRIDE_FIELDS)
        self.check_dates(values, entries, self.document_dates)
        return Override(
            path=path,
            line=key_node.start_mark.line + 1,
            title=values.get("title", ""),
            themes=values.get("themes", ()),
            sectors=values.get("sectors", ()),
            audiences=values.get("audiences", ()),
            expires=values.get("expires"),
            details=details_of(values),
        )

    def read_items(self, key: str, node: Node) -> tuple[HandItem, ...] | None:
        if not isinstance(node, SequenceNode):
            self.error(
                node,
                f"items must be a list, not {describe(node)}",
                'start each item with "- path: …" on its own line',
            )
            return None
        if not node.value:
            self.error(node, "items is empty", "add at least one item, or give a body instead")
            return None
        items: list[HandItem] = []
        first_lines: dict[str, int] = {}
        for element in node.value:
            item = self.read_item(element)
            if item is None:
                continue
            if item.path in first_lines:
                path_node = next(v for k, v in element.value if k.value == "path")
                self.error(
                    path_node,
                    f"item path {quote(item.path)} is used twice (first on line "
                    f"{first_lines[item.path]})",
                    "give each item its own path",
                )
                continue
            first_lines[item.path] = item.line
            items.append(item)
        return tuple(items)

    def read_item(self, node: Node) -> HandItem | None:
        """One hand-written item; ``None`` when it has no usable path."""
        entries = self.entries(node, ITEM_FIELDS)
        if entries is None:
            return None
        values = self.read_values(entries, ITEM_FIELDS)
        self.check_dates(values, entries, self.document_dates)
        if "path" not in values:
            return None
        return HandItem(
            path=values["path"],
            line=node.start_mark.line + 1,
            title=values.get("title", ""),
            text=values.get("text", ""),
            themes=values.get("themes", ()),
            sectors=values.get("sectors", ()),
            audiences=values.get("audiences", ()),
            expires=values.get("expires"),
            details=details_of(values),
        )


def details_of(values: dict[str, Any]) -> Details:
    """The 申兑指南 facts among a clause's values."""
    return Details(**{f.name: values[f.name] for f in fields(Details) if f.name in values})

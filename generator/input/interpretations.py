"""Read ``policies/interpretations/*.md``: 解读 (interpretations) in Markdown with YAML
front matter.

The front matter is split off with python-frontmatter and composed as YAML nodes by the
project's reader, so its problems carry the line and column in the ``.md`` file. Which
documents and items a 解读 names is checked later, once the items exist
(``pipeline/stages.py``).
"""

from __future__ import annotations

from pathlib import Path

import frontmatter
from yaml.nodes import Node, ScalarNode, SequenceNode

from generator.core.model import INTERPRETATION_FORMS, Interpretation
from generator.errors import PolicyError, quote, warning
from generator.input.yaml_nodes import (
    SLUG,
    Field,
    NodeReader,
    compose_yaml,
    describe,
    display_path,
    read_text,
    slugify,
)

INTERPRETATIONS_FOLDER = "interpretations"


INTERPRETATION_FIELDS = {
    "title": Field("text", "标题", "the title of the 解读", required=True),
    "date": Field("date", "发布日期", "the day the 解读 is published, YYYY-MM-DD", required=True),
    "issuer": Field("text", "解读机关", "who wrote it: the office or the author", required=True),
    "form": Field("form", "解读形式", "文字解读, 图解 or 视频", required=True),
    "media": Field("media", "图解或视频", "a file beside the .md, or an http(s) address"),
    "summary": Field("text", "摘要", "the 解读 in one or two sentences"),
    "documents": Field("refs", "解读文件", "slugs of the documents it interprets"),
    "items": Field("refs", "解读条目", "ids of the items it interprets, e.g. mzbh-2024-33/3"),
}


NEEDS = "it needs front matter between --- lines: title, date, issuer, form, documents"


def list_interpretation_files(folder: Path) -> list[Path]:
    """The ``*.md`` files of ``interpretations/``, sorted (no folder: no 解读)."""
    if not folder.is_dir():
        return []
    return sorted(p for p in folder.iterdir() if p.suffix == ".md" and not p.name.startswith("."))


def load_interpretations(folder: Path) -> tuple[tuple[Interpretation, ...], list[PolicyError]]:
    """Every 解读 of ``folder``, sorted by slug, and every problem found."""
    found, problems = [], []
    for path in list_interpretation_files(folder):
        reading, file_problems = read_interpretation(path)
        problems += file_problems
        if reading is not None:
            found.append(reading)
    return tuple(found), problems


def read_interpretation(path: Path) -> tuple[Interpretation | None, list[PolicyError]]:
    """One 解读 file; ``None`` when its front matter cannot be read."""
    file = display_path(path)
    problems: list[PolicyError] = []
    if not SLUG.fullmatch(path.stem):
        suggestion = slugify(path.stem) or "mzbh-2024-33-jiedu"
        problems.append(
            PolicyError(
                file,
                0,
                0,
                f"the file name {quote(path.stem)} is not a valid id: use a-z, 0-9 and -",
                f"rename it to {suggestion}.md",
            )
        )
    text, read_problems = read_text(path, file)
    problems += read_problems
    if text is None:
        return None, problems
    handler = frontmatter.YAMLHandler()
    if not handler.detect(text):
        return None, [*problems, PolicyError(file, 1, 1, "no front matter", NEEDS)]
    front, body = handler.split(text)
    # The split keeps the line break after the opening "---": node lines are the file's.
    root, syntax_problems = compose_yaml(front, file)
    problems += syntax_problems
    if root is None:
        if not syntax_problems:
            problems.append(PolicyError(file, 1, 1, "the front matter is empty", NEEDS))
        return None, problems
    reader = InterpretationReader(file, text.split("\n"), path.parent)
    reading = reader.read_interpretation(root, path.stem, body)
    return reading, problems + reader.problems


class InterpretationReader(NodeReader):
    """Reads the front matter of one 解读 into an :class:`Interpretation`."""

    def __init__(self, file: str, lines: list[str], folder: Path):
        super().__init__(file, lines, {})
        self.folder = folder
        self.refs: list[tuple[str, str, int, int]] = []
        self.readers |= {
            "form": lambda key, node: self.read_choice(key, node, INTERPRETATION_FORMS),
            "media": self.read_media,
            "refs": self.read_refs,
        }

    def read_interpretation(self, root: Node, slug: str, body: str) -> Interpretation | None:
        entries = self.entries(root, INTERPRETATION_FIELDS)
        if entries is None:
            return None
        values = self.read_values(entries, INTERPRETATION_FIELDS)
        if not body.strip():
            self.error(
                root, "the 解读 has no text", "write the 解读 in Markdown below the front matter"
            )
        if "documents" not in entries and "items" not in entries:
            self.error(
                root,
                "the 解读 names no document or item",
                "add documents: [<source slug>] or items: [<item id>]",
            )
        form = values.get("form", "")
        if form in ("图解", "视频") and "media" not in values and "media" not in entries:
            self.error(
                entries["form"][1],
                f"a {form} needs its picture or video",
                "add media: with a file beside the .md (e.g. tujie.png) or an http(s) address",
            )
        if any(key not in values for key, f in INTERPRETATION_FIELDS.items() if f.required):
            return None
        return Interpretation(
            slug=slug,
            file=self.file,
            title=values["title"],
            day=values["date"],
            issuer=values["issuer"],
            form=form,
            body=body,
            documents=values.get("documents", ()),
            items=values.get("items", ()),
            media=values.get("media", ""),
            summary=values.get("summary", ""),
            refs=tuple(self.refs),
        )

    def read_refs(self, key: str, node: Node) -> tuple[str, ...]:
        """Document slugs or item ids, each kept with its position for the later check."""
        ids: list[str] = []
        for text, element in self.text_list(key, node):
            if text in ids:
                self.warn(element, f"{quote(text)} is listed twice", "delete one")
                continue
            ids.append(text)
            line, column = self.position(element)
            self.refs.append((key, text, line, column))
        return tuple(ids)

    def read_media(self, key: str, node: Node) -> str | None:
        """An http(s) address, or a file beside the .md (copied into the site)."""
        if not isinstance(node, ScalarNode) or isinstance(node, SequenceNode):
            self.error(
                node, f"{key} must be text, not {describe(node)}", "give one file or address"
            )
            return None
        value = node.value.strip()
        if ":" in value or value.startswith("//"):
            return self.read_url(key, node)
        local = self.folder / value
        if "/" in value or "\\" in value or not local.is_file():
            self.error(
                node,
                f"{key}: no file {quote(value)} beside this 解读",
                f"put the file into {display_path(self.folder)}/ and give its name, "
                "or give an http(s) address",
            )
            return None
        return value


def check_references(
    reading: Interpretation, sources: set[str], items: set[str]
) -> list[PolicyError]:
    """Unknown document slugs and item ids are errors, with the nearest known one."""
    problems = []
    for kind, value, line, column in reading.refs:
        known = sources if kind == "documents" else items
        if value in known:
            continue
        from_item = value.split("/", 1)[0]
        if kind == "documents" and value in items:
            hint = f"{quote(value)} is an item: list it under items:"
        elif kind == "items" and value in sources:
            hint = f"{quote(value)} is a document: list it under documents:"
        elif kind == "items" and from_item in sources:
            paths = sorted(i for i in items if i.startswith(from_item + "/"))
            hint = f"its items are {', '.join(paths[:8])}{' …' if len(paths) > 8 else ''}"
        else:
            names = "policies/sources/*.yml" if kind == "documents" else "the items' ids"
            hint = f"check the spelling against {names}"
        what = "document" if kind == "documents" else "item"
        problems.append(
            PolicyError(reading.file, line, column, f"unknown {what} {quote(value)}", hint)
        )
    return problems


def missing_interpretations(
    uninterpreted: list[tuple[str, str]],
) -> list[PolicyError]:
    """A warning per document of the column's own government without a 解读."""
    return [
        warning(
            file,
            1,
            1,
            f"the document {quote(title)} has no 解读",
            f"add policies/{INTERPRETATIONS_FOLDER}/<name>.md naming it under documents: "
            "(the inspection rules ask for a 解读 linked both ways), or give interpretation_url:",
        )
        for file, title in uninterpreted
    ]

"""Jinja2 for our pages: the fragment renderer every producer shares, its environment and
filters, and the two things the theme's own environment needs from us (a template, escaping)."""

from __future__ import annotations

import functools
from datetime import date
from pathlib import Path

import jinja2
from markupsafe import Markup, escape

from generator.core.calendar import cn_date, cn_day
from generator.core.model import Column, Item, Term
from generator.core.rules import (
    ENDED,
    STATUS_RANK,
    TermIndex,
    change_history,
    document_history,
    item_status,
    last_change,
    source_status,
)
from generator.core.search_fields import SearchTags
from generator.core.site_paths import is_web_address, relative_url

KIND_LABELS = {
    "themes": "主题",
    "sectors": "行业",
    "audiences": "对象",
    "levels": "层级",
    "issuers": "发文机关",
}
LINK_MARK = "\x00"  # around a link's number in a card being made: no text has it


class FragmentRenderer:
    """Renders the Jinja2 fragments under ``fragments_dir`` for one column and day.

    One per build: every producer renders with it, so its compiled templates, item
    cards and indexes are made once.
    """

    def __init__(self, column: Column, today: date, fragments_dir: Path):
        self.column = column
        self.today = today
        self.env = fragment_environment(fragments_dir)
        self.env.globals.update(
            kind_labels=KIND_LABELS,
            status_of=lambda item: item_status(item, today),
            term=self.term,
            today=today,
            link=self.link,
            card=self.card,
            ended=ENDED,
            status_rank=STATUS_RANK,
            source_status=lambda source: source_status(source, today),
            history=lambda item: change_history(item, today),
            last_change=last_change,
            document_history=document_history,
            interpretations_of=column.interpretations_of,
            source_of=column.source,
            subject_name=self.subject_name,
        )
        self.page_url = ""  # the page being rendered; ``link`` is relative to it
        self._links: list[str] | None = None  # targets asked for while a card is made
        self._cards: dict[tuple[str, bool], tuple[list[str], list[str]]] = {}
        self.under = TermIndex(column)  # items under each term, as every count has them
        self.env.filters["cn_day"] = functools.partial(cn_day, today=today)
        self.search_tags = SearchTags(column, today)
        self.env.globals["search_tags"] = self.search_tags

    def subject_name(self, term_id: str) -> str:
        """The 主题分类 shown for a subjects id: its broader term first (产业、科技/工业)."""
        subjects = self.column.taxonomy.subjects
        term = subjects.get(term_id)
        parent = subjects.find(term.parent) if term.parent else None
        return f"{parent.name}\\{term.name}" if parent else term.name

    def term(self, kind: str, term_id: str) -> Term:
        return self.column.taxonomy.vocabulary(kind).get(term_id)

    def link(self, target: str) -> str:
        """``target`` (site-relative) as a link from the page being rendered."""
        if self._links is not None:  # making a card: mark where the link goes
            self._links.append(target)
            return f"{LINK_MARK}{len(self._links) - 1}{LINK_MARK}"
        return relative_url(target, self.page_url)

    def card(self, item: Item, show_source: bool = True) -> Markup:
        """``item_card`` of ``_macros.html``, rendered by Jinja once per item.

        An item's card is the same on every page but for its relative links: it is
        made once with marks where the links go, and each page puts in its own links.
        """
        key = (item.id, show_source)
        if key not in self._cards:
            self._links = []
            try:
                html = self.env.get_template("_macros.html").module.item_card(item, show_source)
            finally:
                targets, self._links = self._links, None
            self._cards[key] = (str(html).split(LINK_MARK), targets)
        marked, targets = self._cards[key]
        parts = list(marked)  # text, link number, text, link number … text
        for position, target in enumerate(targets):
            parts[2 * position + 1] = str(escape(self.link(target)))
        return Markup("".join(parts))

    def render(self, template: str, page_url: str, **context) -> str:
        """Render a fragment; ``link(target)`` in it gives a link relative to the page."""
        # A global, not a context variable: imported macros (_macros.html) see globals only.
        self.page_url = page_url
        html = self.env.get_template(template).render(**context)
        # Markdown engines end a raw HTML block at a blank line: keep none.
        return "\n".join(line for line in html.splitlines() if line.strip())


def fragment_environment(fragments_dir: Path) -> jinja2.Environment:
    """The environment that renders ``overrides/fragments/``: autoescaped, strict."""
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(str(fragments_dir)),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=False,
        auto_reload=False,  # one build: no need to stat every fragment at every render
        # Compiled fragments are kept (by source checksum) in the temp folder: a preview
        # or a rebuild does not compile them again.
        bytecode_cache=jinja2.FileSystemBytecodeCache(),
    )
    env.filters["paragraphs"] = paragraphs
    env.filters["cn_date"] = cn_date
    env.tests["web_address"] = is_web_address
    return env


def add_template(env: jinja2.Environment, name: str, source: str) -> None:
    """Give a theme's environment one more template, and keep its compiled templates."""
    env.loader = jinja2.ChoiceLoader([jinja2.DictLoader({name: source}), env.loader])
    # The theme's templates compiled once, not at every build (keyed by their source).
    env.bytecode_cache = env.bytecode_cache or jinja2.FileSystemBytecodeCache()


def escape_html(text: str) -> str:
    """``text`` safe inside HTML, for templates that print it raw."""
    return str(escape(text))


def paragraphs(text: str) -> list[str]:
    """The non-empty lines of a clause: one paragraph each, as in the source."""
    return [line.strip() for line in text.splitlines() if line.strip()]

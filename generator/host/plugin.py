"""The MkDocs plugin. Everything it adds comes from ``output/site.py``; this module fits
it in.

Besides handing MkDocs our pages and files, it keeps a large column fast:

* **theme shells** (``shell.py``): the theme renders the first page of each kind, the
  rest of the kind is that shell filled in;
* **direct pages**: those filled pages do not go through MkDocs' page loop at all
  (``on_files`` leaves them out, ``on_post_build`` writes them, the sitemap still
  lists them);
* **the early search index** (``search/early_index.py``): Pagefind reads our pages as they
  are rendered, on the other core.

Each checks itself against the plain way on the first page of a kind, or page by page
for the index, and falls back to it when they differ.
"""

from __future__ import annotations

import gc
import shutil
from dataclasses import replace
from datetime import date
from pathlib import Path
from urllib.parse import urlsplit

from mkdocs.config import config_options as c
from mkdocs.config.base import Config
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, get_plugin_logger
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.pages import Page as MkDocsPage
from mkdocs.utils import write_file

from generator.core.site_paths import origin_of, web_origin
from generator.errors import PolicyInputError
from generator.host import shell
from generator.host.options import BuildOptions
from generator.output.html.portal_tags import FOOT_KEY, HEAD_KEY, PortalTags
from generator.output.html.renderer import add_template, escape_html, fragment_environment
from generator.output.request import SiteFiles
from generator.output.site import site_files
from generator.pipeline.stages import check_policies, preview_column
from generator.search.early_index import EarlyIndex
from generator.search.index import (
    INDEX_FOLDER,
    SEARCH_TIMEOUT,
    SearchIndexError,
    index_site,
    write_report,
)
from generator.search.words import write_word_files

log = get_plugin_logger(__name__)


FILL_TEMPLATE = "policy-column-fill.html"  # renders only the content, for a page in a shell


ESCAPED_META = ("title", "description")  # front matter that Material's templates print raw


EMBED_EXTRA = "pc_embed_origins"  # in config.extra, for overrides/main.html
FILLED_META = ("title", "description", HEAD_KEY, FOOT_KEY)  # a shell's slots, not its kind


FALLBACK_NOTE = "read from the built pages: a page differed from its search copy"


def page_meta(page) -> dict:
    """A page's metadata as MkDocs gets it: its title included, sorted by key."""
    meta = {"title": page.title, **page.meta}
    # Material prints these into HTML unescaped (its templates have no autoescape).
    for key in ESCAPED_META:
        if isinstance(meta.get(key), str):
            meta[key] = escape_html(meta[key])
    return dict(sorted(meta.items()))


def html_title(title: str, site_name: str) -> str:
    """The ``<title>`` of overrides/main.html: the page's, then the column's name, never twice."""
    if title and title != escape_html(site_name):
        return f"<title>{title} - {site_name}</title>"
    return f"<title>{site_name}</title>"


def nav_uris(nav: list | None) -> set[str] | None:
    """The source paths of the pages in a ``nav:`` setting; ``None`` when it lists all."""
    if nav is None:
        return None
    found: set[str] = set()
    stack = list(nav)
    while stack:
        entry = stack.pop()
        if isinstance(entry, dict):
            stack += entry.values()
        elif isinstance(entry, list):
            stack += entry
        elif isinstance(entry, str):
            found.add(entry)
    return found


class PolicyColumnConfig(Config):
    policies = c.Type(str, default="policies")  # folder with taxonomy.yml and sources/
    fragments = c.Type(str, default="overrides/fragments")  # Jinja2 fragments of our pages
    # ISO date the column is built for; default: POLICY_COLUMN_AS_OF, else today.
    as_of = c.Optional(c.Type((str, date)))
    packages_pdf = c.Type(bool, default=False)  # render every 政策包 as a PDF too (slow)
    # Fill one theme shell per page kind instead of rendering the theme per page (shell.py).
    theme_shells = c.Type(bool, default=True)
    # Preview: build the column of this one source file only (default: POLICY_COLUMN_SOURCE).
    source = c.Optional(c.Type(str))
    # Portal origins (https://www.example.gov.cn) whose pages may embed the column: its
    # frames report their height and place to these only (site_url's origin is one).
    embed_origins = c.ListOfItems(c.Type(str), default=[])


class PolicyColumnPlugin(BasePlugin[PolicyColumnConfig]):
    """Adds the policy column's pages and data files to a MkDocs site."""

    def __init__(self) -> None:
        self.options = BuildOptions()  # what policy-column asked for (host/options.py)
        self.site: SiteFiles | None = None
        self.html_by_uri: dict[str, str] = {}
        self.meta_by_uri: dict[str, dict] = {}  # our pages' front matter, by source path
        self.early_index: EarlyIndex | None = None  # Pagefind, fed our pages as they are made
        self.nav_uris: set[str] = set()  # pages in the navigation: rendered by the theme
        self.env = None  # the theme's Jinja2 environment
        self.files: Files | None = None
        self.templates: dict[str, str | None] = {}  # filled page → its own template, if any
        self.shells: dict[tuple, shell.Shell | None] = {}  # page kind → shell (None: unusable)
        self.context: dict | None = None  # the page context MkDocs made for the current page
        self.contexts: dict[tuple, dict] = {}  # page kind → the context of its first page
        # Pages MkDocs does not build, with their kind: each is its kind's shell filled in
        # (on_post_build).
        self.direct: list[tuple[MkDocsPage, tuple]] = []
        self.command = "build"  # or serve, gh-deploy
        self.build_config = None  # MkDocs' config, for pages rendered outside its loop
        self.all_pages: list[File] = []  # every page file, in order, for the sitemap
        self.portal_tags: PortalTags | None = None  # 网页标签 and footer of pages not ours
        self.top_folders: list[str] = []  # the site's top folders, for the 404 page

    def on_config(self, config):
        base = Path(config.config_file_path or ".").parent
        options = self.options = BuildOptions.from_environment()
        try:
            source = self.config.source or options.source
            policies = base / self.config.policies
            if source:
                column, warnings = preview_column(policies, Path(source), options.cache)
            else:
                column, warnings = check_policies(policies, cache=options.cache)
        except PolicyInputError as error:
            raise PluginError(
                f"policy input has {len(error.problems)} error(s):\n{error}"
            ) from None
        for problem in warnings:
            log.warning(str(problem))
        work = options.search_work
        if work:
            language = config.theme.get("language") or "en"
            self.early_index = EarlyIndex(
                Path(work) / INDEX_FOLDER,
                html_tag=f'<html lang="{language}" class="no-js">',
                title_of=lambda page: html_title(page_meta(page)["title"], config.site_name),
                dest_of=lambda uri: File.generated(config, uri, content="").dest_uri,
                timeout=options.timeout or SEARCH_TIMEOUT,
                keep_fds=options.keep_fds,
            )
        origins = self.embed_origins(config.site_url or "")
        config.extra[EMBED_EXTRA] = " ".join(origins)  # main.html's meta tag, for frame.js
        self.site = site_files(
            column,
            self.today(),
            base / self.config.fragments,
            config.site_url or "",
            packages_pdf=self.config.packages_pdf or options.packages_pdf,
            indexed=self.early_index,
            embed_origins=origins,
        )
        self.html_by_uri = {page.uri: page.html for page in self.site.pages}
        fragments = fragment_environment(base / self.config.fragments)
        self.portal_tags = PortalTags(fragments, column.portal, config.site_url or "")
        # The column and its pages live until the end of the build: the garbage collector
        # need not walk them again at every full collection.
        gc.freeze()
        return config

    def embed_origins(self, site_url: str) -> tuple[str, ...]:
        """The portal origins of mkdocs.yml and ``--embed-origin``, and site_url's; checked."""
        listed = [*self.config.embed_origins, *self.options.embed_origins]
        bad = [origin for origin in listed if not web_origin(origin)]
        if bad:
            raise PluginError(
                f"embed_origins: {', '.join(map(repr, bad))} is not an origin — write "
                "scheme and host only, e.g. https://www.example.gov.cn"
            )
        found = [web_origin(origin) for origin in listed]
        own = origin_of(site_url)
        return tuple(sorted(set(found + ([own] if own else []))))

    def today(self) -> date:
        as_of = self.config.as_of or self.options.as_of
        if isinstance(as_of, date):
            return as_of
        return date.fromisoformat(as_of) if as_of else date.today()

    def on_startup(self, *, command: str, dirty: bool) -> None:
        self.command = command

    def on_files(self, files: Files, *, config) -> Files:
        assert self.site is not None
        self.build_config = config
        # Not when serving: MkDocs builds excluded pages there all the same (as drafts).
        in_nav = nav_uris(config.nav) if self.command == "build" else None
        # Our fragments are read at build time, not published (MkDocs copies the theme
        # folder's other files, such as the copy templates fragments/copy/*.txt).
        fragments = (Path(config.config_file_path or ".").parent / self.config.fragments).resolve()
        for file in [f for f in files if f.abs_src_path]:
            if Path(file.abs_src_path).resolve().is_relative_to(fragments):
                files.remove(file)
        kinds = set()
        for page in self.site.pages:
            # Handed over in on_page_markdown, not as front matter: YAML written and read
            # back for every page cost more than MkDocs' own work on it.
            meta = self.meta_by_uri[page.uri] = page_meta(page)
            file = File.generated(config, page.uri, content="")
            files.append(file)
            kind = self.kind(file, meta, page.html) if in_nav is not None else None
            if kind is None or page.uri in in_nav:
                continue
            if kind in kinds:
                # Not the first of its kind: MkDocs leaves it out (a page per file costs
                # it more than our whole page), on_post_build writes it from the shell.
                file.inclusion = InclusionLevel.EXCLUDED
                direct = MkDocsPage(None, file, config)
                direct.meta, direct.content = meta, page.html
                self.direct.append((direct, kind))
            kinds.add(kind)
        self.all_pages = [file for file in files if file.is_documentation_page()]
        for path, data in sorted(self.site.files.items()):
            files.append(File.generated(config, path, content=data))
        folders = {file.dest_uri.split("/")[0] for file in files if "/" in file.dest_uri}
        self.top_folders = sorted(folders | {INDEX_FOLDER})
        return files

    def on_template_context(self, context: dict, *, template_name: str, config) -> dict:
        if template_name == "sitemap.xml":  # the pages MkDocs left to us belong in it too
            context["pages"] = [file for file in self.all_pages if file.page is not None]
        if template_name == "404.html":
            # Served at any missing address: links relative to the column's root, which the
            # page's <base> finds (overrides/partials/pc-not-found-base.html).
            context["base_url"] = ""
            context["pc_not_found"] = {
                "path": urlsplit(config.site_url or "/").path or "/",
                "folders": self.top_folders,
            }
        return context

    # --- after MkDocs' page loop: the direct pages, then the search index -----------

    def on_post_build(self, *, config) -> None:
        """Write the pages MkDocs left to us; then the search index."""
        for page, kind in self.direct:
            output = self.from_shell(page, kind)
            write_file(output.encode("utf-8"), page.file.abs_dest_path)
            if self.early_index is not None:
                self.early_index.check(page.file.dest_uri, output)
        if self.early_index is not None:
            self.finish_index(self.early_index, config)

    @staticmethod
    def finish_index(early_index: EarlyIndex, config) -> None:
        """Move the early search index into the site, or index the written pages."""
        report = early_index.result()
        if report is not None:
            shutil.move(early_index.output, Path(config.site_dir) / INDEX_FOLDER)
            write_word_files(Path(config.site_dir), Path(config.site_dir) / INDEX_FOLDER)
        else:
            log.debug("a page differs from its search copy: the written pages are indexed")
            try:
                report = index_site(
                    Path(config.site_dir), early_index.timeout, early_index.keep_fds
                )
            except SearchIndexError as error:
                raise PluginError(str(error)) from None
            report = replace(report, note=FALLBACK_NOTE)
        write_report(early_index.output.parent, report)  # the build's search work folder

    def on_page_markdown(self, markdown: str, *, page: MkDocsPage, config, files) -> str:
        meta = self.meta_by_uri.get(page.file.src_uri)
        if meta is None:
            return markdown
        page.meta = dict(meta)
        # Our pages arrive as finished HTML: skip Markdown, which could only mangle it.
        return ""

    def on_page_content(self, html: str, *, page: MkDocsPage, config, files) -> str:
        uri = page.file.src_uri
        html = self.html_by_uri.get(uri, html)
        ours = uri in self.html_by_uri and uri not in self.nav_uris
        if ours and self.kind(page.file, page.meta, html):
            # MkDocs renders this stand-in; on_post_page puts the page into its shell.
            self.templates[uri] = page.meta.get("template")
            page.meta["template"] = FILL_TEMPLATE
        return html

    # --- theme shells (shell.py) -----------------------------------------------------

    def kind(self, file: File, meta: dict, html: str) -> tuple | None:
        """The kind of one of our pages that a shell can hold (``None``: the theme renders it).

        Pages of a kind differ in the theme only by title, description, URL and content:
        same top folder, same depth, same other metadata, same choice of heading.
        """
        uri = file.src_uri
        texts = (html, str(meta.get("title", "")), str(meta.get("description", "")))
        if (
            not self.config.theme_shells
            or "/" not in uri
            or uri.endswith("index.md")  # folder pages: their URL is a level shorter
            or any(shell.TOKEN in text for text in texts)
        ):
            return None
        return (
            uri.split("/", 1)[0],
            file.url.count("/"),
            repr(sorted((k, v) for k, v in meta.items() if k not in FILLED_META)),
            "description" in meta,
            "<h1" in html,
        )

    def on_nav(self, nav, *, config, files):
        self.nav_uris = {page.file.src_uri for page in nav.pages}
        return nav

    def on_env(self, env, *, config, files: Files):
        add_template(env, FILL_TEMPLATE, "{{ page.content }}")
        if self.portal_tags is not None:  # pages without a page (404.html): the column's own
            env.globals[HEAD_KEY] = self.portal_tags.head(config.site_name, "", None)
            env.globals[FOOT_KEY] = self.portal_tags.foot(config.site_name, "")
        self.env, self.files = env, files
        return env

    def on_page_context(self, context: dict, *, page: MkDocsPage, config, nav) -> dict:
        if HEAD_KEY not in page.meta and self.portal_tags is not None:  # docs/ pages
            title = str(page.title or config.site_name)
            page.meta[HEAD_KEY] = self.portal_tags.head(title, page.url, None)
            page.meta[FOOT_KEY] = self.portal_tags.foot(title, page.url)
        self.context = context
        return context

    def on_post_page(self, output: str, *, page: MkDocsPage, config) -> str:
        output = self.themed(output, page, config)
        if self.early_index is not None:
            self.early_index.check(page.file.dest_uri, output)
        return output

    def themed(self, output: str, page: MkDocsPage, config) -> str:
        """The page in its theme: filled into its kind's shell, or as MkDocs rendered it."""
        uri = page.file.src_uri
        if uri not in self.templates:
            return output
        template = self.templates.pop(uri)
        if template is None:
            del page.meta["template"]
        else:
            page.meta["template"] = template
        key = self.kind(page.file, page.meta, page.content or "")
        if key not in self.shells:
            # The first page of its kind: its real render decides whether the shell is exact.
            real = self.render(page, self.context)
            made = self.make_shell(page, config)
            exact = made is not None and self.fill(made, page) == real
            self.shells[key] = made if exact else None
            self.contexts[key] = dict(self.context or {})
            if not exact:
                log.debug(f"theme shell differs for {uri}: its kind is rendered page by page")
            return real
        made = self.shells[key]
        return self.fill(made, page) if made is not None else self.render(page, self.context)

    def from_shell(self, page: MkDocsPage, key: tuple) -> str:
        """A page MkDocs left to us, in the theme: its kind's shell filled in, or rendered
        like its kind's first page when the shell was not exact."""
        made = self.shells[key]
        if made is not None:
            return self.fill(made, page)
        content, meta = page.content, page.meta
        page.read_source(self.build_config)
        page.render(self.build_config, self.files)
        page.content, page.meta = content, meta
        return self.render(page, dict(self.contexts[key], page=page))

    def render(self, page: MkDocsPage, context: dict | None) -> str:
        assert self.env is not None and context is not None
        return self.env.get_template(page.meta.get("template", "main.html")).render(context)

    def make_shell(self, page: MkDocsPage, config) -> shell.Shell | None:
        """The page's kind rendered once, around sentinel values."""
        fake = MkDocsPage(
            None, File.generated(config, shell.sentinel_uri(page.file.src_uri), content=""), config
        )
        fake.read_source(config)
        fake.meta = dict(page.meta, title=shell.TITLE)
        if "description" in page.meta:
            fake.meta["description"] = shell.DESCRIPTION
        if HEAD_KEY in page.meta:
            fake.meta |= {HEAD_KEY: shell.HEAD, FOOT_KEY: shell.FOOT}
        fake.render(config, self.files)
        content = shell.sentinel_content("<h1" in (page.content or ""))
        fake.content = content
        fake.active = True
        try:
            html = self.render(fake, dict(self.context or {}, page=fake))
        except Exception as error:  # a theme that cannot render it: render page by page
            log.debug(f"no theme shell for {page.file.src_uri}: {error}")
            return None
        finally:
            fake.active = False
        return shell.Shell(html, shell.url_tail(fake.url), content)

    @staticmethod
    def fill(made: shell.Shell, page: MkDocsPage) -> str:
        return made.fill(
            title=str(page.meta.get("title", "")),
            description=str(page.meta.get("description", "")),
            content=page.content or "",
            tail=shell.url_tail(page.url),
            head=str(page.meta.get(HEAD_KEY, "")),
            foot=str(page.meta.get(FOOT_KEY, "")),
        )

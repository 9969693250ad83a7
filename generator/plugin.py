"""The MkDocs plugin: hooks only. Everything it adds comes from ``site.py``."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import yaml
from markupsafe import escape
from mkdocs.config import config_options as c
from mkdocs.config.base import Config
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, get_plugin_logger
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page as MkDocsPage

from .errors import PolicyInputError
from .site import SiteFiles, check_policies, site_files

log = get_plugin_logger(__name__)
ESCAPED_META = ("title", "description")  # front matter that Material's templates print raw


class PolicyColumnConfig(Config):
    policies = c.Type(str, default="policies")  # folder with taxonomy.yml and sources/
    fragments = c.Type(str, default="overrides/fragments")  # Jinja2 fragments of our pages
    # ISO date the column is built for; default today. !ENV values arrive parsed as YAML, a date.
    as_of = c.Optional(c.Type((str, date)))
    packages_pdf = c.Type(bool, default=False)  # render every 政策包 as a PDF too (slow)


class PolicyColumnPlugin(BasePlugin[PolicyColumnConfig]):
    """Adds the policy column's pages and data files to a MkDocs site."""

    def __init__(self) -> None:
        self.site: SiteFiles | None = None
        self.html_by_uri: dict[str, str] = {}

    def on_config(self, config):
        base = Path(config.config_file_path or ".").parent
        try:
            column, warnings = check_policies(base / self.config.policies)
        except PolicyInputError as error:
            raise PluginError(
                f"policy input has {len(error.problems)} error(s):\n{error}"
            ) from None
        for problem in warnings:
            log.warning(str(problem))
        self.site = site_files(
            column,
            self.today(),
            base / self.config.fragments,
            config.site_url or "",
            packages_pdf=self.config.packages_pdf,
        )
        self.html_by_uri = {page.uri: page.html for page in self.site.pages}
        return config

    def today(self) -> date:
        as_of = self.config.as_of
        if isinstance(as_of, date):
            return as_of
        return date.fromisoformat(as_of) if as_of else date.today()

    def on_files(self, files: Files, *, config) -> Files:
        assert self.site is not None
        for page in self.site.pages:
            meta = {"title": page.title, **page.meta}
            # Material prints these into HTML unescaped (its templates have no autoescape).
            for key in ESCAPED_META:
                if isinstance(meta.get(key), str):
                    meta[key] = str(escape(meta[key]))
            front_matter = yaml.safe_dump(meta, allow_unicode=True, sort_keys=True)
            content = f"---\n{front_matter}---\n"
            files.append(File.generated(config, page.uri, content=content))
        for path, data in sorted(self.site.files.items()):
            files.append(File.generated(config, path, content=data))
        return files

    def on_page_markdown(self, markdown: str, *, page: MkDocsPage, config, files) -> str:
        # Our pages arrive as finished HTML: skip Markdown, which could only mangle it.
        return "" if page.file.src_uri in self.html_by_uri else markdown

    def on_page_content(self, html: str, *, page: MkDocsPage, config, files) -> str:
        return self.html_by_uri.get(page.file.src_uri, html)

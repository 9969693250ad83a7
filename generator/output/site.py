"""The whole column as files: every producer of pages and data, listed once.

Engine-neutral: the MkDocs host (``host/plugin.py``) takes what this returns.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

from generator.core.model import Column
from generator.output.data.api import api_files
from generator.output.data.finder import finder_files
from generator.output.data.query_files import query_files
from generator.output.data.tables import list_files
from generator.output.html.interpretations import interpretation_pages
from generator.output.html.packages import package_files
from generator.output.html.pages import column_pages
from generator.output.html.portal_tags import PortalTags
from generator.output.html.redirects import redirect_files
from generator.output.html.report_pages import report_files
from generator.output.html.schedule_pages import schedule_files
from generator.output.html.widgets import widget_files
from generator.output.request import PageSink, Producer, SiteFiles, SiteRequest

# In this order: the API publishes the records of the 政策包 and the widgets.
PRODUCERS: tuple[Producer, ...] = (
    # First: the search index starts on their pages (items/, sources/, zcjd/: site order)
    # while the rest is made.
    column_pages,
    interpretation_pages,
    list_files,
    finder_files,
    query_files,
    package_files,
    widget_files,
    api_files,
    schedule_files,
    report_files,  # 周调度 / 旬通报
    redirect_files,
)


def site_files(
    column: Column,
    today: date,
    fragments_dir: Path,
    site_url: str = "",
    packages_pdf: bool = False,
    indexed: PageSink | None = None,
    embed_origins: tuple[str, ...] = (),
) -> SiteFiles:
    """Every page and data file of the column, rendered for ``today``.

    ``packages_pdf`` also renders every 政策包 as a PDF (slow: WeasyPrint).
    ``indexed`` gets each page the search index reads as soon as it is rendered, in the
    order of their paths (the host hands them to Pagefind while the rest is made).
    ``embed_origins`` are the portals whose frames the widgets talk to.
    """
    request = SiteRequest.of(
        column, today, fragments_dir, site_url, packages_pdf, indexed, embed_origins
    )
    made = SiteFiles()
    for produce in PRODUCERS:
        made = made + produce(request, made)
        if produce is INDEXED_LAST and indexed is not None:
            indexed.close()  # every searchable page is in: Pagefind can finish
    # Every page gets the portal's 网页标签 and footer band (policies/portal.yml).
    tags = PortalTags(request.renderer.env, column.portal, site_url)
    return SiteFiles([tags.tagged(page) for page in made.pages], made.files, made.records)


INDEXED_LAST = interpretation_pages  # the last producer of pages the search index reads

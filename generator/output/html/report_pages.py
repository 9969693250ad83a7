"""The 周调度/旬通报 in the site (``schedule/reports/``) and as files: page, A4 PDF, XLSX.

One page per week and per 旬 that has begun by the build date, each counted up to the
end of its period or the build date, whichever comes first; the list of them, newest
first. The PDF (WeasyPrint, like the 政策包) is rendered from the same body.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path

from markupsafe import Markup, escape

from generator.core.calendar import weekday_name
from generator.core.model import Column, Item, Slot
from generator.core.page import Page
from generator.core.report import (
    DEKAD,
    LIGHT_NAMES,
    WEEK,
    Period,
    Report,
    ReportBasis,
    build_report,
    campaign_periods,
)
from generator.core.site_paths import absolute_url
from generator.output.data.report_table import report_xlsx
from generator.output.html.renderer import FragmentRenderer
from generator.output.pdf import html_pdfs
from generator.output.request import SiteFiles, SiteRequest

REPORTS_ROOT = "schedule/reports/"


LIST_LIMIT = 60  # items a page lists under one heading; the PDF and the XLSX list them all


@dataclass(frozen=True)
class ReportFiles:
    """Where one report's page and downloads go (site paths)."""

    period: Period

    @property
    def url(self) -> str:
        return f"{REPORTS_ROOT}{self.period.slug}/"

    @property
    def xlsx(self) -> str:
        return f"{self.url}{self.period.slug}.xlsx"

    @property
    def pdf(self) -> str:
        return f"{self.url}{self.period.slug}.pdf"


class ReportRenderer:
    """Renders a report's body for the site or for a standalone (PDF) document."""

    def __init__(self, renderer: FragmentRenderer, column: Column, site_url: str = ""):
        self.renderer = renderer
        self.column = column
        self.site_url = site_url
        self.titles = {item.id: item.title for item in column.items}

    def body(
        self, report: Report, document: bool, with_xlsx: bool = False, with_pdf: bool = False
    ) -> str:
        files = ReportFiles(report.period)
        assert self.column.schedule is not None
        first = self.column.schedule.campaign.start
        previous = report.period.preceding()
        following = report.period.following()
        next_days: dict[date, list[Slot]] = {}
        for slot in report.next_slots:
            next_days.setdefault(slot.day, []).append(slot)
        return self.renderer.render(
            "report.html",
            files.url,
            r=report,
            document=document,
            downloads={
                "xlsx": files.xlsx if with_xlsx else "",
                "pdf": files.pdf if with_pdf else "",
            },
            shown=LIST_LIMIT if not document else len(report.public),
            previous=ReportFiles(previous).url if previous.end >= first else "",
            following=ReportFiles(following).url if following.start <= self.renderer.today else "",
            light_names=LIGHT_NAMES,
            totals=totals(report),
            missed=[slot for c in report.channels for slot in c.missed],
            names={c.plan.id: c.plan.name for c in report.channels},
            titles=self.titles,
            next_days=sorted((day, tuple(slots)) for day, slots in next_days.items()),
            weekday=lambda day: f"周{weekday_name(day)}",
            item_link=lambda item: self.item_link(item, files.url, document),
        )

    def item_link(self, item: Item, page_url: str, document: bool) -> Markup:
        """The item's title as a link: relative on the page, absolute in the PDF."""
        if document:
            href = absolute_url(self.site_url, item.url)
        else:
            self.renderer.page_url = page_url
            href = self.renderer.link(item.url)
        return Markup('<a href="{}">{}</a>').format(href, item.title)

    def page(self, report: Report, with_xlsx: bool, with_pdf: bool) -> Page:
        html = self.body(report, document=False, with_xlsx=with_xlsx, with_pdf=with_pdf)
        title = f"{report.period.title} · {report.period.label}"
        return Page(
            f"{ReportFiles(report.period).url.rstrip('/')}.md",
            title,
            html,
            {"hide": ["navigation", "toc"], "description": f"宣传专班{title}"},
        )

    def document(self, report: Report) -> str:
        """A standalone HTML document of the report, for the PDF."""
        body = self.body(report, document=True)
        title = escape(f"宣传专班{report.period.title} {report.period.label}")
        return (
            '<!doctype html>\n<html lang="zh-CN"><head><meta charset="utf-8">'
            f"<title>{title}</title></head>"
            f'<body class="pc-report-document md-typeset">{body}</body></html>\n'
        )

    def index_page(self, weeks: list[Period], dekads: list[Period]) -> Page:
        html = self.renderer.render(
            "report_index.html",
            REPORTS_ROOT,
            groups=[("旬通报", dekads[::-1]), ("周调度", weeks[::-1])],
            url_of=lambda period: ReportFiles(period).url,
        )
        return Page(
            f"{REPORTS_ROOT.rstrip('/')}.md",
            "周调度 / 旬通报",
            html,
            {"hide": ["navigation", "toc"]},
        )


def totals(report: Report) -> dict[str, int | None]:
    reads = [c.reads for c in report.channels if c.reads is not None]
    return {
        "planned": sum(c.planned for c in report.channels),
        "due": sum(c.due for c in report.channels),
        "pushed": sum(c.pushed for c in report.channels),
        "reads": sum(reads) if reads else None,
    }


def period_report(column: Column, period: Period, today: date, basis: ReportBasis) -> Report:
    """The period's report as of its last day, or ``today`` while it runs."""
    return build_report(column, period, min(period.end, today), basis)


def report_files(request: SiteRequest, made: SiteFiles) -> SiteFiles:
    """A page per week and 旬 begun by the build date, and the list of them; the current
    week's and 旬's XLSX (openpyxl takes a tenth of a second a workbook: past periods'
    come from ``policy-column report``), and with ``packages_pdf`` their PDFs."""
    column, today = request.column, request.today
    schedule = column.schedule
    if schedule is None:
        return SiteFiles()
    renderer = ReportRenderer(request.renderer, column, request.site_url)
    weeks = campaign_periods(schedule, WEEK, today)
    dekads = campaign_periods(schedule, DEKAD, today)
    pages = [renderer.index_page(weeks, dekads)]
    files: dict[str, bytes] = {}
    documents: dict[str, str] = {}
    basis = ReportBasis.of(column)
    for period in dekads + weeks:
        report = period_report(column, period, today, basis)
        current = period.start <= today <= period.end
        with_pdf = request.packages_pdf and current
        pages.append(renderer.page(report, current, with_pdf))
        if current:
            files[ReportFiles(period).xlsx] = report_xlsx(report, column)
        if with_pdf:
            documents[ReportFiles(period).pdf] = renderer.document(report)
    if documents:
        files.update(html_pdfs(documents, report_stylesheet(request)))
    return SiteFiles(pages, files)


def report_stylesheet(request: SiteRequest) -> Path:
    return request.fragments_dir.parent / "assets" / "stylesheets" / "report.css"

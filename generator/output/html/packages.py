"""政策包 (policy packages): the printable set of items a work team hands to a visited
enterprise or household, one per audience × sector pair that has items.

A package is a column page (``packages/<audience>/<sector>/``) that prints on A4, and,
when asked for, the same fragment as a PDF (WeasyPrint, CJK fonts embedded). Every item
carries a QR code to its online page, drawn offline with segno from ``site_url``.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from markupsafe import Markup

from generator.core.model import Column, Item, Term
from generator.core.page import Page
from generator.core.rules import filed_under, is_current, item_status, sort_items
from generator.core.site_paths import absolute_url
from generator.output.html.renderer import FragmentRenderer, cn_date
from generator.output.pdf import html_pdfs
from generator.output.qr import prefetch, qr_svg_inline
from generator.output.request import SiteFiles, SiteRequest

PACKAGES_ROOT = "packages/"


# Packages show what a visitor can still claim: expired items are left out (and counted).


# 12345 is the nationwide government service hotline: the fallback when a clause names no phone.
NO_PHONE = "原文未列明；可拨打 12345 政务服务便民热线咨询"


@dataclass(frozen=True)
class Package:
    """The items for one audience (对象) in one sector (行业)."""

    audience: Term
    sector: Term
    items: tuple[Item, ...]  # not expired on the build date, in the column's order
    expired: int = 0  # items of the pair left out because they have expired

    @property
    def slug(self) -> str:
        return f"{self.audience.id}/{self.sector.id}"

    @property
    def url(self) -> str:
        return f"{PACKAGES_ROOT}{self.slug}/"

    @property
    def pdf(self) -> str:
        """Site path of the PDF; the file name says what it is when downloaded."""
        return f"{self.url}policy-package-{self.audience.id}-{self.sector.id}.pdf"

    @property
    def title(self) -> str:
        return f"{self.audience.name} · {self.sector.name} 政策包"


def find_packages(column: Column, today: date) -> list[Package]:
    """One package per audience × sector pair that has items, in taxonomy order.

    Broader terms collect their narrower ones: 企业 × 家电 holds the 中小企业 items too.
    A narrower term's package also holds what is addressed to its broader terms, as the
    finder does: a 生产企业 reads the items for every 企业 in it. A pair exists as long as
    items are filed under it, so package URLs do not come and go with the build date; its
    expired items are left out of the package.
    """
    taxonomy = column.taxonomy
    pairs: dict[tuple[str, str], list[Item]] = {}
    for item in column.items:
        for audience in filed_under(item, "audiences", taxonomy):
            for sector in filed_under(item, "sectors", taxonomy):
                pairs.setdefault((audience, sector), []).append(item)
    packages = []
    for audience in taxonomy.audiences.terms:
        broader = [t for t in taxonomy.audiences.with_ancestors((audience.id,)) if t != audience.id]
        for sector in taxonomy.sectors.terms:
            own = pairs.get((audience.id, sector.id))
            if not own:
                continue
            inherited = [
                item
                for term in broader
                for item in pairs.get((term, sector.id), [])
                if term in item.audiences
            ]
            items = list(dict.fromkeys(own + inherited))
            current = [i for i in sort_items(items, today) if is_current(i, today)]
            packages.append(Package(audience, sector, tuple(current), len(items) - len(current)))
    return packages


def qr_svg(url: str, label: str = "") -> Markup:
    """A QR code for ``url`` as inline SVG, white quiet zone included (it must scan on
    a dark high-contrast page and on paper alike); sized by CSS."""
    svg = qr_svg_inline(url)
    # Screen readers hear what the code points to instead of a path of modules.
    title = Markup('<svg role="img" aria-label="{}" ').format(label or f"二维码：{url}")
    return Markup(svg.replace("<svg ", title, 1))


def item_facts(column: Column, item: Item, today: date) -> dict:
    """What a package says about an item: 要点 and the who / how much / how / until when."""
    d = item.details
    issuers = "、".join(column.taxonomy.issuers.get(i).name for i in item.source.issuers)
    if d.deadline:
        until = f"申报截止 {cn_date(d.deadline)}"
    elif item.expires:
        until = f"有效期至 {cn_date(item.expires)}"
    else:
        until = "长期有效（以原文为准）"
    if d.opens:
        until = f"{cn_date(d.opens)}起；{until}"
    amount = "；".join(part for part in (d.amount, d.max_amount) if part)
    audiences = "、".join(column.taxonomy.audiences.get(a).name for a in item.audiences)
    first_paragraph = next((line.strip() for line in item.text.splitlines() if line.strip()), "")
    return {
        "summary": d.summary,
        "excerpt": "" if d.summary else shorten(first_paragraph, 160),
        "who": d.who or audiences,
        "amount": amount,
        "how": d.how_to_apply,
        "apply_url": d.apply_url,
        "materials": d.materials,
        "until": until,
        "status": item_status(item, today),
        "department": d.department or f"原文未列明（发文机关：{issuers}）",
        "phone": d.phone or NO_PHONE,
        "issuers": issuers,
        "clause": "".join(item.clause),
    }


def shorten(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


class PackageRenderer:
    """Renders packages with ``package.html`` for the column and for PDFs."""

    def __init__(self, renderer: FragmentRenderer, site_url: str = ""):
        self.column = renderer.column
        self.today = renderer.today
        self.site_url = site_url
        self.pages = renderer

    def body(self, package: Package, page_url: str, absolute: bool, pdf: str | None) -> str:
        """The package as HTML: cover, contents, one section per item.

        ``absolute`` links everything to the published site (a PDF has no "here").
        """

        def href(target: str) -> str:
            return absolute_url(self.site_url, target) if absolute else self.pages.link(target)

        entries = [
            {
                "item": item,
                "facts": item_facts(self.column, item, self.today),
                "online": absolute_url(self.site_url, item.url),
                # A PDF gets its codes now; a page draws them in the browser (qr.js).
                "qr": qr_svg(absolute_url(self.site_url, item.url), f"二维码：{item.title}")
                if absolute
                else None,
            }
            for item in package.items
        ]
        return self.pages.render(
            "package.html",
            page_url,
            package=package,
            entries=entries,
            href=href,
            draw_qr=not absolute,
            pdf=pdf,
            site_name="“两重”“两新”政策专栏",
            # A PDF has no page around it: it carries the portal's footer band itself.
            portal=self.column.portal if absolute else None,
            home=absolute_url(self.site_url, ""),
        )

    def page(self, package: Package, with_pdf: bool) -> Page:
        html = self.body(package, package.url, False, package.pdf if with_pdf else None)
        description = f"{package.title}：{len(package.items)} 条政策的要点、申报方式和咨询电话"
        meta = {"description": description, "hide": ["navigation", "toc"]}
        return Page(f"{PACKAGES_ROOT}{package.slug}.md", package.title, html, meta)

    def index_page(self, packages: list[Package], with_pdf: bool) -> Page:
        by_audience: dict[str, list[Package]] = {}
        for package in packages:
            by_audience.setdefault(package.audience.id, []).append(package)
        taxonomy = self.column.taxonomy
        html = self.pages.render(
            "packages.html",
            PACKAGES_ROOT,
            groups=[(taxonomy.audiences.get(a), ps) for a, ps in by_audience.items()],
            audiences=[t for t in taxonomy.audiences.terms if t.id in by_audience],
            sectors=[t for t in taxonomy.sectors.terms if t.id in {p.sector.id for p in packages}],
            with_pdf=with_pdf,
        )
        meta = {"description": "按对象和行业组合的政策包，可打印、可下载。", "hide": ["toc"]}
        return Page(f"{PACKAGES_ROOT}index.md", "政策包", html, meta)

    def custom_page(self) -> Page:
        """``packages/custom/?audience=…&sector=…&item=…``: any combination, assembled in
        the browser from ``api/v1/``; the finder links here."""
        taxonomy = self.column.taxonomy
        html = self.pages.render(
            "package_custom.html",
            f"{PACKAGES_ROOT}custom/",
            audiences=taxonomy.audiences.terms,
            sectors=taxonomy.sectors.terms,
            site_name="“两重”“两新”政策专栏",
        )
        meta = {"hide": ["navigation", "toc"]}
        return Page(f"{PACKAGES_ROOT}custom.md", "定制政策包", html, meta)

    def document(self, package: Package) -> str:
        """A standalone HTML document of the package, for the PDF."""
        body = self.body(package, package.url, True, None)
        return (
            '<!doctype html>\n<html lang="zh-CN"><head><meta charset="utf-8">'
            f"<title>{Markup.escape(package.title)}</title></head>"
            f'<body class="pc-package-document md-typeset">{body}</body></html>\n'
        )


def packages_record(packages: list[Package], site_url: str, with_pdf: bool) -> dict:
    """``api/v1/packages.json``."""
    return {
        "count": len(packages),
        "packages": [
            {
                "audience": {"id": p.audience.id, "name": p.audience.name},
                "sector": {"id": p.sector.id, "name": p.sector.name},
                "title": p.title,
                "url": p.url,
                "href": absolute_url(site_url, p.url),
                "pdf": p.pdf if with_pdf and p.items else None,
                "items": [item.id for item in p.items],
            }
            for p in packages
        ],
    }


def package_files(request: SiteRequest, made: SiteFiles) -> SiteFiles:
    """The package pages, their PDFs when asked for, and the API record."""
    column, today, site_url = request.column, request.today, request.site_url
    with_pdf = request.packages_pdf
    packages = find_packages(column, today)
    renderer = PackageRenderer(request.renderer, site_url)
    pages = [renderer.index_page(packages, with_pdf), renderer.custom_page()]
    pages += [renderer.page(p, with_pdf and bool(p.items)) for p in packages]
    files: dict[str, bytes] = {}
    if with_pdf:
        # Packages leave expired items out: their codes are the current items'.
        current = [item for item in column.items if is_current(item, today)]
        prefetch([absolute_url(site_url, item.url) for item in current])
        stylesheet = request.fragments_dir.parent / "assets" / "stylesheets" / "package.css"
        documents = {p.pdf: renderer.document(p) for p in packages if p.items}
        files.update(html_pdfs(documents, stylesheet))
    record = packages_record(packages, site_url, with_pdf)
    return SiteFiles(pages, files, {"packages": record})

"""HTML to A4 PDF with WeasyPrint, for the 政策包 (imported only when PDFs are asked for:
it needs Debian's pango and fonts-noto-cjk)."""

from __future__ import annotations

import concurrent.futures
import os
from pathlib import Path


def html_pdf(html: str, stylesheet: Path) -> bytes:
    """One HTML document as a PDF, with its stylesheet."""
    from weasyprint import CSS, HTML

    document = HTML(string=html, base_url=str(stylesheet.parent))
    return document.write_pdf(stylesheets=[CSS(filename=str(stylesheet))])


def html_pdfs(documents: dict[str, str], stylesheet: Path) -> dict[str, bytes]:
    """Every document as a PDF, on all cores: WeasyPrint takes a second or two per package."""
    paths = sorted(documents)
    if len(paths) < 2:
        return {path: html_pdf(documents[path], stylesheet) for path in paths}
    workers = min(len(paths), os.cpu_count() or 1)
    with concurrent.futures.ProcessPoolExecutor(max_workers=workers) as pool:
        pdfs = pool.map(html_pdf, [documents[p] for p in paths], [stylesheet] * len(paths))
        return dict(zip(paths, pdfs, strict=True))

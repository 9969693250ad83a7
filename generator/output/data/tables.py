"""The 政策清单 (policy list) as CSV and XLSX: safe for spreadsheets, byte-identical rebuilds."""

from __future__ import annotations

import csv
import io
import zipfile
from datetime import date, datetime

from generator.core.model import Column
from generator.core.rules import sort_items
from generator.core.site_paths import LIST_DOWNLOADS
from generator.output.data.records import item_record
from generator.output.request import SiteFiles, SiteRequest

# A fixed time for everything written into zip archives, so rebuilds are byte-identical.
ZIP_EPOCH = (2024, 1, 1, 0, 0, 0)


# What makes Excel or WPS read a cell as a formula (full-width forms too): never from our text.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r", "＝", "＋", "－", "＠")


LIST_COLUMNS = (
    ("编号", "id"),
    ("政策名称", "title"),
    ("文件标题", "source_title"),
    ("文号", "doc_number"),
    ("发文机关", "issuer"),
    ("层级", "level"),
    ("主题", "themes"),
    ("行业", "sectors"),
    ("对象", "audiences"),
    ("申报截止", "deadline"),
    ("有效期至", "expires"),
    ("状态", "status"),
    ("链接", "url"),
)


def list_rows(column: Column, today: date, site_url: str = "") -> list[list[str]]:
    """The 政策清单 as rows of text, header first; lists joined with "、"."""
    rows = [[header for header, _ in LIST_COLUMNS]]
    for item in sort_items(column.items, today):
        record = item_record(column, item, today)
        record["url"] = site_url.rstrip("/") + "/" + item.url if site_url else item.url
        row = []
        for _, key in LIST_COLUMNS:
            value = record[key]
            row.append("、".join(value) if isinstance(value, list) else value or "")
        rows.append(row)
    return rows


def list_csv(rows: list[list[str]]) -> bytes:
    """UTF-8 with a byte-order mark, which Excel needs to read Chinese CSV correctly."""
    buffer = io.StringIO()
    safe_rows = [[f"'{cell}" if is_formula_like(cell) else cell for cell in row] for row in rows]
    csv.writer(buffer, lineterminator="\r\n").writerows(safe_rows)
    return buffer.getvalue().encode("utf-8-sig")


def is_formula_like(value: object) -> bool:
    """Text a spreadsheet would run as a formula (=, +, -, @ …): "CSV injection"."""
    return isinstance(value, str) and value.startswith(FORMULA_STARTS)


def list_xlsx(
    rows: list[list[str]],
    sheet_title: str = "政策清单",
    widths: dict[str, int] | None = None,
    wrap: tuple[str, ...] = (),
) -> bytes:
    """The rows as an Excel workbook of one sheet (see :func:`workbook_xlsx`)."""
    return workbook_xlsx({sheet_title: rows}, widths=widths, wrap=wrap)


def workbook_xlsx(
    sheets: dict[str, list[list]],
    title: str = "",
    widths: dict[str, int] | None = None,
    wrap: tuple[str, ...] = (),
) -> bytes:
    """A workbook, a sheet per entry, each with a bold, frozen header row; text never read as a
    formula; the same bytes for the same rows.

    ``widths`` sets column widths by letter; the columns in ``wrap`` wrap their text.
    """
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font
    from openpyxl.writer.excel import ExcelWriter

    workbook = Workbook()
    workbook.remove(workbook.active)
    for sheet_title, rows in sheets.items():
        sheet = workbook.create_sheet(sheet_title)
        for row in rows:
            sheet.append(row)
        for cells in sheet.iter_rows():
            for cell in cells:
                if is_formula_like(cell.value):
                    # Text, not a formula; the quote prefix keeps it text when someone edits it.
                    cell.data_type = "s"
                    cell.quotePrefix = True
        for cell in sheet[1]:
            cell.font = Font(bold=True)
        sheet.freeze_panes = "A2"
        for letter, width in (widths or {}).items():
            sheet.column_dimensions[letter].width = width
        for letter in wrap:
            for cell in sheet[letter][1:]:
                cell.alignment = Alignment(wrap_text=True, vertical="top")
    fixed = datetime(*ZIP_EPOCH)
    workbook.properties.created = workbook.properties.modified = fixed
    if title:
        workbook.properties.title = title
    buffer = io.BytesIO()
    # ExcelWriter, unlike Workbook.save, keeps the fixed times instead of stamping "now".
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        ExcelWriter(workbook, archive).save()
    return fix_zip_times(buffer.getvalue())


def fix_zip_times(data: bytes) -> bytes:
    """Rewrite a zip archive with fixed entry times, so the same input gives the same bytes."""
    source = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            fixed = zipfile.ZipInfo(info.filename, date_time=ZIP_EPOCH)
            fixed.compress_type = zipfile.ZIP_DEFLATED
            target.writestr(fixed, source.read(info.filename))
    return out.getvalue()


def list_files(request: SiteRequest, made: SiteFiles) -> SiteFiles:
    """The 政策清单 downloads, CSV and XLSX."""
    rows = list_rows(request.column, request.today, request.site_url)
    csv_path, xlsx_path = LIST_DOWNLOADS
    return SiteFiles(files={csv_path: list_csv(rows), xlsx_path: list_xlsx(rows)})

"""Data files: byte-identical rebuilds, and CSV that Excel reads as Chinese."""

from __future__ import annotations

import io
import zipfile

from openpyxl import load_workbook

from generator.output.data.tables import list_csv, list_xlsx

ROWS = [["编号", "政策名称"], ["mzbh-2024-33/3-5", "促进消费增长"]]


def test_xlsx_is_byte_identical_across_runs_and_readable():
    first = list_xlsx(ROWS)
    assert list_xlsx(ROWS) == first
    sheet = load_workbook(io.BytesIO(first)).active
    assert [[c.value for c in row] for row in sheet.iter_rows()] == ROWS
    times = {info.date_time for info in zipfile.ZipFile(io.BytesIO(first)).infolist()}
    assert times == {(2024, 1, 1, 0, 0, 0)}


def test_csv_has_bom_and_crlf():
    data = list_csv(ROWS)
    assert data.startswith("\ufeff".encode())
    assert data.decode("utf-8-sig") == "编号,政策名称\r\nmzbh-2024-33/3-5,促进消费增长\r\n"

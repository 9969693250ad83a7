"""Read ``policies/published.csv``: what the editors actually published, for the report.

The 宣传专班 keeps one row per push — date, channel, item, link, reads — in a
spreadsheet saved as CSV (UTF-8; Excel's "CSV UTF-8" adds a byte-order mark, which is
fine). Headers may be English or Chinese (日期, 渠道, 条目, 链接, 阅读量). Every row is
checked against the campaign and the column like any other input: unknown items or
channels and dates outside the campaign are ``file:line:col`` errors.
"""

from __future__ import annotations

import csv
import io
from datetime import date
from pathlib import Path

from generator.core.model import Column, Publication, Schedule
from generator.errors import PolicyError, quote, warning
from generator.input.yaml_nodes import display_path, suggest

PUBLISHED_FILE = "published.csv"


# Column key → the headers accepted for it, English first.
HEADERS = {
    "date": ("date", "日期"),
    "channel": ("channel", "渠道"),
    "item": ("item", "条目", "条目编号"),
    "link": ("link", "链接"),
    "reads": ("reads", "阅读量"),
}


REQUIRED = ("date", "channel", "item")


def read_published(path: Path, column: Column) -> tuple[tuple[Publication, ...] | None, list]:
    """The rows of ``published.csv``, checked; ``None`` when the file does not exist."""
    if not path.exists():
        return None, []
    file = display_path(path)
    data = path.read_bytes()
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = data[: error.start].count(b"\n") + 1
        return (), [
            PolicyError(
                file,
                line,
                1,
                "published.csv is not UTF-8 text",
                "save it from Excel or WPS as “CSV UTF-8 (逗号分隔)”",
            )
        ]
    if column.schedule is None:
        return (), [
            PolicyError(
                file, 1, 1, "published.csv needs a campaign", "write policies/schedule.yml first"
            )
        ]
    return PublishedReader(file, column, column.schedule).read(text)


class PublishedReader:
    """Checks each row of ``published.csv`` and keeps every problem with its line."""

    def __init__(self, file: str, column: Column, schedule: Schedule):
        self.file = file
        self.campaign = schedule.campaign
        self.items = {item.id for item in column.items}
        self.channels = {}
        for plan in self.campaign.channels:
            self.channels[plan.id] = plan.id
            self.channels[plan.name] = plan.id
        self.problems: list[PolicyError] = []

    def read(self, text: str) -> tuple[tuple[Publication, ...], list[PolicyError]]:
        rows = list(csv.reader(io.StringIO(text)))
        if not rows:
            return (), [PolicyError(self.file, 1, 1, "published.csv is empty", HEADER_HINT)]
        positions = self.header(rows[0])
        if positions is None:
            return (), self.problems
        publications = []
        seen: dict[tuple, int] = {}
        for number, row in enumerate(rows[1:], start=2):
            if not any(cell.strip() for cell in row):
                continue
            publication = self.row(number, row, positions)
            if publication is None:
                continue
            key = (publication.day, publication.channel, publication.item)
            if key in seen:
                self.problems.append(
                    warning(
                        self.file,
                        number,
                        1,
                        f"this row repeats line {seen[key]}",
                        "delete one, or fix its date or channel",
                    )
                )
                continue
            seen[key] = number
            publications.append(publication)
        publications.sort(key=lambda p: (p.day, p.channel, p.item, p.line))
        return tuple(publications), self.problems

    def header(self, row: list[str]) -> dict[str, int] | None:
        names = [cell.strip().lower() for cell in row]
        positions = {}
        for key, accepted in HEADERS.items():
            for index, name in enumerate(names):
                if name in accepted:
                    positions[key] = index
        missing = [key for key in REQUIRED if key not in positions]
        if missing:
            self.problems.append(
                PolicyError(
                    self.file,
                    1,
                    1,
                    f"the first row has no {', '.join(missing)} column",
                    HEADER_HINT,
                )
            )
            return None
        return positions

    def row(self, number: int, row: list[str], positions: dict[str, int]) -> Publication | None:
        cells = {
            key: row[index].strip() if index < len(row) else "" for key, index in positions.items()
        }
        columns = {key: cell_column(row, index) for key, index in positions.items()}
        before = len(self.problems)

        def fail(key: str, message: str, hint: str) -> None:
            self.problems.append(PolicyError(self.file, number, columns[key], message, hint))

        for key in REQUIRED:
            if not cells[key]:
                fail(key, f"{key} is empty", f"write the {key} of this push")
        day = None
        if cells["date"]:
            try:
                day = date.fromisoformat(cells["date"].replace("/", "-"))
            except ValueError:
                fail("date", f"{quote(cells['date'])} is not a date", "write YYYY-MM-DD")
        if day and not self.campaign.start <= day <= self.campaign.end:
            fail(
                "date",
                f"{day} is outside the campaign ({self.campaign.start} … {self.campaign.end})",
                "check the date, or widen start/end in schedule.yml",
            )
        channel = self.channels.get(cells["channel"])
        if cells["channel"] and channel is None:
            guess = suggest(cells["channel"], sorted(self.channels))
            fail(
                "channel",
                f"unknown channel {quote(cells['channel'])}",
                f"did you mean {quote(guess)}?"
                if guess
                else "use a channel of schedule.yml: "
                + "、".join(plan.name for plan in self.campaign.channels),
            )
        if cells["item"] and cells["item"] not in self.items:
            guess = suggest(cells["item"], sorted(self.items))
            fail(
                "item",
                f"no item {quote(cells['item'])}",
                f"did you mean {quote(guess)}?"
                if guess
                else "see the ids with `policy-column split`",
            )
        reads = None
        if cells.get("reads"):
            text = cells["reads"].replace(",", "")
            if text.isdigit():
                reads = int(text)
            else:
                fail(
                    "reads", f"reads {quote(cells['reads'])} is not a count", "write a whole number"
                )
        if len(self.problems) > before or day is None or channel is None:
            return None
        return Publication(day, channel, cells["item"], cells.get("link", ""), reads, number)


HEADER_HINT = "start it with the row: date,channel,item,link,reads (or 日期,渠道,条目,链接,阅读量)"


def cell_column(row: list[str], index: int) -> int:
    """The 1-based character column where cell ``index`` starts (unquoted cells)."""
    return 1 + sum(len(cell) + 1 for cell in row[:index])

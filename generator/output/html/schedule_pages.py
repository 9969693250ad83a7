"""The release schedule in the site: the 宣传排期 page by week, one page per channel with
its copy, the feeds page, and the schedule's data files (CSV, XLSX, iCalendar, JSON, feeds).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from generator.core.calendar import WorkCalendar, weekday_name, weekday_names
from generator.core.desk import campaign_day, campaign_days, desk_day
from generator.core.model import COPY_KINDS, ChannelPlan, Column, Item, Schedule, Slot
from generator.core.page import Page
from generator.core.site_paths import absolute_url
from generator.output.copy import Copy, CopyWriter
from generator.output.data.feeds import FEEDS_ROOT, feed_files, find_feeds, term_feeds
from generator.output.data.schedule_files import (
    SCHEDULE_DOWNLOADS,
    SCHEDULE_JSON,
    channel_ics,
    ics_path,
    schedule_csv,
    schedule_json,
    schedule_rows,
    schedule_xlsx,
    slot_note,
)
from generator.output.html.renderer import FragmentRenderer
from generator.output.request import SiteFiles, SiteRequest

SCHEDULE_ROOT = "schedule/"


DESK_URL = f"{SCHEDULE_ROOT}today/"  # 编辑工作台: the editors' desk


# Rows of a copy box on the desk: the whole text where it fits, else it scrolls inside its
# box, so one channel's copy stays on one screen (a 390 px phone in 大字 mode too).
BOX_ROWS = {"headline": 2, "script": 7, "wechat": 12}


BOX_LINE_CHARS = 34  # characters a box line holds on a desktop


COPY_LABELS = {kind: label.split(" ")[0] for kind, label in COPY_KINDS.items()}


@dataclass(frozen=True)
class DayRow:
    """One row of a week's table: a day with pushes, or a run of holiday days."""

    day: date
    until: date  # the last day of a holiday run; ``day`` otherwise
    holiday: str  # 国庆节 …: the row says there is no push
    makeup: str  # the holiday a 调休 working weekend day makes up for
    cells: tuple[tuple[tuple[Slot, Item], ...], ...]  # one per channel
    today: bool


@dataclass(frozen=True)
class Week:
    id: str  # anchor, e.g. "w2025-10"
    number: int  # ISO week number
    start: date
    end: date
    rows: tuple[DayRow, ...]
    current: bool


@dataclass(frozen=True)
class DeskPiece:
    """One push on the desk: its item, the ready copy and the item's address."""

    slot: Slot
    item: Item
    copy: Copy
    url: str  # absolute: what a WeChat post's 阅读原文 points to
    note: str  # 指定 / 截止前 …

    @property
    def rows(self) -> int:
        lines = sum(max(1, -(-len(line) // BOX_LINE_CHARS)) for line in self.copy.text.split("\n"))
        return min(BOX_ROWS[self.copy.kind], lines)


@dataclass(frozen=True)
class ChannelSummary:
    plan: ChannelPlan
    pushes: int
    items: int
    capacity: str  # 每天2条 / 每周2条 …
    days: str  # 每个工作日 / 周二、周四
    ics: str  # site path
    url: str  # the channel's page


def schedule_files(request: SiteRequest, made: SiteFiles) -> SiteFiles:
    """The schedule's pages and files, and the feeds; an explanatory page only without
    schedule.yml."""
    column, today, site_url = request.column, request.today, request.site_url
    renderer = request.renderer
    schedule = column.schedule
    if schedule is None:
        html = renderer.render("schedule.html", SCHEDULE_ROOT, schedule=None)
        page = Page("schedule/index.md", "宣传排期", html, {"hide": ["navigation"]})
        return SiteFiles([page], feed_files(column, today, site_url))
    writer = CopyWriter(column.taxonomy, request.fragments_dir, site_url)
    view = ScheduleView(column, schedule, today, writer)
    pages = [view.index_page(renderer), view.feeds_page(renderer), view.desk_page(renderer)]
    pages += [view.channel_page(renderer, plan) for plan in schedule.campaign.channels]
    rows = schedule_rows(schedule, column, writer, site_url)
    csv_path, xlsx_path = SCHEDULE_DOWNLOADS
    files = {
        csv_path: schedule_csv(rows),
        xlsx_path: schedule_xlsx(rows),
        SCHEDULE_JSON: schedule_json(schedule, column, site_url).encode(),
    }
    for plan in schedule.campaign.channels:
        files[ics_path(plan)] = channel_ics(schedule, plan, column, writer, site_url)
    files.update(feed_files(column, today, site_url))
    return SiteFiles(pages, files)


class ScheduleView:
    """The schedule arranged for reading: weeks, rows, channel summaries."""

    def __init__(self, column: Column, schedule: Schedule, today: date, writer: CopyWriter):
        self.column = column
        self.schedule = schedule
        self.campaign = schedule.campaign
        self.today = today
        self.writer = writer
        self.calendar = WorkCalendar()
        self.items = {item.id: item for item in column.items}

    def index_page(self, renderer: FragmentRenderer) -> Page:
        weeks = self.weeks()
        current = next((week for week in weeks if week.current), None)
        nearest = current or (weeks[0] if self.today < self.campaign.start else weeks[-1])
        months: dict[tuple[int, int], list[Week]] = {}
        for week in weeks:
            months.setdefault((week.start.year, week.start.month), []).append(week)
        todays = [
            (slot, self.items[slot.item], self.campaign.plan(slot.channel))
            for slot in self.schedule.slots
            if slot.day == self.today
        ]
        html = renderer.render(
            "schedule.html",
            SCHEDULE_ROOT,
            schedule=self.schedule,
            campaign=self.campaign,
            channels=self.summaries(),
            months=sorted(months.items()),
            nearest=nearest,
            todays=todays,
            downloads=SCHEDULE_DOWNLOADS,
            notes=self.schedule.notes,
            feed=FEEDS_ROOT,
            copy_of=lambda plan, item: self.writer.copy(plan.copy, item),
            weekday=self.weekday,
            readings=self.reading_pushes(),
        )
        return Page(
            "schedule/index.md",
            "宣传排期",
            html,
            {"hide": ["navigation", "toc"], "description": self.campaign.name},
        )

    def reading_pushes(self) -> list[tuple]:
        """The 解读 pushes (core/scheduler.py push_interpretations) with their 解读."""
        readings = {reading.slug: reading for reading in self.column.interpretations}
        return [
            (slot, readings[slot.item], self.campaign.plan(slot.channel))
            for slot in self.schedule.interpretations
            if slot.item in readings
        ]

    def channel_page(self, renderer: FragmentRenderer, plan: ChannelPlan) -> Page:
        slots = [(slot, self.items[slot.item]) for slot in self.schedule.slots_on(plan.id)]
        upcoming = next((slot for slot, _ in slots if slot.day >= self.today), None)
        nearest = upcoming or (slots[-1][0] if slots else None)
        months: dict[tuple[int, int], list[tuple[Slot, Item]]] = {}
        for slot, item in slots:
            months.setdefault((slot.day.year, slot.day.month), []).append((slot, item))
        summary = next(s for s in self.summaries() if s.plan.id == plan.id)
        html = renderer.render(
            "schedule_channel.html",
            f"{SCHEDULE_ROOT}{plan.id}/",
            plan=plan,
            summary=summary,
            months=sorted(months.items()),
            nearest=nearest,
            open_month=(nearest.day.year, nearest.day.month) if nearest else None,
            copy_label=COPY_LABELS[plan.copy],
            copy_of=lambda item: self.writer.copy(plan.copy, item),
            note_of=lambda slot: slot_note(slot, self.campaign),
            weekday=self.weekday,
            campaign=self.campaign,
        )
        return Page(
            f"schedule/{plan.id}.md",
            f"{plan.name} · 宣传排期",
            html,
            {"hide": ["navigation", "toc"]},
        )

    def desk_page(self, renderer: FragmentRenderer) -> Page:
        """编辑工作台: every channel's copy for the desk day, ready to copy."""
        desk = desk_day(self.schedule, self.today, self.calendar.is_working_day)
        channels = []
        for plan in self.campaign.channels:
            pieces = [
                DeskPiece(
                    slot,
                    self.items[slot.item],
                    self.writer.copy(plan.copy, self.items[slot.item]),
                    absolute_url(self.writer.site_url, self.items[slot.item].url),
                    slot_note(slot, self.campaign),
                )
                for slot in desk.slots
                if slot.channel == plan.id
            ]
            channels.append((plan, pieces))
        after = desk.day or self.today

        def next_of(plan: ChannelPlan) -> Slot | None:
            return next((s for s in self.schedule.slots_on(plan.id) if s.day > after), None)

        html = renderer.render(
            "schedule_desk.html",
            DESK_URL,
            desk=desk,
            campaign=self.campaign,
            campaign_day=campaign_day(self.campaign, self.today),
            campaign_days=campaign_days(self.campaign),
            channels=channels,
            labels=COPY_LABELS,
            titles={item_id: item.title for item_id, item in self.items.items()},
            weekday=self.weekday,
            days_of=lambda plan: weekday_names(plan.weekdays),
            next_of=next_of,
            channel_url=lambda plan: f"{SCHEDULE_ROOT}{plan.id}/",
        )
        return Page(
            "schedule/today.md",
            "编辑工作台",
            html,
            {"hide": ["navigation", "toc"], "description": "各渠道今日推送文案"},
        )

    def feeds_page(self, renderer: FragmentRenderer) -> Page:
        feeds = find_feeds(self.column, self.today)
        html = renderer.render(
            "feeds.html",
            FEEDS_ROOT,
            main=feeds[0],
            by_kind=term_feeds(self.column, self.today),
            channel=self.campaign.plan(self.campaign.portal).name,
        )
        return Page("feeds/index.md", "订阅", html, {"hide": ["navigation", "toc"]})

    def summaries(self) -> list[ChannelSummary]:
        result = []
        for plan in self.campaign.channels:
            slots = self.schedule.slots_on(plan.id)
            capacity = "，".join(
                part
                for part in (
                    f"每天最多{plan.per_day}条" if plan.per_day else "",
                    f"每周最多{plan.per_week}条" if plan.per_week else "",
                )
                if part
            )
            result.append(
                ChannelSummary(
                    plan,
                    len(slots),
                    len({slot.item for slot in slots}),
                    capacity,
                    weekday_names(plan.weekdays),
                    ics_path(plan),
                    f"{SCHEDULE_ROOT}{plan.id}/",
                )
            )
        return result

    def weekday(self, day: date) -> str:
        return f"周{weekday_name(day)}"

    def weeks(self) -> list[Week]:
        """Every Monday–Sunday week of the campaign with its rows."""
        by_day: dict[date, list[Slot]] = {}
        for slot in self.schedule.slots:
            by_day.setdefault(slot.day, []).append(slot)
        channels = [plan.id for plan in self.campaign.channels]
        start = self.campaign.start - timedelta(days=self.campaign.start.weekday())
        weeks = []
        while start <= self.campaign.end:
            end = start + timedelta(days=6)
            rows = self.rows(start, end, by_day, channels)
            year, number, _ = start.isocalendar()
            weeks.append(
                Week(
                    f"w{year}-{number:02d}",
                    number,
                    max(start, self.campaign.start),
                    min(end, self.campaign.end),
                    tuple(rows),
                    start <= self.today <= end,
                )
            )
            start = end + timedelta(days=1)
        return weeks

    def rows(
        self, start: date, end: date, by_day: dict[date, list[Slot]], channels: list[str]
    ) -> list[DayRow]:
        rows: list[DayRow] = []
        day = max(start, self.campaign.start)
        while day <= min(end, self.campaign.end):
            holiday = self.calendar.holiday(day)
            slots = by_day.get(day, [])
            if holiday and not slots:
                last = rows[-1] if rows else None
                if last and last.holiday == holiday and last.until == day - timedelta(days=1):
                    rows[-1] = DayRow(
                        last.day, day, holiday, "", last.cells, last.today or day == self.today
                    )
                else:
                    rows.append(DayRow(day, day, holiday, "", (), day == self.today))
            elif slots or day == self.today:
                cells = tuple(
                    tuple((s, self.items[s.item]) for s in slots if s.channel == channel)
                    for channel in channels
                )
                makeup = self.calendar.makeup_for(day)
                rows.append(DayRow(day, day, "", makeup, cells, day == self.today))
            day += timedelta(days=1)
        return rows

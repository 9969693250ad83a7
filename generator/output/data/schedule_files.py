"""The schedule as files for the 宣传专班: CSV/XLSX, one iCalendar per channel, JSON.

Everything here is a function of the schedule and the column only — never of the
build date — so the same input gives byte-identical files on every rebuild.
"""

from __future__ import annotations

import json
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from urllib.parse import urlsplit

import icalendar

from generator.core.calendar import WorkCalendar, weekday_name
from generator.core.model import Campaign, ChannelPlan, Column, Item, Schedule, Slot
from generator.core.scheduler import REASON_DEADLINE, REASON_FRESHNESS, REASON_PIN
from generator.core.site_paths import absolute_url
from generator.output.copy import CopyWriter
from generator.output.data.feeds import feed_files
from generator.output.data.records import dump_json
from generator.output.data.tables import list_csv, list_xlsx

SCHEDULE_DOWNLOADS = ("downloads/schedule.csv", "downloads/schedule.xlsx")


SCHEDULE_JSON = "api/schedule.json"


SCHEDULE_COLUMNS = (
    "日期",
    "星期",
    "渠道",
    "当日序号",
    "编号",
    "政策名称",
    "行业",
    "链接",
    "文案",
    "备注",
)


# Column widths in the workbook (characters), so an editor can read it without resizing.
XLSX_WIDTHS = {"A": 11, "B": 12, "C": 11, "D": 8, "E": 26, "F": 40, "G": 14, "H": 30, "I": 60}


REASON_NOTES = {
    REASON_PIN: "指定推送",
    REASON_DEADLINE: "临近申报截止，优先安排",
    REASON_FRESHNESS: "补推：避免渠道两周无更新",
}


PRODID = "-//policy-column//两重两新政策专栏 宣传排期//ZH"


def weekday_label(day: date, calendar: WorkCalendar) -> str:
    """周一 … 周日, with 调休上班 on a make-up working weekend day."""
    label = f"周{weekday_name(day)}"
    return f"{label}（调休上班）" if calendar.makeup_for(day) else label


def slot_note(slot: Slot, campaign: Campaign) -> str:
    notes = [REASON_NOTES[slot.reason]] if slot.reason in REASON_NOTES else []
    if campaign.repeat_weeks:
        notes.insert(0, f"第{slot.cycle + 1}轮")
    return "；".join(notes)


def schedule_rows(
    schedule: Schedule, column: Column, writer: CopyWriter, site_url: str = ""
) -> list[list[str]]:
    """The schedule as rows of text, header first, one row per slot."""
    calendar = WorkCalendar()
    items = {item.id: item for item in column.items}
    sectors = column.taxonomy.sectors
    rows = [list(SCHEDULE_COLUMNS)]
    for slot in schedule.slots:
        item = items[slot.item]
        plan = schedule.campaign.plan(slot.channel)
        rows.append(
            [
                slot.day.isoformat(),
                weekday_label(slot.day, calendar),
                plan.name,
                str(slot.index + 1),
                item.id,
                item.title,
                "、".join(sectors.get(s).name for s in item.sectors),
                absolute_url(site_url, item.url),
                writer.copy(plan.copy, item).text,
                slot_note(slot, schedule.campaign),
            ]
        )
    return rows


def schedule_xlsx(rows: list[list[str]]) -> bytes:
    return list_xlsx(rows, sheet_title="宣传排期", widths=XLSX_WIDTHS, wrap=("I",))


def schedule_csv(rows: list[list[str]]) -> bytes:
    return list_csv(rows)


def channel_ics(
    schedule: Schedule,
    plan: ChannelPlan,
    column: Column,
    writer: CopyWriter,
    site_url: str = "",
) -> bytes:
    """One all-day event per slot of the channel, linking to the item.

    UIDs name the item, the channel and which push of the item it is, so a calendar
    that subscribed keeps (and moves) its events when the schedule changes. DTSTAMP,
    which RFC 5545 requires, is the slot's own day: no build time enters the file.
    """
    host = urlsplit(site_url).hostname or "policy-column.invalid"
    items = {item.id: item for item in column.items}
    calendar = icalendar.Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("x-wr-calname", f"{plan.name} · {schedule.campaign.name or '宣传排期'}")
    calendar.add("x-wr-timezone", "Asia/Shanghai")
    counts: dict[str, int] = {}
    for slot in schedule.slots_on(plan.id):
        item = items[slot.item]
        counts[item.id] = counts.get(item.id, 0) + 1
        calendar.add_component(slot_event(slot, item, plan, writer, site_url, host, counts))
    return calendar.to_ical()


def slot_event(
    slot: Slot,
    item: Item,
    plan: ChannelPlan,
    writer: CopyWriter,
    site_url: str,
    host: str,
    counts: dict[str, int],
) -> icalendar.Event:
    event = icalendar.Event()
    event.add("uid", f"{item.id}/{plan.id}/{counts[item.id]}@{host}")
    event.add("dtstamp", datetime(slot.day.year, slot.day.month, slot.day.day, tzinfo=UTC))
    event.add("dtstart", slot.day)
    event.add("dtend", slot.day + timedelta(days=1))
    event.add("summary", f"【{plan.name}】{item.title}")
    event.add("url", absolute_url(site_url, item.url))
    event.add("description", writer.copy(plan.copy, item).text)
    event.add("categories", [plan.name])
    event.add("transp", "TRANSPARENT")  # a reminder, not a meeting: never shows as busy
    return event


def ics_path(plan: ChannelPlan) -> str:
    return f"schedule/{plan.id}.ics"


def slot_records(schedule: Schedule) -> list[dict]:
    """The stable interface: one ``{date, channel, item}`` per slot, in schedule order.

    Keys may be added in later versions, never removed or renamed.
    """
    return [
        {"date": slot.day.isoformat(), "channel": slot.channel, "item": slot.item}
        for slot in schedule.slots
    ]


def schedule_json(schedule: Schedule, column: Column, site_url: str = "") -> str:
    """``api/schedule.json``: the campaign, its channels and every slot with its details."""
    campaign = schedule.campaign
    titles = {item.id: item.title for item in column.items}
    readings = {reading.slug: reading for reading in column.interpretations}
    return dump_json(
        {
            "campaign": {
                "name": campaign.name,
                "start": campaign.start.isoformat(),
                "end": campaign.end.isoformat(),
                "repeat_weeks": campaign.repeat_weeks,
                "lead_days": campaign.lead_days,
                "portal": campaign.portal,
            },
            "channels": [
                {
                    "id": plan.id,
                    "name": plan.name,
                    "per_day": plan.per_day,
                    "per_week": plan.per_week,
                    "weekdays": list(plan.weekdays),
                    "every_item": plan.every_item,
                    "copy": plan.copy,
                    "audiences": list(plan.audiences),
                    "internal": plan.internal,
                    "ics": absolute_url(site_url, ics_path(plan)),
                }
                for plan in campaign.channels
            ],
            "slots": [
                {
                    **record,
                    "index": slot.index,
                    "cycle": slot.cycle,
                    "pinned": slot.pinned,
                    "reason": slot.reason,
                    "title": titles[slot.item],
                }
                for record, slot in zip(slot_records(schedule), schedule.slots, strict=True)
            ],
            "notes": [
                {"channel": note.channel, "message": note.message, "items": list(note.items)}
                for note in schedule.notes
            ],
            # 解读 pushed with or right after their documents (core/scheduler.py).
            "interpretations": [
                {
                    "date": slot.day.isoformat(),
                    "channel": slot.channel,
                    "interpretation": slot.item,
                    "index": slot.index,
                    "title": readings[slot.item].title,
                    "url": absolute_url(site_url, readings[slot.item].url),
                }
                for slot in schedule.interpretations
                if slot.item in readings
            ],
        }
    )


def slots_json(schedule: Schedule) -> str:
    """The stable interface: a JSON list of ``{"date", "channel", "item"}``, in order."""
    return json.dumps(slot_records(schedule), ensure_ascii=False, indent=1) + "\n"


def write_schedule_files(
    column: Column, out: Path, fragments_dir: Path, today: date, site_url: str = ""
) -> list[Path]:
    """The 宣传专班's files, as in the site: CSV, XLSX, .ics per channel, slots, feeds."""
    schedule = column.schedule
    assert schedule is not None
    writer = CopyWriter(column.taxonomy, fragments_dir, site_url)
    rows = schedule_rows(schedule, column, writer, site_url)
    files = {
        "schedule.csv": schedule_csv(rows),
        "schedule.xlsx": schedule_xlsx(rows),
        "schedule.json": slots_json(schedule).encode(),
    }
    for plan in schedule.campaign.channels:
        files[f"{plan.id}.ics"] = channel_ics(schedule, plan, column, writer, site_url)
    files.update(feed_files(column, today, site_url))
    written = []
    for name, data in sorted(files.items()):
        path = out / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
        written.append(path)
    return written

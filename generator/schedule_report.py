"""What ``policy-column schedule`` prints and writes: the same data as the site's."""

from __future__ import annotations

import json
from datetime import date, timedelta
from pathlib import Path

from .feeds import feed_files
from .model import Column, Schedule
from .publicity import CopyWriter
from .schedule_exports import (
    channel_ics,
    schedule_csv,
    schedule_rows,
    schedule_xlsx,
    slot_records,
)

WEEKDAYS = "一二三四五六日"


def slots_json(schedule: Schedule) -> str:
    """The stable interface: a JSON list of ``{"date", "channel", "item"}``, in order."""
    return json.dumps(slot_records(schedule), ensure_ascii=False, indent=1) + "\n"


def schedule_text(column: Column, today: date, days: int = 14) -> str:
    """Per-channel totals, then every slot from ``today`` for ``days`` days."""
    schedule = column.schedule
    assert schedule is not None
    campaign = schedule.campaign
    titles = {item.id: item.title for item in column.items}
    lines = [
        f"{campaign.name or '宣传排期'}: {campaign.start} … {campaign.end}, "
        f"{len(schedule.slots)} pushes on {len(campaign.channels)} channels",
    ]
    for plan in campaign.channels:
        slots = schedule.slots_on(plan.id)
        lines.append(
            f"  {plan.name:<6}\t{len(slots):>4} pushes, {len({s.item for s in slots}):>4} items"
        )
    until = today + timedelta(days=days - 1)
    lines.append(f"\n{today} … {until}:")
    shown = [slot for slot in schedule.slots if today <= slot.day <= until]
    for slot in shown:
        name = campaign.plan(slot.channel).name
        weekday = f"周{WEEKDAYS[slot.day.weekday()]}"
        lines.append(f"  {slot.day} {weekday} {name:<6}\t{slot.item:<32} {titles[slot.item]}")
    if not shown:
        lines.append("  (no push)")
    return "\n".join(lines) + "\n"


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

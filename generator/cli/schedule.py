"""``schedule``: the publicity campaign in the terminal, as JSON, or as files."""

from __future__ import annotations

import argparse
import sys
from datetime import date, timedelta
from pathlib import Path

from generator.cli.page_options import add_page_options
from generator.cli.report import build_date, report
from generator.core.calendar import weekday_name
from generator.core.model import Column
from generator.errors import PolicyInputError
from generator.host.options import BuildOptions
from generator.output.data.schedule_files import slots_json, write_schedule_files
from generator.pipeline.stages import check_policies


def add_commands(commands: argparse._SubParsersAction) -> None:
    schedule = commands.add_parser(
        "schedule", help="place every item on the campaign's channels (policies/schedule.yml)"
    )
    schedule.add_argument("policies", nargs="?", default="policies", type=Path)
    schedule.add_argument(
        "--json", action="store_true", help='print the slots as JSON: [{"date", "channel", "item"}]'
    )
    schedule.add_argument("--as-of", type=build_date, help="today (YYYY-MM-DD)")
    schedule.add_argument("--days", type=int, default=14, help="days to list from --as-of")
    schedule.add_argument(
        "--out", type=Path, help="write CSV, XLSX, one .ics per channel and the feeds here"
    )
    add_page_options(schedule)
    schedule.add_argument("--strict", action="store_true", help="treat warnings as errors")
    schedule.set_defaults(run=run_schedule)


def run_schedule(args: argparse.Namespace) -> int:
    """Check everything, then print the schedule (or its slots as JSON) and write its files."""
    try:
        column, warnings = check_policies(
            args.policies, strict=args.strict, cache=BuildOptions.from_environment().cache
        )
    except PolicyInputError as error:
        report(error.problems)
        print(f"{len(error.problems)} error(s); no schedule.", file=sys.stderr)
        return 1
    report(warnings)
    if column.schedule is None:
        print(
            f"{args.policies}/schedule.yml: file not found — write the campaign there "
            "(see policies/README.md)",
            file=sys.stderr,
        )
        return 1
    today = args.as_of or date.today()
    if args.json:
        sys.stdout.write(slots_json(column.schedule))
    else:
        sys.stdout.write(schedule_text(column, today, args.days))
    if args.out:
        written = write_schedule_files(column, args.out, args.fragments, today, args.site_url)
        print(f"wrote {len(written)} files to {args.out}/", file=sys.stderr)
    return 0


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
        weekday = f"周{weekday_name(slot.day)}"
        lines.append(f"  {slot.day} {weekday} {name:<6}\t{slot.item:<32} {titles[slot.item]}")
    if not shown:
        lines.append("  (no push)")
    return "\n".join(lines) + "\n"

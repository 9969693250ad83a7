"""``report``: the 宣传专班's 周调度 (``--week``) or 旬通报 (``--dekad``), printed and written
as an A4 PDF, an XLSX and a standalone HTML page."""

from __future__ import annotations

import argparse
import sys
from datetime import date
from pathlib import Path

from generator.cli.page_options import add_page_options
from generator.cli.report import report as print_problems
from generator.core.model import Column
from generator.core.report import DEKAD, LIGHT_NAMES, WEEK, Report, build_report, period_of
from generator.errors import PolicyInputError
from generator.host.options import BuildOptions
from generator.output.data.report_table import report_xlsx
from generator.output.html.renderer import FragmentRenderer
from generator.output.html.report_pages import ReportRenderer
from generator.output.pdf import html_pdf
from generator.pipeline.stages import check_policies


def add_commands(commands: argparse._SubParsersAction) -> None:
    command = commands.add_parser(
        "report", help="the 周调度 (--week DATE) or 旬通报 (--dekad DATE) of the campaign"
    )
    command.add_argument("policies", nargs="?", default="policies", type=Path)
    when = command.add_mutually_exclusive_group()
    when.add_argument(
        "--week", type=date.fromisoformat, metavar="DATE", help="the week (Mon–Sun) of DATE"
    )
    when.add_argument(
        "--dekad",
        type=date.fromisoformat,
        metavar="DATE",
        help="the 旬 of DATE (上旬 1–10, 中旬 11–20, 下旬 21–end); the default, for today",
    )
    command.add_argument(
        "--as-of",
        type=date.fromisoformat,
        help="count pushes up to this day (default: DATE, or the period's end if earlier)",
    )
    command.add_argument("--out", type=Path, default=Path("reports"), help="write the files here")
    add_page_options(command)
    command.add_argument("--no-pdf", action="store_true", help="skip the PDF (needs WeasyPrint)")
    command.set_defaults(run=run_report)


def run_report(args: argparse.Namespace) -> int:
    """Check everything, print the report, and write its PDF, XLSX and HTML."""
    try:
        column, warnings = check_policies(
            args.policies, cache=BuildOptions.from_environment().cache
        )
    except PolicyInputError as error:
        print_problems(error.problems)
        print(f"{len(error.problems)} error(s); no report.", file=sys.stderr)
        return 1
    print_problems(warnings)
    if column.schedule is None:
        print(
            f"{args.policies}/schedule.yml: file not found — a report needs the campaign",
            file=sys.stderr,
        )
        return 1
    kind, day = (WEEK, args.week) if args.week else (DEKAD, args.dekad or date.today())
    period = period_of(kind, day)
    as_of = args.as_of or min(day, period.end)
    report = build_report(column, period, as_of)
    sys.stdout.write(report_text(report, column))
    renderer = ReportRenderer(
        FragmentRenderer(column, as_of, args.fragments), column, args.site_url
    )
    document = renderer.document(report)
    args.out.mkdir(parents=True, exist_ok=True)
    base = args.out / period.slug
    written = [base.with_suffix(".html"), base.with_suffix(".xlsx")]
    written[0].write_text(document, encoding="utf-8")
    written[1].write_bytes(report_xlsx(report, column))
    if not args.no_pdf:
        stylesheet = args.fragments.parent / "assets" / "stylesheets" / "report.css"
        written.append(base.with_suffix(".pdf"))
        written[-1].write_bytes(html_pdf(document, stylesheet))
    print("wrote " + ", ".join(str(path) for path in written), file=sys.stderr)
    return 0


def report_text(report: Report, column: Column) -> str:
    """The report for the terminal: every section, one line per fact."""
    titles = {item.id: item.title for item in column.items}
    names = {c.plan.id: c.plan.name for c in report.channels}
    day = (
        f"campaign day {report.campaign_day} of {report.campaign_days}"
        if report.campaign_day
        else "outside the campaign"
    )
    source = "policies/published.csv" if report.source == "published" else "the plan"
    lines = [
        f"宣传专班{report.period.title} {report.period.label} "
        f"({report.period.start} … {report.period.end}), as of {report.as_of}: {day}; "
        f"pushes from {source}",
        "",
        "一、推送进度 (planned / due so far / pushed, light)",
    ]
    for c in report.channels:
        last = f"last {c.last_push}" if c.last_push else "no push yet"
        reads = f", {c.reads} reads" if c.reads is not None else ""
        lines.append(
            f"  {c.plan.name:<6}\t{c.planned:>3} / {c.due:>3} / {c.pushed:>3}\t"
            f"{LIGHT_NAMES[c.light]}（{c.why}）; {last}{reads}"
        )
    lines += ["", "二、存在问题"]
    problems = [f"  {c.plan.name}: {c.why}" for c in report.problems]
    problems += [
        f"  {slot.day} {names[slot.channel]}: {slot.item} {titles[slot.item]} — not published"
        for c in report.channels
        for slot in c.missed
    ]
    lines += problems or ["  (none)"]
    carried = len(report.public) - len(report.uncarried)
    lines += ["", f"三、覆盖情况 (this cycle: {carried} of {len(report.public)} items carried)"]
    for label, rows in (("行业", report.sectors), ("对象", report.audiences)):
        lines.append(
            f"  {label}: " + "，".join(f"{r.term.name} {r.carried}/{r.total}" for r in rows)
        )
    lines += [f"  not carried yet: {item.id} {item.title}" for item in report.uncarried]
    lines += ["", f"四、下期截止、尚未推送 ({report.next_period.label})"]
    lines += [f"  {item.details.deadline} {item.id} {item.title}" for item in report.deadlines] or [
        "  (none)"
    ]
    lines += ["", "五、政策变化"]
    for label, changed in (
        ("新发布", report.new),
        ("即将到期", report.expiring),
        ("已失效", report.expired),
    ):
        lines.append(f"  {label}: " + ("，".join(i.id for i in changed) or "无"))
    lines += ["", f"六、下期安排 ({report.next_period.label}: {len(report.next_slots)} pushes)"]
    lines += [
        f"  {slot.day} {names[slot.channel]:<6}\t{slot.item:<32} {titles[slot.item]}"
        for slot in report.next_slots
    ] or ["  (none)"]
    lines += ["", "七、签批: 拟稿 ____  审核 ____  签发 ____"]
    return "\n".join(lines) + "\n"

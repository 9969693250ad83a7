"""The 周调度/旬通报 as an Excel workbook: one sheet per section, byte-identical rebuilds."""

from __future__ import annotations

from generator.core.model import Column
from generator.core.report import LIGHT_NAMES, Report
from generator.output.data.tables import workbook_xlsx


def report_sheets(report: Report, column: Column) -> dict[str, list[list[object]]]:
    """The report's sections as rows, header first, by sheet name."""
    items = {item.id: item for item in column.items}
    names = {c.plan.id: c.plan.name for c in report.channels}
    progress: list[list[object]] = [
        [
            "渠道",
            "本期计划",
            "截至统计日应推",
            "已推送",
            "最近推送",
            "未推送天数",
            "阅读量",
            "状态",
            "说明",
        ]
    ]
    for c in report.channels:
        progress.append(
            [
                c.plan.name,
                c.planned,
                c.due,
                c.pushed,
                c.last_push.isoformat() if c.last_push else "",
                c.idle_days,
                c.reads if c.reads is not None else "",
                LIGHT_NAMES[c.light],
                c.why,
            ]
        )
    missed: list[list[object]] = [["日期", "渠道", "编号", "政策"]]
    for c in report.channels:
        for slot in c.missed:
            missed.append([slot.day.isoformat(), c.plan.name, slot.item, items[slot.item].title])
    coverage: list[list[object]] = [["类别", "名称", "已推送", "政策数"]]
    for kind, rows in (("行业", report.sectors), ("对象", report.audiences)):
        coverage += [[kind, row.term.name, row.carried, row.total] for row in rows]
    pending: list[list[object]] = [["类别", "编号", "政策", "日期"]]
    pending += [["本轮尚未推送", item.id, item.title, ""] for item in report.uncarried]
    pending += [
        ["下期截止", item.id, item.title, item.details.deadline.isoformat()]
        for item in report.deadlines
        if item.details.deadline
    ]
    for label, changed in (
        ("新发布", report.new),
        ("即将到期", report.expiring),
        ("已失效", report.expired),
    ):
        pending += [[label, item.id, item.title, ""] for item in changed]
    following: list[list[object]] = [["日期", "渠道", "编号", "政策"]]
    following += [
        [
            slot.day.isoformat(),
            names.get(slot.channel, slot.channel),
            slot.item,
            items[slot.item].title,
        ]
        for slot in report.next_slots
    ]
    return {
        "推送进度": progress,
        "未推送记录": missed,
        "覆盖情况": coverage,
        "待办与变化": pending,
        "下期安排": following,
    }


def report_xlsx(report: Report, column: Column) -> bytes:
    """The workbook: a sheet per section of the report."""
    title = f"宣传专班{report.period.title} {report.period.label}"
    return workbook_xlsx(report_sheets(report, column), title=title)

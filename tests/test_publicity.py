"""Publicity the 宣传专班 can run: public channels carry only public items (and so do the
home page, the widget and the feeds), the WeChat copy links the 公众号 way, and the
周调度/旬通报 report computes what it should."""

from __future__ import annotations

import csv
import json
import shutil
import subprocess
import sys
from datetime import date, timedelta
from pathlib import Path

import pytest
from conftest import AS_OF

from generator.core.audiences import carries, is_internal
from generator.core.pushes import pushed_items, rolling_push
from generator.core.report import DEKAD, GREEN, RED, WEEK, YELLOW, build_report, period_of
from generator.errors import PolicyInputError
from generator.output.copy import CopyWriter
from generator.output.data.feeds import feed_entries
from generator.output.data.report_table import report_xlsx
from generator.pipeline.stages import check_policies

ROOT = Path(__file__).resolve().parent.parent
MARCH_8 = date(2025, 3, 8)


@pytest.fixture(scope="module")
def sample():
    column, _ = check_policies(ROOT / "policies")
    return column


@pytest.fixture
def policies(tmp_path: Path) -> Path:
    folder = tmp_path / "policies"
    shutil.copytree(ROOT / "policies", folder)
    return folder


def internal_ids(column) -> set[str]:
    return {item.id for item in column.items if is_internal(item, column.taxonomy.audiences)}


# --- who a channel is for ------------------------------------------------------------


def test_the_sample_has_items_for_officials_only(sample):
    internal = internal_ids(sample)
    assert len(internal) == 19  # 专班机制, 成员单位 duties, 工作要求 …
    assert {"mzbh-2024-33/2-2", "jn-2025-appliance-rules/3-14", "mzbh-2024-33/7"} <= internal


def test_no_public_channel_carries_an_item_only_for_officials(sample):
    internal = internal_ids(sample)
    campaign = sample.schedule.campaign
    assert all(not plan.internal for plan in campaign.channels)
    carried = [s for s in sample.schedule.slots if s.item in internal]
    assert carried == []
    # The internal items stay in the column (and the 政策清单), only off the channels.
    assert internal <= {item.id for item in sample.items}


def test_todays_push_the_widget_and_the_feeds_follow_the_same_rule(sample):
    internal = internal_ids(sample)
    campaign = sample.schedule.campaign
    day = campaign.start
    while day <= campaign.end:
        push = rolling_push(sample.schedule, sample.items, day)
        shown = [item.id for _, item in push.today + push.recent]
        assert not set(shown) & internal, day
        assert not {item.id for item, _ in pushed_items(sample, day, 6)} & internal, day
        day += timedelta(days=7)
    entries = feed_entries(sample.schedule, sample, campaign.end)
    assert entries and not {entry.item.id for entry in entries} & internal


def test_the_built_home_page_widget_and_feeds_leave_internal_items_out(sample, sample_site):
    internal = internal_ids(sample)
    home = (sample_site / "index.html").read_text(encoding="utf-8")
    push = home.split('class="pc-push"', 1)[1].split("</section>", 1)[0]
    assert "items/" in push
    assert not [i for i in internal if f"items/{i}/" in push]
    latest = json.loads((sample_site / "api/v1/widgets/latest.json").read_text("utf-8"))
    ids = [entry["id"] for entry in latest["items"]]
    assert ids and not set(ids) & internal
    feed = json.loads((sample_site / "feeds/feed.json").read_text("utf-8"))
    urls = [entry["url"] for entry in feed["items"]]
    assert urls and not [i for i in internal for url in urls if url.endswith(f"items/{i}/")]


def test_an_internal_channel_carries_the_items_for_officials(policies):
    text = (policies / "schedule.yml").read_text(encoding="utf-8")
    text = text.replace(
        "  - channel: 新闻网站\n    per_day: 1\n",
        "  - channel: 新闻网站\n    per_day: 1\n    audiences: [政府部门]\n",
    )
    (policies / "schedule.yml").write_text(text, encoding="utf-8")
    column, _ = check_policies(policies)
    news = column.schedule.campaign.plan("news")
    assert news.internal
    items = {item.id: item for item in column.items}
    carried = {slot.item for slot in column.schedule.slots_on("news")}
    assert carried & internal_ids(column)
    # Every item it carries has an official audience; none is for consumers alone.
    assert all(carries(news, items[i]) for i in carried)
    assert "sd-2025-appliance-plan/2-2" not in carried  # 家电补贴: for 个人消费者 only


def test_wechat_copy_ends_with_read_the_original_and_the_address(sample):
    writer = CopyWriter(sample.taxonomy, ROOT / "overrides" / "fragments", "https://x.gov.cn/zt/")
    item = next(i for i in sample.items if i.id == "sd-2025-appliance-plan/2-2")
    lines = writer.copy("wechat", item).text.splitlines()
    assert "阅读原文" in lines[-2]
    assert lines[-1] == "网址：https://x.gov.cn/zt/items/sd-2025-appliance-plan/2-2/"


# --- the report: periods --------------------------------------------------------------


@pytest.mark.parametrize(
    ("day", "start", "end", "label"),
    [
        (date(2025, 3, 8), date(2025, 3, 1), date(2025, 3, 10), "2025年3月上旬"),
        (date(2025, 3, 10), date(2025, 3, 1), date(2025, 3, 10), "2025年3月上旬"),
        (date(2025, 3, 11), date(2025, 3, 11), date(2025, 3, 20), "2025年3月中旬"),
        (date(2025, 3, 21), date(2025, 3, 21), date(2025, 3, 31), "2025年3月下旬"),
        (date(2025, 2, 28), date(2025, 2, 21), date(2025, 2, 28), "2025年2月下旬"),
        (date(2024, 2, 29), date(2024, 2, 21), date(2024, 2, 29), "2024年2月下旬"),
        (date(2025, 12, 31), date(2025, 12, 21), date(2025, 12, 31), "2025年12月下旬"),
    ],
)
def test_dekads_are_1_to_10_11_to_20_and_21_to_the_end(day, start, end, label):
    period = period_of(DEKAD, day)
    assert (period.start, period.end, period.label) == (start, end, label)
    assert period.following().start == end + timedelta(days=1)
    assert period.preceding().end == start - timedelta(days=1)


def test_a_week_runs_monday_to_sunday():
    period = period_of(WEEK, MARCH_8)  # a Saturday
    assert (period.start, period.end) == (date(2025, 3, 3), date(2025, 3, 9))
    assert period.label == "2025年第10周（3月3日—3月9日）"
    assert period.slug == "week-2025-W10"
    assert period_of(DEKAD, MARCH_8).slug == "dekad-2025-03-1"


def test_the_sample_dekad_report_from_the_plan(sample):
    report = build_report(sample, period_of(DEKAD, MARCH_8), MARCH_8)
    assert (report.campaign_day, report.campaign_days) == (67, 365)
    assert report.source == "plan"
    slots = [s for s in sample.schedule.slots if date(2025, 3, 1) <= s.day <= date(2025, 3, 10)]
    assert sum(c.planned for c in report.channels) == len(slots)
    assert sum(c.due for c in report.channels) == len([s for s in slots if s.day <= MARCH_8])
    assert all(c.pushed == c.due and not c.missed for c in report.channels)
    assert all(c.light == GREEN for c in report.channels)
    assert report.next_period.label == "2025年3月中旬"
    assert report.next_slots and all(
        date(2025, 3, 11) <= s.day <= date(2025, 3, 20) for s in report.next_slots
    )
    # Coverage counts only what the public channels may carry, never the internal items.
    assert not {item.id for item in report.public} & internal_ids(sample)
    carried = {s.item for s in sample.schedule.slots if s.day <= MARCH_8}
    assert {item.id for item in report.uncarried} == {
        item.id for item in report.public if item.id not in carried
    }


def write_published(policies: Path, rows: list[list[str]]) -> None:
    with (policies / "published.csv").open("w", encoding="utf-8-sig", newline="") as out:
        writer = csv.writer(out)
        writer.writerow(["日期", "渠道", "条目", "链接", "阅读量"])
        writer.writerows(rows)


def test_published_csv_missing_two_planned_pushes_changes_lights_and_counts(sample, policies):
    period = period_of(DEKAD, MARCH_8)
    due = [s for s in sample.schedule.slots if period.start <= s.day <= MARCH_8]
    earlier = [s for s in sample.schedule.slots if s.day < period.start]
    dropped = [
        next(s for s in due if s.channel == "wechat"),
        next(s for s in due if s.channel == "portal"),
    ]
    names = {plan.id: plan.name for plan in sample.schedule.campaign.channels}
    rows = [
        [s.day.isoformat(), names[s.channel], s.item, "", "100"]
        for s in earlier + due
        if s not in dropped
    ]
    write_published(policies, rows)
    column, _ = check_policies(policies)
    report = build_report(column, period, MARCH_8)
    assert report.source == "published"
    by_id = {c.plan.id: c for c in report.channels}
    for slot in dropped:
        progress = by_id[slot.channel]
        assert progress.pushed == progress.due - 1
        assert progress.missed == (slot,)
        assert (progress.light, progress.why) == (YELLOW, "少推 1 次")
    for channel, progress in by_id.items():
        if channel not in {"wechat", "portal"}:
            assert progress.light == GREEN and progress.pushed == progress.due
            assert progress.reads == (100 * progress.pushed if progress.pushed else None)
    assert sum(c.pushed for c in report.channels) == len(due) - 2
    assert {c.plan.id for c in report.problems} == {"wechat", "portal"}


def test_a_channel_idle_for_14_days_is_red_and_for_10_yellow(sample, policies):
    names = {plan.id: plan.name for plan in sample.schedule.campaign.channels}
    slots = [s for s in sample.schedule.slots if s.day <= MARCH_8]
    last_portal = date(2025, 2, 21)
    last_wechat = date(2025, 2, 26)
    rows = [
        [s.day.isoformat(), names[s.channel], s.item, "", ""]
        for s in slots
        if not (s.channel == "portal" and s.day > last_portal)
        and not (s.channel == "wechat" and s.day > last_wechat)
    ]
    write_published(policies, rows)
    column, _ = check_policies(policies)
    by_id = {c.plan.id: c for c in build_report(column, period_of(WEEK, MARCH_8), MARCH_8).channels}
    assert by_id["portal"].idle_days == 15 and by_id["portal"].light == RED
    assert by_id["wechat"].idle_days == 10 and by_id["wechat"].light == YELLOW
    assert by_id["portal"].reads is None


def test_published_csv_is_checked_like_every_other_input(policies):
    write_published(
        policies,
        [
            ["2025-03-03", "门户网站", "sd-2025-appliance-plan/2-9", "", ""],
            ["2025-03-03", "微信", "sd-2025-appliance-plan/2-2", "", ""],
            ["2026-01-05", "门户网站", "sd-2025-appliance-plan/2-2", "", ""],
            ["2025-3-32", "门户网站", "sd-2025-appliance-plan/2-2", "", "很多"],
        ],
    )
    with pytest.raises(PolicyInputError) as raised:
        check_policies(policies)
    messages = [str(p).split("published.csv:", 1)[1] for p in raised.value.problems]
    assert messages == [
        '2:17: error: no item "sd-2025-appliance-plan/2-9" — did you mean '
        '"sd-2025-appliance-plan/2-7"?',
        '3:12: error: unknown channel "微信" — did you mean "微信公众号"?',
        "4:1: error: 2026-01-05 is outside the campaign (2025-01-01 … 2025-12-31) — check "
        "the date, or widen start/end in schedule.yml",
        '5:1: error: "2025-3-32" is not a date — write YYYY-MM-DD',
        '5:44: error: reads "很多" is not a count — write a whole number',
    ]


def test_published_csv_needs_its_header(policies):
    (policies / "published.csv").write_text("day,where\n2025-03-03,门户网站\n", encoding="utf-8")
    with pytest.raises(PolicyInputError) as raised:
        check_policies(policies)
    assert [str(p).split("published.csv:", 1)[1] for p in raised.value.problems] == [
        "1:1: error: the first row has no date, channel, item column — start it with the row: "
        "date,channel,item,link,reads (or 日期,渠道,条目,链接,阅读量)"
    ]


def test_the_report_workbook_is_byte_identical(sample):
    report = build_report(sample, period_of(DEKAD, MARCH_8), MARCH_8)
    assert report_xlsx(report, sample) == report_xlsx(report, sample)


def test_report_command_prints_and_writes_every_section(tmp_path):
    out = tmp_path / "reports"
    command = [sys.executable, "-m", "generator.cli", "report", "--dekad", "2025-03-08"]
    result = subprocess.run(
        [*command, "--out", str(out)], cwd=ROOT, capture_output=True, text=True, check=False
    )
    assert result.returncode == 0, result.stderr
    sections = ["推送进度", "存在问题", "覆盖情况", "下期截止", "政策变化", "下期安排", "签批"]
    assert "旬通报 2025年3月上旬" in result.stdout
    assert "campaign day 67 of 365" in result.stdout
    assert all(section in result.stdout for section in sections)
    names = sorted(path.name for path in out.iterdir())
    assert names == ["dekad-2025-03-1.html", "dekad-2025-03-1.pdf", "dekad-2025-03-1.xlsx"]
    text = subprocess.run(
        ["pdftotext", "-layout", str(out / "dekad-2025-03-1.pdf"), "-"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    numbered = ["一、推送进度", "二、存在问题", "三、覆盖情况", "四、下期截止", "五、政策变化"]
    numbered += ["六、下期安排", "七、签批", "拟稿", "审核", "签发"]
    assert [s for s in numbered if s not in text] == []
    assert "宣传专班旬通报 2025年3月上旬" in text and "宣传周期第 67 天" in text


def test_the_site_has_a_report_page_per_period_begun(sample_site):
    assert AS_OF == "2025-03-01"
    folder = sample_site / "schedule" / "reports"
    dekads = sorted(p.name for p in folder.iterdir() if p.name.startswith("dekad-"))
    assert dekads == [f"dekad-2025-0{m}-{d}" for m in (1, 2) for d in (1, 2, 3)] + [
        "dekad-2025-03-1"
    ]
    page = (folder / "dekad-2025-03-1" / "index.html").read_text(encoding="utf-8")
    for heading in ("一、推送进度", "四、下期截止", "七、签批"):
        assert heading in page
    assert (folder / "dekad-2025-03-1" / "dekad-2025-03-1.xlsx").exists()
    index = (folder / "index.html").read_text(encoding="utf-8")
    assert "dekad-2025-03-1/" in index and "week-2025-W09/" in index

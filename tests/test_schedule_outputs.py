"""What the schedule gives the 宣传专班 and the portal: copy, CSV/XLSX, iCalendar, feeds.

Every file is parsed back with a real parser (openpyxl, icalendar, feedparser, json),
and the rolling push is checked across build dates.
"""

from __future__ import annotations

import csv
import io
import json
import xml.etree.ElementTree as ET
from datetime import date, timedelta
from pathlib import Path

import feedparser
import icalendar
import openpyxl
import pytest
from conftest import AS_OF, ROOT, build_site

from generator.output.copy import CHARS_PER_SECOND, SCRIPT_SECONDS, CopyWriter, spoken_length
from generator.output.data.feeds import feed_entries, feed_files, reading_entries
from generator.output.data.schedule_files import (
    channel_ics,
    schedule_rows,
    schedule_xlsx,
    slots_json,
)
from generator.output.html.schedule_pages import schedule_files
from generator.output.request import SiteFiles, SiteRequest
from generator.pipeline.stages import check_policies

SITE_URL = "https://www.example.gov.cn/zt/lzlx/"
FRAGMENTS = ROOT / "overrides" / "fragments"

NONE = SiteFiles()  # nothing made before: these producers need no other's records


@pytest.fixture(scope="module")
def column():
    column, _ = check_policies(ROOT / "policies")
    return column


@pytest.fixture(scope="module")
def writer(column):
    return CopyWriter(column.taxonomy, FRAGMENTS, SITE_URL)


# --- copy ---------------------------------------------------------------------------


def test_every_script_reads_within_60_seconds(column, writer):
    for item in column.items:
        script = writer.copy("script", item)
        assert spoken_length(script.text) <= SCRIPT_SECONDS * CHARS_PER_SECOND, item.id
        assert script.seconds <= SCRIPT_SECONDS
        assert "http" not in script.text  # nobody can read a link aloud
        assert item.title in script.text and "…" not in script.text  # never stops mid-word


def test_wechat_post_says_who_how_much_where_until_when_and_links(column, writer):
    item = next(i for i in column.items if i.id == "jn-2025h1-car-subsidy/4-1")
    text = writer.copy("wechat", item).text
    assert text.startswith("【汽车政策】购车补贴怎么申报")
    assert "截止时间：2025年4月15日" in text
    assert "咨询电话：4006096588" in text
    assert text.endswith(f"{SITE_URL}items/jn-2025h1-car-subsidy/4-1/")


def test_headlines_are_short_and_name_the_topic(column, writer):
    for item in column.items:
        headline = writer.copy("headline", item).text
        assert len(headline) <= 40 and "\n" not in headline
        assert headline.startswith("【")
    car = next(i for i in column.items if i.id == "jn-2025h1-car-subsidy/4-1")
    assert writer.copy("headline", car).text == "【汽车】购车补贴怎么申报（4月15日截止）"


def test_copy_is_plain_text_and_never_html_escaped(column, writer, tmp_path):
    item = column.items[0]
    text = writer.copy("wechat", item).text
    assert "&amp;" not in text and "&#" not in text and "<" not in text


# --- CSV, XLSX, iCalendar, JSON ----------------------------------------------------


def test_xlsx_is_what_the_propaganda_team_expects(column, writer):
    rows = schedule_rows(column.schedule, column, writer, SITE_URL)
    workbook = openpyxl.load_workbook(io.BytesIO(schedule_xlsx(rows)))
    sheet = workbook.active
    assert sheet.title == "宣传排期"
    header = [cell.value for cell in sheet[1]]
    assert header == [
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
    ]
    assert sheet.max_row == len(column.schedule.slots) + 1
    assert sheet.freeze_panes == "A2"
    first = [cell.value for cell in sheet[2]]
    assert first[0] == "2025-01-02" and first[1] == "周四" and first[2] == "门户网站"
    assert first[7].startswith(SITE_URL + "items/")
    makeup = [r for r in sheet.iter_rows(values_only=True) if r[0] == "2025-09-28"]
    assert makeup and all(r[1] == "周日（调休上班）" for r in makeup)
    pinned = [r for r in sheet.iter_rows(values_only=True) if r[9] and "指定推送" in r[9]]
    assert len(pinned) == len(column.schedule.campaign.pins)


def test_csv_has_a_row_per_slot_and_opens_in_excel(column, writer):
    from generator.output.data.schedule_files import schedule_csv

    data = schedule_csv(schedule_rows(column.schedule, column, writer, SITE_URL))
    assert data.startswith(b"\xef\xbb\xbf")  # Excel needs the BOM for Chinese
    rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig"))))
    assert len(rows) == len(column.schedule.slots) + 1


def test_ics_per_channel_parses_with_one_event_per_slot(column, writer):
    for plan in column.schedule.campaign.channels:
        data = channel_ics(column.schedule, plan, column, writer, SITE_URL)
        calendar = icalendar.Calendar.from_ical(data)
        events = list(calendar.walk("VEVENT"))
        slots = column.schedule.slots_on(plan.id)
        assert len(events) == len(slots)
        uids = [str(e["UID"]) for e in events]
        assert len(set(uids)) == len(uids)
        for event, slot in zip(events, slots, strict=True):
            assert event.decoded("DTSTART") == slot.day
            assert event.decoded("DTEND") == slot.day + timedelta(days=1)
            assert str(event["URL"]) == f"{SITE_URL}items/{slot.item}/"
            assert "DTSTAMP" in event
        assert all(len(line) <= 75 for line in data.split(b"\r\n"))  # folded as RFC 5545 says


def test_ics_does_not_change_with_the_build_date(column, tmp_path):
    first = schedule_files(
        SiteRequest.of(column, date(2025, 3, 1), FRAGMENTS, SITE_URL), NONE
    ).files
    second = schedule_files(
        SiteRequest.of(column, date(2025, 9, 1), FRAGMENTS, SITE_URL), NONE
    ).files
    for path in first:
        if path.endswith((".ics", ".csv", ".xlsx")) or path == "api/schedule.json":
            assert first[path] == second[path], path


def test_slots_json_is_the_stable_interface(column):
    records = json.loads(slots_json(column.schedule))
    assert records[0] == {"date": "2025-01-02", "channel": "portal", "item": records[0]["item"]}
    assert all(set(r) == {"date", "channel", "item"} for r in records)
    assert len(records) == len(column.schedule.slots)


# --- feeds --------------------------------------------------------------------------


def feeds_for(column, today: date) -> dict[str, bytes]:
    return feed_files(column, today, SITE_URL)


def test_feeds_parse_and_link_absolutely(column):
    files = feeds_for(column, date(2025, 3, 1))
    atom = feedparser.parse(files["feeds/atom.xml"])
    rss = feedparser.parse(files["feeds/rss.xml"])
    assert not atom.bozo and not rss.bozo, (atom.get("bozo_exception"), rss.get("bozo_exception"))
    assert atom.version == "atom10" and rss.version == "rss20"
    entries = feed_entries(column.schedule, column, date(2025, 3, 1))
    readings = reading_entries(column.schedule, column, date(2025, 3, 1))
    assert len(atom.entries) == len(rss.entries) == len(entries) + len(readings) > len(entries)
    for parsed in (atom, rss):
        for entry in parsed.entries:
            assert entry.link.startswith((SITE_URL + "items/", SITE_URL + "zcjd/"))  # 政策解读
            assert entry.title and entry.published_parsed
    json_feed = json.loads(files["feeds/feed.json"])
    assert json_feed["version"] == "https://jsonfeed.org/version/1.1"
    assert json_feed["feed_url"] == SITE_URL + "feeds/feed.json"
    assert [i["url"] for i in json_feed["items"]] == [e.link for e in atom.entries]
    for path, data in files.items():
        if path.endswith(".xml"):
            ET.fromstring(data)  # well-formed


def test_feed_entries_are_dated_by_their_first_portal_slot(column):
    entries = feed_entries(column.schedule, column, date(2025, 12, 31))
    portal = [s for s in column.schedule.slots if s.channel == "portal"]
    for entry in entries:
        assert entry.day == min(s.day for s in portal if s.item == entry.item.id)
    assert [e.day for e in entries] == sorted((e.day for e in entries), reverse=True)


def test_sector_and_audience_feeds_hold_only_their_items(column):
    files = feeds_for(column, date(2025, 6, 30))
    everything = entry_links(files, "feeds/atom.xml")
    taxonomy = column.taxonomy
    for kind in ("sectors", "audiences"):
        vocabulary = taxonomy.vocabulary(kind)
        feeds = [p for p in files if p.startswith(f"feeds/{kind}/") and p.endswith("atom.xml")]
        assert feeds, kind
        for path in feeds:
            term_id = path.split("/")[2]
            mine = {
                f"{SITE_URL}{item.url}"
                for item in column.items
                if term_id in vocabulary.with_ancestors(getattr(item, kind))
            }
            assert entry_links(files, path) == everything & mine, path
    cars = entry_links(files, "feeds/sectors/automobiles/atom.xml")
    assert f"{SITE_URL}items/jn-2025h1-car-subsidy/1/" in cars


def entry_links(files: dict[str, bytes], path: str) -> set[str]:
    return {e.link for e in feedparser.parse(files[path]).entries}


@pytest.mark.parametrize(
    ("earlier", "later"), [("2025-01-10", "2025-02-14"), ("2025-03-01", "2025-03-02")]
)
def test_two_build_dates_differ_exactly_by_the_slots_between(column, earlier, later):
    first, second = date.fromisoformat(earlier), date.fromisoformat(later)
    before, after = feeds_for(column, first), feeds_for(column, second)
    portal = [s for s in column.schedule.slots if s.channel == "portal"]
    firsts = {}
    for slot in portal:
        firsts.setdefault(slot.item, slot.day)
    between = {f"{SITE_URL}items/{i}/" for i, d in firsts.items() if first < d <= second}
    for path in ("feeds/atom.xml", "feeds/rss.xml"):
        assert entry_links(after, path) - entry_links(before, path) == between
        assert entry_links(before, path) <= entry_links(after, path)


@pytest.mark.slow
def test_built_feeds_advance_with_as_of_and_rebuilds_are_identical(sample_site, tmp_path):
    """Real builds: a later --as-of adds exactly the items first pushed in between, and the
    same --as-of rebuilds every schedule file byte for byte."""
    site_url = "https://www.miluo.gov.cn/zt/lzlx/"  # mkdocs.yml's, as in sample_site
    later_site = tmp_path / "later"
    result = build_site(later_site, "--as-of", "2025-03-14", "--strict")
    assert result.returncode == 0, result.stderr
    again_site = tmp_path / "again"
    result = build_site(again_site, "--as-of", AS_OF, "--strict")
    assert result.returncode == 0, result.stderr
    column, _ = check_policies(ROOT / "policies")
    firsts: dict[str, date] = {}
    for slot in column.schedule.slots:
        if slot.channel == "portal":
            firsts.setdefault(slot.item, slot.day)
    between = {
        f"{site_url}items/{i}/"
        for i, d in firsts.items()
        if date.fromisoformat(AS_OF) < d <= date(2025, 3, 14)
    }
    assert between
    for name in ("atom.xml", "rss.xml"):
        old = entry_links({"f": (sample_site / "feeds" / name).read_bytes()}, "f")
        new = entry_links({"f": (later_site / "feeds" / name).read_bytes()}, "f")
        assert new - old == between and old <= new
    ours = [
        *sorted((sample_site / "schedule").glob("*.ics")),
        *sorted((sample_site / "feeds").rglob("*.xml")),
        *sorted((sample_site / "feeds").rglob("*.json")),
        sample_site / "downloads" / "schedule.csv",
        sample_site / "downloads" / "schedule.xlsx",
        sample_site / "api" / "schedule.json",
    ]
    for path in ours:
        relative = path.relative_to(sample_site)
        assert path.read_bytes() == (again_site / relative).read_bytes(), relative
        if path.suffix in (".ics", ".csv", ".xlsx") or path.name == "schedule.json":
            assert path.read_bytes() == (later_site / relative).read_bytes(), relative


def test_built_site_has_the_schedule_files(sample_site: Path):
    for path in (
        "schedule/index.html",
        "schedule/portal/index.html",
        "schedule/portal.ics",
        "schedule/tv.ics",
        "downloads/schedule.csv",
        "downloads/schedule.xlsx",
        "api/schedule.json",
        "feeds/atom.xml",
        "feeds/rss.xml",
        "feeds/feed.json",
        "feeds/index.html",
        "feeds/sectors/home-appliances/rss.xml",
    ):
        assert (sample_site / path).is_file(), path
    home = (sample_site / "index.html").read_text()
    assert "今日推送" in home and 'href="schedule/"' in home
    page = (sample_site / "schedule" / "index.html").read_text()
    assert 'aria-current="date"' in page  # AS_OF is a working day with pushes
    assert 'href="../items/' in page  # relative links: works under any sub-path


def test_without_a_schedule_the_main_feeds_exist_empty(column):
    from dataclasses import replace

    bare = replace(column, schedule=None)
    made = schedule_files(SiteRequest.of(bare, date(2025, 3, 1), FRAGMENTS, SITE_URL), NONE)
    pages, files = made.pages, made.files
    assert [page.uri for page in pages] == ["schedule/index.md"]
    assert "尚未安排宣传排期" in pages[0].html
    assert sorted(files) == ["feeds/atom.xml", "feeds/feed.json", "feeds/rss.xml"]
    atom = feedparser.parse(files["feeds/atom.xml"])
    assert not atom.bozo and atom.entries == []


def run_cli(*args: str):
    import subprocess
    import sys

    command = [sys.executable, "-m", "generator.cli", "schedule", *args]
    return subprocess.run(command, cwd=ROOT, capture_output=True, text=True, check=False)


def test_cli_prints_the_slots_as_json_and_the_next_days_as_text(column):
    result = run_cli("--json")
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout) == json.loads(slots_json(column.schedule))
    result = run_cli("--as-of", "2025-09-26", "--days", "5")
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[0].startswith("2025年“两重”“两新”政策长周期宣传: 2025-01-01 … 2025-12-31")
    assert any(line.startswith("  2025-09-28 周日 ") for line in lines)  # 调休 Sunday
    assert not any("2025-10-01" in line for line in lines)


def test_cli_writes_the_files_for_the_propaganda_team(tmp_path):
    result = run_cli("--as-of", "2025-03-01", "--out", str(tmp_path), "--site-url", SITE_URL)
    assert result.returncode == 0, result.stderr
    names = {p.name for p in tmp_path.iterdir()}
    assert {"schedule.csv", "schedule.xlsx", "schedule.json", "portal.ics", "tv.ics"} <= names
    assert (tmp_path / "feeds" / "atom.xml").is_file()
    calendar = icalendar.Calendar.from_ical((tmp_path / "wechat.ics").read_bytes())
    assert all(str(e["URL"]).startswith(SITE_URL) for e in calendar.walk("VEVENT"))


def test_cli_reports_schedule_errors_like_check(tmp_path):
    folder = tmp_path / "policies"
    import shutil

    shutil.copytree(ROOT / "policies", folder)
    text = (folder / "schedule.yml").read_text(encoding="utf-8")
    (folder / "schedule.yml").write_text(text.replace("end: 2025-12-31", "end: 2024-12-31"))
    result = run_cli(str(folder))
    assert result.returncode == 1
    assert "schedule.yml:14:6: error: end 2024-12-31 is before start 2025-01-01" in result.stderr

"""Stable URLs: the lock of published item URLs, matching by text, moves and redirects."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import AS_OF, ROOT, build_site, serve

from generator.core.items import build_column
from generator.core.model import Source
from generator.core.url_ids import Fingerprint, accepted_moves, assign_ids, with_ids
from generator.input.taxonomy import load_taxonomy
from generator.input.url_lock import LOCK_FILE, lock_text, read_lock
from generator.output.html.redirects import redirect_page

sys.path.insert(0, str(ROOT))  # benchmarks/ is not installed with the package
from benchmarks.split_baseline import split_body as old_split_body

BASE = ROOT / "tests" / "bad_inputs" / "base"
TAXONOMY, _ = load_taxonomy(BASE / "taxonomy.yml")
FILLER = "符合条件的单位和个人可按规定申请，具体以相关部门公布的实施细则为准。" * 8

# Clause texts long enough that 三、 is split into its (一) (二) … items.
A = "（一）家电以旧换新。对个人消费者购买一级能效空调的，按售价的20%给予补贴。" + FILLER
B = "（二）汽车以旧换新。对报废旧车并购买新能源汽车的，每辆补贴2万元。" + FILLER
C = "（三）电动自行车以旧换新。交售旧车并购买新国标电动自行车的，每辆补贴500元。" + FILLER
NEW = "（三）家装厨卫焕新。对居民开展旧房装修、厨卫改造的，按材料费用的15%给予补贴。" + FILLER


def body(*clauses: str) -> str:
    """一、 二、 as short clauses, then 三、 with the given sub-clauses, renumbered in order."""
    numerals = "一二三四五六七八九"
    lines = ["为推动以旧换新，制定本方案。", "一、总体要求", "坚持市场为主。", "二、工作目标"]
    lines += ["到2025年底，换新规模明显提升。", "三、主要任务"]
    for number, clause in enumerate(clauses):
        lines.append(f"（{numerals[number]}）{clause.split('）', 1)[1]}")
    return "\n".join(lines) + "\n"


def column_of(text: str, slug: str = "plan", split=None):
    source = Source(slug, f"policies/sources/{slug}.yml", "方案", ("miluo-commerce",), "miluo")
    source = Source(**{**source.__dict__, "body": text, "sectors": ("home-appliances",)})
    column, problems = build_column(TAXONOMY, (source,), *([split] if split else []))
    assert not [p for p in problems if p.is_error], problems
    return column


def items_of(text: str, slug: str = "plan") -> list:
    return list(column_of(text, slug).items)


def locked(tmp_path: Path, items: list, moved: dict[str, str] | None = None):
    path = tmp_path / LOCK_FILE
    path.write_text(lock_text(items, moved or {}), encoding="utf-8")
    lock, problems = read_lock(path)
    assert problems == []
    return lock


def ids(items: list, assignment) -> dict[str, str]:
    """Clause text's first words → the id it got."""
    return {item.text[:8]: item_id for item, item_id in zip(items, assignment.ids, strict=True)}


# --- fingerprints ---------------------------------------------------------------------------


def test_fingerprint_round_trips_through_its_text():
    fingerprint = Fingerprint.of(A)
    assert Fingerprint.parse(str(fingerprint)) == fingerprint
    assert len(str(fingerprint)) < 100


@pytest.mark.parametrize(
    ("left", "right", "low", "high"),
    [
        pytest.param(A, A, 1.0, 1.0, id="same"),
        pytest.param(C, "（四）" + C.split("）", 1)[1], 1.0, 1.0, id="renumbered"),
        pytest.param("（三）" + C[3:], "(三) " + C[3:].replace("，", ","), 1.0, 1.0, id="width"),
        pytest.param(A, A.replace("20%", "15%").replace("一级", "二级"), 0.5, 1.0, id="edited"),
        pytest.param(A.replace(FILLER, ""), B.replace(FILLER, ""), 0.0, 0.2, id="another clause"),
        pytest.param(A, B, 0.2, 0.5, id="another clause, same boilerplate"),
    ],
)
def test_similarity(left: str, right: str, low: float, high: float):
    assert low <= Fingerprint.of(left).similarity(Fingerprint.of(right)) <= high


# --- matching clauses to locked ids ---------------------------------------------------------


def test_an_unchanged_document_keeps_every_id(tmp_path: Path):
    before = items_of(body(A, B, C))
    assignment = assign_ids(before, locked(tmp_path, before))
    assert assignment.ids == [item.id for item in before]
    assert (assignment.new, assignment.changed, assignment.vanished) == ([], [], [])


def test_an_inserted_clause_leaves_the_renumbered_ones_their_urls(tmp_path: Path):
    before = items_of(body(A, B, C))
    after = items_of(body(A, B, NEW, C))  # a new （三）: the old （三） is （四） now
    assignment = assign_ids(after, locked(tmp_path, before))
    assert [item.path for item in after][-4:] == ["3-1", "3-2", "3-3", "3-4"]
    assert ids(after, assignment) == {
        "一、总体要求\n坚": "plan/1",
        "二、工作目标\n到": "plan/2",
        "（一）家电以旧换": "plan/3-1",
        "（二）汽车以旧换": "plan/3-2",
        "（三）家装厨卫焕": "plan/3-3-v2",  # 3-3 belongs to the old （三）
        "（四）电动自行车": "plan/3-3",
    }
    assert [after[i].path for i in assignment.new] == ["3-3"]
    assert assignment.changed == assignment.vanished == []


def test_an_edited_and_renumbered_clause_is_found_by_similarity(tmp_path: Path):
    before = items_of(body(A, B, C))
    edited = C.replace("500元", "600元").replace("新国标", "符合新国标的")
    after = items_of(body(NEW, A, B, edited))
    assignment = assign_ids(after, locked(tmp_path, before))
    got = ids(after, assignment)
    assert got["（四）电动自行车"] == "plan/3-3"
    assert got["（二）家电以旧换"] == "plan/3-1"
    assert got["（一）家装厨卫焕"] == "plan/3-1-v2"
    assert [after[i].path for i in assignment.changed] == ["3-4"]


def test_swapped_clauses_keep_their_own_urls(tmp_path: Path):
    before = items_of(body(A, B, C))
    after = items_of(body(B, A, C))
    assignment = assign_ids(after, locked(tmp_path, before))
    assert ids(after, assignment)["（一）汽车以旧换"] == "plan/3-2"
    assert ids(after, assignment)["（二）家电以旧换"] == "plan/3-1"


def test_a_clause_rewritten_in_place_keeps_its_url(tmp_path: Path):
    before = items_of(body(A, B, C))
    after = items_of(body(A, B, NEW))
    assignment = assign_ids(after, locked(tmp_path, before))
    assert ids(after, assignment)["（三）家装厨卫焕"] == "plan/3-3"
    assert [after[i].path for i in assignment.changed] == ["3-3"]
    assert assignment.vanished == []


def test_a_removed_clause_vanishes(tmp_path: Path):
    before = items_of(body(A, B, C))
    after = items_of(body(A, C))
    assignment = assign_ids(after, locked(tmp_path, before))
    assert ids(after, assignment)["（二）电动自行车"] == "plan/3-3"
    assert assignment.vanished == ["plan/3-2"]


def test_a_better_split_keeps_the_published_urls(tmp_path: Path):
    """The old splitter cut a PDF hard wrap into a false 第四条; the URLs it published stay."""
    text = (ROOT / "tests" / "data" / "split" / "pdf-hard-wraps.txt").read_text(encoding="utf-8")
    before = list(column_of(text, split=old_split_body).items)
    column = column_of(text)
    assert [item.path for item in before] == ["1", "2", "3", "4", "4b", "5"]
    assert [item.path for item in column.items] == ["1", "2", "3", "4", "5"]
    lock = locked(tmp_path, before)
    assignment = assign_ids(column.items, lock)
    assert assignment.ids == ["plan/1", "plan/2", "plan/3", "plan/4b", "plan/5"]
    assert assignment.vanished == ["plan/4"]  # the false 第四条: its text is in 第三条 now
    moves = accepted_moves(with_ids(column, assignment.ids), lock, assignment.vanished)
    assert moves == {"items/plan/4/": "sources/plan/"}  # too short to match: its document


def test_a_moved_url_is_never_given_to_another_clause(tmp_path: Path):
    before = items_of(body(A, B))
    lock = locked(tmp_path, before[:-1], moved={"items/plan/3-2/": "items/plan/3-1/"})
    assignment = assign_ids(before, lock)
    assert assignment.ids[-1] == "plan/3-2-v2"


def test_matching_is_deterministic(tmp_path: Path):
    before = items_of(body(A, B, C))
    after = items_of(body(C, NEW, A, B))
    lock = locked(tmp_path, before)
    assert assign_ids(after, lock).ids == assign_ids(after, lock).ids


def test_the_lock_is_sorted_one_url_a_line(tmp_path: Path):
    items = items_of(body(A, B, C))
    text = lock_text(items, {"items/plan/9/": "items/plan/3-1/", "items/plan/10/": "sources/plan/"})
    lines = [line for line in text.splitlines() if line.startswith("  ")]
    urls = [line.split(":", 1)[0].strip() for line in lines]
    assert urls == [
        "items/plan/1/",
        "items/plan/2/",
        "items/plan/3-1/",
        "items/plan/3-2/",
        "items/plan/3-3/",
        "items/plan/9/",
        "items/plan/10/",
    ]
    assert "  items/plan/3-1/: " in text and "# （一）家电以旧换新" in text


def test_redirect_page_is_relative_and_needs_no_script():
    html = redirect_page("items/plan/3-3/", "items/other/1/").decode()
    assert '<meta http-equiv="refresh" content="0; url=../../other/1/">' in html
    assert '<link rel="canonical" href="../../other/1/">' in html
    assert '<a href="../../other/1/">' in html
    assert "<script" not in html


# --- the workflow through the command -------------------------------------------------------


def run(*args: str, cwd: Path) -> subprocess.CompletedProcess:
    command = [sys.executable, "-m", "generator.cli", *args]
    return subprocess.run(command, cwd=cwd, capture_output=True, text=True, check=False)


def test_the_sample_lock_is_current(tmp_path: Path):
    """`policy-column lock` on the sample changes nothing: every published URL is locked."""
    shutil.copytree(ROOT / "policies", tmp_path / "policies")
    result = run("lock", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert "(0 new)" in result.stdout
    written = (tmp_path / "policies" / LOCK_FILE).read_bytes()
    assert written == (ROOT / "policies" / LOCK_FILE).read_bytes()


def test_new_urls_are_a_warning_until_locked(tmp_path: Path):
    shutil.copytree(BASE, tmp_path / "policies")
    assert run("lock", cwd=tmp_path).returncode == 0
    doc = tmp_path / "policies/sources/base-doc.yml"
    doc.write_text(doc.read_text(encoding="utf-8") + "  四、咨询电话\n  拨打12345。\n", "utf-8")
    result = run("check", "--strict", "policies", cwd=tmp_path)
    assert result.returncode == 1
    assert (
        "policies/sources/base-doc.yml:19:1: warning: not yet in policies/urls.lock.yml: "
        "1 new URL(s) items/base-doc/4/ — run `policy-column lock`"
    ) in result.stderr
    assert run("lock", cwd=tmp_path).stdout.startswith("new: items/base-doc/4/")
    assert run("check", "--strict", "policies", cwd=tmp_path).returncode == 0


def test_a_damaged_lock_is_reported_with_its_line(tmp_path: Path):
    shutil.copytree(BASE, tmp_path / "policies")
    run("lock", cwd=tmp_path)
    lock = tmp_path / "policies" / LOCK_FILE
    text = lock.read_text(encoding="utf-8").replace("items/base-doc/2/: ", "items/base-doc/2/: x")
    lock.write_text(text.replace("items/base-doc/3/", "items/Base Doc/3/"), encoding="utf-8")
    result = run("check", "policies", cwd=tmp_path)
    assert result.returncode == 1
    assert "policies/urls.lock.yml:9:3: error: the fingerprint of items/base-doc/2/ is damaged" in (
        result.stderr
    )
    assert 'policies/urls.lock.yml:10:3: error: "items/Base Doc/3/" is not an item URL' in (
        result.stderr
    )


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """The base policies with a lock, a second document, and a built site."""
    project = tmp_path / "project"
    for name in ("overrides", "docs"):
        shutil.copytree(ROOT / name, project / name)
    shutil.copy(ROOT / "mkdocs.yml", project / "mkdocs.yml")
    shutil.copytree(BASE, project / "policies")
    other = project / "policies/sources/other-doc.yml"
    text = (BASE / "sources/base-doc.yml").read_text(encoding="utf-8")
    text = text.replace("家电以旧换新补贴办法", "家电回收办法").replace("1号", "2号")
    other.write_text(text.split("body: |")[0] + "body: |\n  一、回收范围\n  废旧家电。\n", "utf-8")
    assert run("lock", cwd=project).returncode == 0
    assert build_site(project / "site", "--as-of", AS_OF, "--strict", cwd=project).returncode == 0
    return project


@pytest.mark.slow
@pytest.mark.browser
def test_moving_a_clause_fails_the_build_until_recorded_then_redirects(project: Path, browser):
    base = project / "policies/sources/base-doc.yml"
    other = project / "policies/sources/other-doc.yml"
    moving = "  二、补贴标准\n  按售价的20%补贴，每件不超过2000元。\n"
    text = base.read_text(encoding="utf-8").replace(moving, "").replace("三、申领", "二、申领")
    base.write_text(text, "utf-8")
    other.write_text(other.read_text(encoding="utf-8") + moving, "utf-8")
    site = project / "site"
    before = {path: path.read_bytes() for path in site.rglob("*") if path.is_file()}

    failed = build_site(site, "--as-of", AS_OF, cwd=project)

    assert failed.returncode == 1
    assert (
        "policies/urls.lock.yml:9:3: error: published URL items/base-doc/2/ would disappear: "
        "no clause has its text — its clause looks like items/other-doc/2/ now (100% alike): "
        "if so, run `policy-column lock --accept`"
    ) in failed.stderr
    assert {path: path.read_bytes() for path in site.rglob("*") if path.is_file()} == before

    accepted = run("lock", "--accept", cwd=project)
    assert accepted.returncode == 0, accepted.stderr
    assert "moved: items/base-doc/2/ → items/other-doc/2/" in accepted.stdout
    lock = (project / "policies" / LOCK_FILE).read_text(encoding="utf-8")
    assert "moved:\n  items/base-doc/2/: items/other-doc/2/\n" in lock

    built = build_site(site, "--as-of", AS_OF, "--strict", cwd=project)
    assert built.returncode == 0, built.stderr
    redirect = (site / "items/base-doc/2/index.html").read_text(encoding="utf-8")
    assert 'content="0; url=../../other-doc/2/"' in redirect
    assert (site / "items/other-doc/2/index.html").is_file()
    # base-doc's 三、 is its 二、 now, and kept its URL.
    page = (site / "items/base-doc/3/index.html").read_text(encoding="utf-8")
    assert "登录小程序申领" in page

    server = serve(site, "/zt/lzlx/")  # the redirect is relative: it works under a sub-path
    tab = browser.new_page()
    tab.goto(server.url("items/base-doc/2/"))
    tab.wait_for_url(server.url("items/other-doc/2/"))
    assert "补贴标准" in tab.locator("h1").inner_text()
    tab.close()
    server.httpd.shutdown()

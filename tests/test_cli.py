"""The `policy-column` commands as the policy team runs them."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

from conftest import ROOT

CORPUS = ROOT / "tests/data/corpus"
SPLIT_FIELDS = {"id", "clause", "title", "breadcrumb", "text"}


def run(*args: str, cwd: Path = ROOT) -> subprocess.CompletedProcess:
    command = [sys.executable, "-m", "generator.cli", *args]
    return subprocess.run(command, cwd=cwd, capture_output=True, text=True, check=False)


def test_split_json_has_the_stable_fields_and_the_seven_parts():
    result = run("split", str(CORPUS / "mzbh-2024-33.yml"), "--json")
    assert result.returncode == 0, result.stderr
    items = json.loads(result.stdout)
    assert all(set(item) >= SPLIT_FIELDS for item in items)
    roots = [item["clause"][0] for item in items]
    assert list(dict.fromkeys(roots)) == ["一、", "二、", "三、", "四、", "五、", "六、", "七、"]
    assert all(item["id"].startswith("mzbh-2024-33/") for item in items)
    assert max(len(item["text"]) for item in items) <= 600
    promote = next(item for item in items if item["id"] == "mzbh-2024-33/3-5")
    assert promote["clause"] == ["三、", "(五)"]
    assert promote["breadcrumb"] == ["三、主要任务"]
    assert promote["text"].startswith("(五)促进消费增长")


def test_split_draws_the_outline_as_a_tree():
    result = run("split", str(CORPUS / "jn-2025-appliance-rules.yml"))
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[0].endswith("(jn-2025-appliance-rules): 20 items")
    start = lines.index("    第七条 销售企业参与流程")  # a heading that is no item: no path
    assert lines[start - 1 : start + 3] == [
        "    第六条 2-6  92  废旧家电回收",
        "    第七条 销售企业参与流程",
        "      1. 2-7-1  70  自愿报名",
        "      2. 2-7-2  122  平台运作",
    ]
    assert lines[-1] == "  （落款 closing） 28"
    assert result.stderr == ""


def test_split_applies_the_split_block_and_names_the_entry_that_would_fix_a_warning(
    tmp_path: Path,
):
    case = (ROOT / "tests/bad_inputs/sources/split-annex-uncorrected.yml").read_text("utf-8")
    path = tmp_path / "annex.yml"
    path.write_text(case, encoding="utf-8")
    warned = run("split", str(path), "--json")
    assert [item["id"] for item in json.loads(warned.stdout)] == ["annex/1", "annex/2", "annex/1b"]
    assert 'split: closing: "申请材料清单"' in warned.stderr
    path.write_text(case + "split:\n  closing: 申请材料清单\n", encoding="utf-8")
    fixed = run("split", str(path), "--json")
    assert [item["id"] for item in json.loads(fixed.stdout)] == ["annex/1", "annex/2"]
    assert fixed.returncode == 0 and fixed.stderr == ""
    path.write_text(case + "split:\n  closing: 申请材料\n  clause: [一、甲]\n", encoding="utf-8")
    wrong = run("split", str(path))
    assert wrong.returncode == 1
    assert (
        f"{path}:19:12: error:" in wrong.stderr
        and 'no line of the body begins with "一、甲"' in wrong.stderr
    )


def test_check_passes_strict_on_the_sample():
    result = run("check", "--strict")
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("ok: 4 documents, 60 items")


def test_check_reports_errors_of_every_file_and_exits_1(tmp_path: Path):
    policies = tmp_path / "policies"
    shutil.copytree(ROOT / "policies", policies)
    car = policies / "sources/jn-2025h1-car-subsidy.yml"
    car.write_text(car.read_text(encoding="utf-8").replace("level:", "levle:"), encoding="utf-8")
    plan = policies / "sources/mzbh-2024-33.yml"
    plan.write_text(
        plan.read_text(encoding="utf-8").replace("signed: 2024-09-05", "signed: 2024-09-31"),
        encoding="utf-8",
    )
    result = run("check", str(policies))
    assert result.returncode == 1
    errors = [line for line in result.stderr.splitlines() if ": error: " in line]
    assert any("jn-2025h1-car-subsidy.yml:" in line and "levle" in line for line in errors)
    assert any("mzbh-2024-33.yml:" in line and "2024-09-31" in line for line in errors)

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


def test_split_preview_lists_items_with_their_lengths():
    result = run("split", str(CORPUS / "jn-2025-appliance-rules.yml"))
    assert result.returncode == 0, result.stderr
    assert "jn-2025-appliance-rules/2-7-5" in result.stdout
    assert "第七条 销售企业参与流程 › 参与活动要求" in result.stdout


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

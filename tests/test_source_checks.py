"""Warnings across documents, on the sample as the policy team had it: the Jinan rules of
2025 implement the provincial plan of 2025 (鲁商字〔2025〕1号, expires 2025-12-31) and had no
expires, so their items read 长期有效 in December 2026."""

from __future__ import annotations

import shutil
from pathlib import Path

from conftest import ROOT

from generator.pipeline.stages import check_policies

RULES = "jn-2025-appliance-rules.yml"


def test_a_document_bound_to_a_year_and_an_expiring_plan_needs_expires(tmp_path: Path):
    policies = tmp_path / "policies"
    shutil.copytree(ROOT / "policies", policies)
    rules = policies / "sources" / RULES
    text = rules.read_text(encoding="utf-8")
    rules.write_text(text.replace("expires: 2025-12-31\n", ""), encoding="utf-8")
    _, warnings = check_policies(policies)
    found = [str(w) for w in warnings if w.file.endswith(RULES)]
    assert len(found) == 1
    assert ":1:1: warning: 济南市2025年家电以旧换新补贴实施细则 is bound to the year" in found[0]
    assert "鲁商字〔2025〕1号, which it implements (expires 2025-12-31)" in found[0]
    assert "add expires: 2025-12-31" in found[0]


def test_the_sample_as_it_is_has_no_such_warning():
    _, warnings = check_policies(ROOT / "policies")
    assert warnings == []

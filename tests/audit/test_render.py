"""The audit's verdict lines, terminal summary, audit.json and audit.html, from a result built here."""

from __future__ import annotations

import json

from tfgrade.audit import render
from tfgrade.audit.run import failures


def _result():
    mutant = {"id": "swap-operator@9:11", "operator": "swap-operator", "line": 9, "change": "`+` -> `-`",
              "status": "survived", "killed_by": [], "score": 3, "hints": [], "reason": "",
              "diff": "--- reference/t.py\n+++ mutant/t.py\n-    return x + <b>\n+    return x - <b>\n"}
    equivalent = {**mutant, "id": "change-constant@3:4", "status": "equivalent", "reason": "epochs are free"}
    killed = {**mutant, "id": "drop-call@5:4", "status": "killed", "killed_by": ["test_shape"], "diff": ""}
    return {"seconds": 12.0, "exercises": [{
        "exercise": "t", "max_score": 3,
        "checks": [{"kind": "reference", "name": "reference", "severity": "ok", "problems": [], "score": 3,
                    "max_score": 3, "hints": []},
                   {"kind": "mutant", "name": "no-bias", "severity": "fail", "problems": ["earns full marks (3)"],
                    "score": 3, "max_score": 3, "hints": []},
                   {"kind": "layout", "name": "equivalent.txt", "severity": "warn", "problems": ["stale: x@1:1"],
                    "score": None, "max_score": None, "hints": []}],
        "margins": [{"case_id": "test_fit", "what": "|w - w*|", "value": 0.028, "limit": 0.03, "below": True,
                     "room": 0.067, "passed": None, "of": None, "warn": True}],
        "generated": {"available": 9, "graded": 3, "killed": 1, "survived": 1, "equivalent": 1, "score": 0.5,
                      "mutants": [killed, mutant, equivalent]},
        "cases": [{"case_id": "test_shape", "title": "shape", "points": 1, "hidden": False, "kills": ["drop-call@5:4"]},
                  {"case_id": "test_fit", "title": "fit", "points": 2, "hidden": True, "kills": []}]}]}


def test_failures_are_the_failed_checks_and_with_strict_the_warnings_too():
    result = _result()
    assert failures(result) == ["t: mutant no-bias: earns full marks (3)"]
    assert failures(result, strict=True) == [
        "t: mutant no-bias: earns full marks (3)", "t: layout equivalent.txt: stale: x@1:1",
        "t: generated mutant swap-operator@9:11 survives (`+` -> `-`)",
        "t: test_fit margin of |w - w*|: 7% inside its limit"]


def test_summary_json_and_html(tmp_path):
    result, failed = _result(), failures(_result())
    text = render.summary(result, failed)
    assert text.splitlines()[0] == ("t: 1/3 checks proven, generated mutants killed 50% (1/2), 1 survived, "
                                    "1 equivalent (of 9 possible)")
    for line in ("  ✗ mutant no-bias: earns full marks (3)", "  ! survivor swap-operator@9:11: `+` -> `-`",
                 "  cases that kill no generated mutant: test_fit",
                 "  ! narrow margin in test_fit: |w - w*| = 0.028 (needs at most 0.03; 7% of it inside)"):
        assert line in text.splitlines()
    assert text.endswith("FAILED: 1 problem(s); audit took 12 s")
    saved = json.loads(render.write_json(tmp_path, result, failed).read_text())
    assert saved["failed"] == failed and saved["exercises"][0]["generated"]["score"] == 0.5
    html = render.write_html(tmp_path, result, failed).read_text()
    assert "return x + &lt;b&gt;" in html and "x + <b>" not in html  # diffs are escaped
    assert "return x - &lt;b&gt;" in html and "equivalent: epochs are free" in html
    assert html.count("<img") == 1 and 'class="alarm"' in html

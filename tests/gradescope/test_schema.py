"""The schema check finds what departs from Gradescope's format, and tfgrade's renderer passes it."""

import json

from tfgrade.render.gradescope import gradescope_results
from tfgrade.results import CaseResult, Report

from .schema import check_results


def _report():
    return Report("ada", [
        CaseResult("gradients", "derivative of a cubic", False, 1.0, 1.0, "passed"),
        CaseResult("gradients", "constants need tape.watch", True, 0.0, 2.0, "failed",
                   "tape.gradient(y, x) returned None for a constant x", ["tape-not-watched"]),
        CaseResult("gradients", "apple", True, 0.0, 1.0, "skipped", "needs ```derivative```"),
    ])


def test_renderer_output_conforms_and_places_visibility_points_and_hints():
    results = gradescope_results(_report())
    assert check_results(json.dumps(results)) == []
    public, hidden, skipped = results["tests"]
    assert (public["visibility"], hidden["visibility"]) == ("visible", "after_published")
    assert (hidden["score"], hidden["max_score"], hidden["status"], skipped["status"]) == (0.0, 2.0, "failed", "failed")
    assert "returned None for a constant x" in hidden["output"] and "**Hint `tape-not-watched`**" in hidden["output"]
    assert "```derivative```" not in skipped["output"]  # a fence in a message cannot close the output's fence
    assert results["score"] == 1.0 and "| `gradients` | 1 / 4 |" in results["output"]


def test_departures_are_found():
    bad = {"score": "10", "execution_time": -1, "visibility": "secret", "output_format": "pdf", "colour": 1,
           "tests": [{"score": "1", "status": "ok", "tags": "x", "visibility": "later"}, 3],
           "leaderboard": [{"name": "Accuracy", "value": 0.9, "order": "up"}]}
    problems = check_results(json.dumps(bad))
    for expected in ("results.score", "execution_time", "results.visibility", "results.output_format", "'colour'",
                     "tests[0].score", "tests[0].status", "tests[0].tags", "tests[0].visibility", "tests[1]",
                     "leaderboard[0]"):
        assert any(expected in p for p in problems), (expected, problems)
    assert check_results('{"tests": [{"name": "x"}]}') == ["tests[0]: no score, and no top-level score"]
    assert check_results("[1]") == ["the top level is not an object"]
    assert check_results(json.dumps({"score": float("nan")}))[0].startswith("not JSON")  # Python writes NaN

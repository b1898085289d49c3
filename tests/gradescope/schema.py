"""Gradescope's results.json format, checked field by field as its documentation describes it
(gradescope-autograders.readthedocs.io/en/latest/specs/, "Output format", "Controlling Test Case
Visibility", "Output String Formatting", "Test case status", "Leaderboards")."""

from __future__ import annotations

import json
import math
from numbers import Real
from typing import Any

VISIBILITY = {"hidden", "after_due_date", "after_published", "visible"}
FORMATS = {"text", "html", "simple_format", "md", "ansi"}
STATUS = {"passed", "failed"}
TOP = {"score", "execution_time", "output", "output_format", "test_output_format", "test_name_format", "visibility",
       "stdout_visibility", "extra_data", "tests", "leaderboard"}
TEST = {"score", "max_score", "status", "name", "name_format", "number", "output", "output_format", "tags",
        "visibility", "extra_data"}


def _number(value: Any) -> bool:
    return isinstance(value, Real) and not isinstance(value, bool) and math.isfinite(value)


def _check_fields(where: str, data: dict, allowed: set[str]) -> list[str]:
    problems = [f"{where}: unknown field {key!r}" for key in data if key not in allowed]
    for key in ("output", "name", "number"):
        if key in data and not isinstance(data[key], str):
            problems.append(f"{where}.{key} is not a string")
    for key in ("output_format", "name_format", "test_output_format", "test_name_format"):
        if key in data and data[key] not in FORMATS:
            problems.append(f"{where}.{key} = {data[key]!r}, not one of {sorted(FORMATS)}")
    for key in ("visibility", "stdout_visibility"):
        if key in data and data[key] not in VISIBILITY:
            problems.append(f"{where}.{key} = {data[key]!r}, not one of {sorted(VISIBILITY)}")
    if "extra_data" in data and not isinstance(data["extra_data"], dict):
        problems.append(f"{where}.extra_data is not an object")
    return problems


def _check_test(index: int, test: Any, top_score: bool) -> list[str]:
    where = f"tests[{index}]"
    if not isinstance(test, dict):
        return [f"{where} is not an object"]
    problems = _check_fields(where, test, TEST)
    if "score" not in test and not top_score:
        problems.append(f"{where}: no score, and no top-level score")
    for key in ("score", "max_score"):
        if key in test and not _number(test[key]):
            problems.append(f"{where}.{key} is not a finite number")
    if "status" in test and test["status"] not in STATUS:
        problems.append(f"{where}.status = {test['status']!r}, not one of {sorted(STATUS)}")
    if "tags" in test and not (isinstance(test["tags"], list) and all(isinstance(t, str) for t in test["tags"])):
        problems.append(f"{where}.tags is not a list of strings")
    return problems


def check_results(text: str) -> list[str]:
    """Every way `text` (a results.json) departs from Gradescope's documented format; empty when it conforms."""
    def refuse(constant: str) -> None:
        raise ValueError(f"{constant} is not JSON")

    try:
        data = json.loads(text, parse_constant=refuse)
    except ValueError as exc:
        return [f"not JSON: {exc}"]
    if not isinstance(data, dict):
        return ["the top level is not an object"]
    problems = _check_fields("results", data, TOP)
    if "score" in data and not _number(data["score"]):
        problems.append("results.score is not a finite number")
    if "execution_time" in data and not (_number(data["execution_time"]) and data["execution_time"] >= 0):
        problems.append("results.execution_time is not a number of seconds")
    tests = data.get("tests")
    if tests is None and "score" not in data:
        problems.append("neither a top-level score nor tests")
    elif tests is not None and not isinstance(tests, list):
        problems.append("results.tests is not a list")
    else:
        for index, test in enumerate(tests or []):
            problems += _check_test(index, test, "score" in data)
    for index, entry in enumerate(data.get("leaderboard") or []):
        if not (isinstance(entry, dict) and isinstance(entry.get("name"), str)
                and (_number(entry.get("value")) or isinstance(entry.get("value"), str))
                and entry.get("order", "desc") in ("asc", "desc")):
            problems.append(f"leaderboard[{index}] is not {{name, value[, order asc|desc]}}")
    return problems

"""docs/mistakes.md lists every hint id of HINTS, by exercise as the graders' MISTAKES say, and no other id."""

from __future__ import annotations

import re
from pathlib import Path

from tfgrade.hints import HINTS
from tfgrade.mistakes_doc import ENGINE_WIDE, EXAMPLES, main, read_exercises, render

REPO = Path(__file__).resolve().parents[1]
DOC = REPO / "docs" / "mistakes.md"
FIX = "run `python -m tfgrade.mistakes_doc` and commit docs/mistakes.md"


def _ids_by_section(text: str) -> dict[str, set[str]]:
    """The ids in the first column of each section's tables (and its "Also proven here" line)."""
    sections: dict[str, set[str]] = {}
    current = ""
    for line in text.splitlines():
        if line.startswith("## "):
            current = line[3:].strip()
            sections[current] = set()
        elif current and line.startswith("| `"):
            sections[current].add(line.split("`")[1])
        elif current and line.startswith("Also proven here"):
            sections[current] |= set(re.findall(r"`([^`]+)`", line))
    return sections


def test_every_hint_has_an_example_and_engine_wide_ids_are_hints():
    assert set(EXAMPLES) == set(HINTS), "EXAMPLES in src/tfgrade/mistakes_doc.py: one per hint id"
    assert set(ENGINE_WIDE) <= set(HINTS)


def test_mistakes_md_lists_every_id_by_exercise_and_nothing_else():
    sections = _ids_by_section(DOC.read_text(encoding="utf-8"))
    listed = set().union(*sections.values())
    missing, unknown = sorted(set(HINTS) - listed), sorted(listed - set(HINTS))
    assert not missing and not unknown, f"missing: {missing}, unknown: {unknown}; {FIX}"
    assert sections.get("Any exercise") == set(ENGINE_WIDE), FIX
    for exercise in read_exercises(REPO):
        assert sections.get(exercise.name) == set(exercise.mistakes), f"{exercise.name}: {FIX}"


def test_mistakes_md_is_up_to_date():
    assert DOC.read_text(encoding="utf-8") == render(REPO), FIX
    assert main(["--root", str(REPO), "--check"]) == 0

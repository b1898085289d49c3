"""Nothing in the repository points outside it: no text file sends readers to a sibling folder or to documents
that are not here, every relative link of README.md and docs/*.md leads to a file of the repository, and
docs/README.md indexes every document of docs/."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
CHECKED = ("README.md", "docs/", "src/", "graders/", "exercises/", "reference/", "tests/", "bench/", "tox.ini",
           "pyproject.toml")
# what sends a reader outside the repository (case-insensitive)
OUTSIDE = {
    "a sibling folder": re.compile(r"\.\./shared"),
    "the issue": re.compile(r"\bthe issue\b", re.IGNORECASE),
    "DESIGN.md": re.compile(r"\bDESIGN\.md\b"),
    "exercise-api.md": re.compile(r"\bexercise-api\.md\b"),
    "mistakes.md in shared": re.compile(r"shared/mistakes\.md|mistakes\.md in shared", re.IGNORECASE),
}
LINK = re.compile(r"(?<!!)\[[^\]]*\]\(([^)\s]+)(?:\s+\"[^\"]*\")?\)")  # [text](target "title")
SELF = Path(__file__).resolve()


def _files() -> list[Path]:
    """Tracked files, and new ones git does not ignore, under the checked paths."""
    if shutil.which("git") is None or not (REPO / ".git").exists():
        pytest.skip("not a git checkout")
    listed = subprocess.run(["git", "ls-files", "-z", "--cached", "--others", "--exclude-standard", "--", *CHECKED],
                            cwd=REPO, capture_output=True, check=True).stdout.decode().split("\0")
    return [REPO / name for name in sorted(set(listed)) if name and (REPO / name).is_file()]


def _text(path: Path) -> str | None:
    data = path.read_bytes()
    if b"\0" in data[:4096]:
        return None
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        return None


def _markdown() -> list[Path]:
    return [REPO / "README.md", *sorted((REPO / "docs").glob("*.md"))]


def test_no_text_file_points_outside_the_repository():
    found = []
    for path in _files():
        text = _text(path) if path.resolve() != SELF else None
        for number, line in enumerate((text or "").splitlines(), start=1):
            found += [f"{path.relative_to(REPO)}:{number}: {what}: {line.strip()[:100]}"
                      for what, pattern in OUTSIDE.items() if pattern.search(line)]
    assert not found, "references outside the repository:\n" + "\n".join(found)


def test_every_relative_link_of_the_documentation_leads_to_a_file_of_the_repository():
    broken = []
    for path in _markdown():
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
            for target in LINK.findall(line):
                if re.match(r"[a-z][a-z0-9+.-]*:", target) or target.startswith("#"):
                    continue  # https:, mailto:, and anchors of the same page
                resolved = (path.parent / target.split("#")[0]).resolve()
                if not resolved.is_relative_to(REPO) or not resolved.exists():
                    broken.append(f"{path.relative_to(REPO)}:{number}: {target}")
    assert not broken, "links that lead nowhere in the repository:\n" + "\n".join(broken)


def test_docs_readme_indexes_every_document():
    index = (REPO / "docs" / "README.md").read_text(encoding="utf-8")
    linked = {target.split("#")[0] for target in LINK.findall(index)}
    missing = [p.name for p in sorted((REPO / "docs").glob("*.md")) if p.name != "README.md" and p.name not in linked]
    assert not missing, f"docs/README.md does not list: {', '.join(missing)}"

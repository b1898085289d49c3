"""What decides grades is digested: a fix to the grading code grades again, a change to rendering does not."""

from __future__ import annotations

import shutil
from pathlib import Path

import tfgrade
from tfgrade.engine import grading_code_digest


def test_a_change_to_grading_code_changes_the_digest_and_rendering_does_not(tmp_path):
    package = tmp_path / "tfgrade"
    shutil.copytree(Path(tfgrade.__file__).parent, package, ignore=shutil.ignore_patterns("__pycache__"))
    before = grading_code_digest(package)
    assert before == grading_code_digest(Path(tfgrade.__file__).parent)
    (package / "render" / "html.py").write_text((package / "render" / "html.py").read_text() + "\n# restyled\n")
    assert grading_code_digest(package) == before
    for changed in ("grading/compare.py", "sandbox/child.py", "source/demo_filter.py", "hints.py"):
        copy = tmp_path / changed.replace("/", "_") / "tfgrade"
        shutil.copytree(package, copy)
        (copy / changed).write_text((copy / changed).read_text() + "\n# fixed\n")
        assert grading_code_digest(copy) != before, changed

"""The Python API a notebook uses: `import tfgrade; tfgrade.check(...)`, as often as the student likes."""

from __future__ import annotations

import tfgrade


def test_check_can_be_called_twice_in_one_process(course, capsys, monkeypatch):
    monkeypatch.chdir(course.root)
    first = tfgrade.check("gradients", path=str(course.reference_dir))
    second = tfgrade.check("gradients", path=str(course.exercises_dir))
    assert callable(tfgrade.check)
    assert first.score == first.max_score > 0
    assert second.score == 0 and "stub-unchanged" in second.hints()
    printed = capsys.readouterr().out
    assert printed.count("gradients") >= 2

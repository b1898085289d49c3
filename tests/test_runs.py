"""The last run's record: kept in the gradebook, counts what was graded and kept, and the class page shows it."""

from __future__ import annotations

from datetime import datetime

import pytest

from tfgrade.batch import grade_class
from tfgrade.runs import RUN_KEY, load_run, now, run_record, save_run
from tfgrade.source.submission import load_class
from tfgrade.store import Gradebook


class _Engine:
    def __init__(self) -> None:
        self.environment = {"tensorflow": "9.1", "keras": "9.2", "numpy": "9.3", "python": "9.4", "device": "GPU"}
        self.device_choice, self.isolation, self.unsandboxed, self.graders = "auto", {"mode": "user"}, True, []


def test_record_round_trip(tmp_path):
    started = now()
    record = run_record(_Engine(), started=started, graded=7, kept=3, workers=4)
    assert datetime.fromisoformat(record["finished"]) >= datetime.fromisoformat(record["started"])
    assert (record["graded"], record["kept"], record["workers"], record["scheduler"]) == (7, 3, 4, None)
    assert (record["tensorflow"], record["keras"], record["device"], record["device_choice"]) == ("9.1", "9.2", "GPU",
                                                                                                  "auto")
    assert record["sandbox_mode"] == "user" and record["unsandboxed"] is True
    assert run_record(_Engine(), started=started, graded=1, kept=0, workers=4, scheduler="tcp://h:8786")["workers"] \
        is None
    with Gradebook(tmp_path) as gradebook:
        assert load_run(gradebook) is None
        save_run(gradebook, record)
    with Gradebook(tmp_path) as again:
        assert load_run(again) == record
        again.set_meta(**{RUN_KEY: "{not json"})
        assert load_run(again) is None


@pytest.mark.slow
def test_a_real_run_records_what_it_graded_and_kept(tmp_path, engine, small_class, monkeypatch, capsys):
    from tfgrade.cli import main

    monkeypatch.setattr(engine, "graders", [g for g in engine.graders if g.exercise in ("gradients",
                                                                                        "linear_classifier")])
    monkeypatch.setattr(engine, "policy", engine.policy)  # grade_class hides OUT by replacing it
    classroom, out = small_class(tmp_path / "class"), tmp_path / "out"
    grade_class(engine, load_class(classroom), out, workers=2)
    with Gradebook(out) as gradebook:
        first = load_run(gradebook)
    assert (first["graded"], first["kept"], first["workers"]) == (3, 0, 2)
    assert first["tensorflow"] == engine.environment["tensorflow"] and first["keras"] == engine.environment["keras"]
    assert first["exercises"] == [g.exercise for g in engine.graders]
    grade_class(engine, load_class(classroom), out, workers=1)
    with Gradebook(out) as gradebook:
        second = load_run(gradebook)
    assert (second["graded"], second["kept"]) == (0, 3)
    page = (out / "index.html").read_text()
    assert "0 graded in this run, 3 kept from the previous run" in page and second["finished"] in page
    (out / "index.html").unlink()
    assert main(["report", str(out), "--quiet"]) == 0
    assert (out / "index.html").read_text() == page, "tfgrade report renders the same page from the database"

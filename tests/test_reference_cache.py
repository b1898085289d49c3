"""Reference values computed by one run are reused by the next; anything that decides them changes the file."""

from __future__ import annotations

import pytest

from tfgrade import reference_cache
from tfgrade.engine import Engine
from tfgrade.grading.probes import ReferenceRunner
from tfgrade.source.submission import load_submission


@pytest.fixture
def cache(tmp_path, monkeypatch):
    monkeypatch.setenv("TFGRADE_CACHE", str(tmp_path / "cache"))
    return tmp_path / "cache"


def test_values_round_trip_per_exercise_and_digest(cache):
    values = {"gradients:probe:0:abc": [1.0, 2.0], "xor_net:trained:0:def": {"ok": True}}
    reference_cache.save(values, {"gradients": "d1", "xor_net": "d2"}, "2.21 3.15 /CPU:0")
    assert reference_cache.load({"gradients": "d1", "xor_net": "d2"}, "2.21 3.15 /CPU:0") == values
    assert reference_cache.load({"gradients": "changed", "xor_net": "d2"}, "2.21 3.15 /CPU:0") == {
        "xor_net:trained:0:def": {"ok": True}}, "a changed grader digest finds nothing"
    assert reference_cache.load({"gradients": "d1"}, "2.22 3.15 /CPU:0") == {}, "another TensorFlow finds nothing"


def test_an_unreadable_file_is_computed_again(cache):
    reference_cache.save({"gradients:p:0:x": 1}, {"gradients": "d"}, "v")
    for path in cache.rglob("*.bin"):
        path.write_bytes(b"not a wire message")
    assert reference_cache.load({"gradients": "d"}, "v") == {}


def test_a_second_engine_grades_the_reference_without_running_it(cache, course, monkeypatch):
    first = Engine(course, exercises=["gradients"])
    report = first.grade(load_submission(course.reference_dir), exercises=["gradients"])
    first.keep_reference_values()
    assert report.score == report.max_score

    def never(self, exercise):
        raise AssertionError("the reference ran although its values were stored")

    monkeypatch.setattr(ReferenceRunner, "_module", never)
    second = Engine(course, exercises=["gradients"])
    again = second.grade(load_submission(course.reference_dir), exercises=["gradients"])
    assert [c.to_dict() for c in again.cases] == [c.to_dict() for c in report.cases]

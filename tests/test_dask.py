"""Grading on a Dask cluster (a LocalCluster with 2 worker processes) gives the local run's gradebook."""

from __future__ import annotations

import csv
import json

import pytest

from tfgrade.cli import main

pytestmark = pytest.mark.slow  # training, subprocesses or whole batches: `pytest -m 'not slow'` skips it

distributed = pytest.importorskip("distributed")

EXERCISES = ("linear_classifier", "gradients")


def _results(out):
    reports = {}
    for path in sorted(out.glob("*/report.json")):
        report = json.loads(path.read_text())
        reports[report["student"]] = [(c["exercise"], c["case_id"], c["points"], c["outcome"], c["hints"])
                                      for c in report["cases"]]
    return reports, list(csv.reader((out / "gradebook.csv").open()))


def test_cluster_gradebook_equals_the_local_one(tmp_path, course, monkeypatch, capsys, small_class):
    import dask
    from distributed import LocalCluster

    monkeypatch.chdir(course.root)
    classroom = small_class(tmp_path / "class", empty=("dora",))
    selection = [arg for exercise in EXERCISES for arg in ("--exercise", exercise)]
    assert main(["grade", str(classroom), "--out", str(tmp_path / "local"), "--workers", "2", "--quiet",
                 *selection]) == 0
    with dask.config.set({"distributed.worker.daemon": False}), \
            LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None) as cluster:
        out = tmp_path / "dask"
        assert main(["grade", str(classroom), "--out", str(out), "--scheduler", cluster.scheduler_address,
                     "--quiet", *selection]) == 0
        assert _results(out) == _results(tmp_path / "local")
        rows = {r["student"]: r for r in csv.DictReader((out / "gradebook.csv").open())}
        assert rows["ada"]["total"] == "20" and float(rows["ben"]["gradients"]) < 10
        assert rows["cleo"]["gradients"] == "0" and rows["dora"]["status"] == "no-files"
        (classroom / "cleo" / "gradients.py").write_text((course.reference_dir / "gradients.py").read_text())
        assert main(["grade", str(classroom), "--out", str(out), "--scheduler", cluster.scheduler_address,
                     "--quiet", *selection]) == 0  # resumes: only cleo's changed files are graded again
    assert "3 submission(s) already graded and unchanged" in capsys.readouterr().err
    rows = {r["student"]: r for r in csv.DictReader((out / "gradebook.csv").open())}
    assert rows["cleo"]["gradients"] == "10" and rows["ada"]["total"] == "20" and rows["dora"]["status"] == "no-files"


def test_daemonic_workers_are_refused_with_the_fix(tmp_path, course, monkeypatch, capsys, small_class):
    from distributed import LocalCluster

    monkeypatch.chdir(course.root)
    classroom = small_class(tmp_path / "class", empty=("dora",))
    with LocalCluster(n_workers=1, threads_per_worker=1, processes=True, dashboard_address=None) as cluster:
        assert main(["grade", str(classroom), "--out", str(tmp_path / "out"), "--scheduler",
                     cluster.scheduler_address, "--exercise", "gradients"]) == 2
    assert "DASK_DISTRIBUTED__WORKER__DAEMON=False" in capsys.readouterr().err

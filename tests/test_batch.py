"""Class grading: identical reports on a second run, and notebooks that train at top level stay fast."""

import json
import shutil

import nbformat
import pytest

from tfgrade.batch import grade_class
from tfgrade.source.submission import load_class


def _reports(out):
    reports = {}
    for path in sorted(out.glob("*/report.json")):
        data = json.loads(path.read_text())
        data.pop("timing")
        reports[path.parent.name] = data
    return reports


@pytest.mark.slow
def test_grading_twice_gives_identical_reports(tmp_path, engine, course):
    classroom = tmp_path / "class"
    shutil.copytree(course.root / "sample_class", classroom)
    grade_class(engine, load_class(classroom), tmp_path / "one", workers=2)
    grade_class(engine, load_class(classroom), tmp_path / "two", workers=1)
    first, second = _reports(tmp_path / "one"), _reports(tmp_path / "two")
    assert first == second
    assert (tmp_path / "one" / "gradebook.csv").read_text() == (tmp_path / "two" / "gradebook.csv").read_text()
    environment = first["ada"]["environment"]
    assert environment["tf32"] is False and environment["device"] == "CPU" and environment["seed"] == 0
    assert {"tensorflow", "keras", "sandbox"} <= set(environment)


def test_notebook_training_the_slow_way_at_top_level_is_not_run(tmp_path, engine, course):
    reference = (course.reference_dir / "simple_dense.py").read_text()
    notebook = nbformat.v4.new_notebook()
    notebook.cells = [
        nbformat.v4.new_code_cell("!pip install tensorflow\n%matplotlib inline"),
        nbformat.v4.new_code_cell(reference.replace("### BEGIN SOLUTION", "").replace("### END SOLUTION", "")),
        nbformat.v4.new_code_cell(
            "import numpy as np\nimport matplotlib.pyplot as plt\n"
            "x = np.random.rand(4, 2).astype('float32')\ny = np.array([[0], [1], [1], [0]], 'float32')\n"
            "model = keras.Sequential([keras.Input((2,)), SimpleDense(4, tf.nn.tanh), SimpleDense(1)])\n"
            "model.compile(optimizer='sgd', loss='mse')"),
        nbformat.v4.new_code_cell("history = model.fit(x, y, epochs=2000, batch_size=4)\n"
                                  "plt.plot(history.history['loss'])\nplt.show()\nprint(model.predict(x))"),
        nbformat.v4.new_code_cell("for epoch in range(100000):\n    model.train_on_batch(x, y)"),
    ]
    folder = tmp_path / "class" / "nina"
    folder.mkdir(parents=True)
    nbformat.write(notebook, folder / "simple_dense.ipynb")
    # the engine's import budget is 10 s (tests/conftest.py); the 2000-epoch fit alone takes about a
    # minute, so full marks prove the top-level training never ran
    assert engine.policy.load_seconds <= 10
    [report] = grade_class(engine, load_class(tmp_path / "class"), tmp_path / "out", workers=1)
    assert report.exercise_score("simple_dense") == (10, 10), [c.message for c in report.cases
                                                              if c.outcome != "passed" and c.exercise == "simple_dense"]
    notes = " ".join(report.notes["simple_dense"])
    assert "model.fit" in notes and "plt.plot" in notes and "for epoch" in notes
    assert "cell 4" in notes
    feedback = (tmp_path / "out" / "nina" / "feedback.md").read_text()
    assert "was not run" in feedback


CHEAP = ("linear_classifier", "gradients")


@pytest.fixture
def cheap(engine, monkeypatch):
    """The session engine on two fast exercises, counting what it grades: calls -> [(student, exercises)]."""
    monkeypatch.setattr(engine, "graders", [g for g in engine.graders if g.exercise in CHEAP])
    monkeypatch.setattr(engine, "policy", engine.policy)  # grade_class hides OUT by replacing it
    calls = []
    grade = engine.grade

    def counting(submission, slot=0, exercises=None):
        calls.append((submission.student, tuple(exercises)))
        return grade(submission, slot, exercises)

    monkeypatch.setattr(engine, "grade", counting)
    return calls


def test_a_second_run_keeps_what_is_graded_and_unchanged(tmp_path, engine, course, cheap, monkeypatch,
                                                          small_class):
    classroom, out = small_class(tmp_path / "class"), tmp_path / "out"
    first = grade_class(engine, load_class(classroom), out, workers=2)
    assert sorted(cheap) == [(s, CHEAP) for s in ("ada", "ben", "cleo")]
    before = {p: p.stat().st_mtime_ns for p in out.glob("*/report.json")}
    second = grade_class(engine, load_class(classroom), out, workers=2)
    assert len(cheap) == 3, "nothing graded again"
    assert [r.to_dict() for r in second] == [r.to_dict() for r in first]
    assert before == {p: p.stat().st_mtime_ns for p in out.glob("*/report.json")}

    (classroom / "ben" / "gradients.py").write_text((course.reference_dir / "gradients.py").read_text())
    third = {r.student: r for r in grade_class(engine, load_class(classroom), out, workers=2)}
    assert cheap[3:] == [("ben", CHEAP)], "only the changed submission"
    assert third["ben"].exercise_score("gradients") == (10, 10)

    grade_class(engine, load_class(classroom), out, workers=2, regrade=True, students={"cleo"})
    assert cheap[4:] == [("cleo", CHEAP)]
    monkeypatch.setattr(engine, "grader_digests", {**engine.grader_digests, "gradients": "a changed grader"})
    grade_class(engine, load_class(classroom), out, workers=2)
    assert sorted(cheap[5:]) == [(s, ("gradients",)) for s in ("ada", "ben", "cleo")], "a new grader: its exercise"


def test_regrading_one_exercise_keeps_the_others(tmp_path, engine, cheap, small_class):
    classroom, out = small_class(tmp_path / "class"), tmp_path / "out"
    grade_class(engine, load_class(classroom), out, workers=2)
    before = (out / "gradebook.csv").read_text()
    engine.graders = [g for g in engine.graders if g.exercise == "gradients"]  # the fixture restores them
    reports = grade_class(engine, load_class(classroom), out, workers=2, regrade=True)
    assert sorted(cheap[3:]) == [(s, ("gradients",)) for s in ("ada", "ben", "cleo")]
    assert (out / "gradebook.csv").read_text() == before, "the same grades, every exercise still there"
    assert all(r.exercises() == ["linear_classifier", "gradients"] for r in reports)


def test_report_renders_every_file_again_from_the_database(tmp_path, engine, cheap, capsys, small_class):
    from tfgrade.cli import main

    classroom, out = small_class(tmp_path / "class"), tmp_path / "out"
    grade_class(engine, load_class(classroom), out, workers=2)
    files = {p: p.read_bytes() for p in out.rglob("*") if p.is_file() and p.suffix in (".csv", ".json", ".md", ".html")}
    for path in files:
        path.unlink()
    assert main(["report", str(out)]) == 0
    assert "ada" in capsys.readouterr().out
    assert {p: p.read_bytes() for p in files} == files
    assert main(["report", str(tmp_path)]) == 2
    assert "no gradebook.sqlite" in capsys.readouterr().err

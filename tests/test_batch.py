"""Class grading: identical reports on a second run, and notebooks that train at top level stay fast."""

import json
import shutil

import nbformat

from tfgrade.batch import grade_class
from tfgrade.source.submission import load_class


def _reports(out):
    reports = {}
    for path in sorted(out.glob("*/report.json")):
        data = json.loads(path.read_text())
        data.pop("timing")
        reports[path.parent.name] = data
    return reports


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

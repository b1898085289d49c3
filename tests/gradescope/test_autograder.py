"""The autograder zip, unpacked into Gradescope's layout under tmp_path (standing for /), run on a correct, a
wrong and a hostile submission; results.json checked against Gradescope's documented format.

setup.sh's pip install is skipped (tfgrade is installed in this environment): TFGRADE_PYTHON points
run_autograder at this interpreter, AUTOGRADER_ROOT at the temporary /autograder.
"""

from __future__ import annotations

import json
import os
import shutil
import stat
import subprocess
import sys
import zipfile
from pathlib import Path

import nbformat
import pytest

from tfgrade.cli import main
from tfgrade.gradescope import run

from .schema import check_results

REPO = Path(__file__).resolve().parents[2]
GRADIENTS = REPO / "tests" / "submissions" / "gradients"


@pytest.fixture(scope="module")
def autograder_zip(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("zip") / "autograder.zip"
    assert main(["gradescope", "--out", str(out), "--exercise", "gradients"]) == 0
    return out


def _unpack(autograder_zip: Path, root: Path, files: dict[str, str]) -> Path:
    """Gradescope's /autograder under `root`: source/ (the zip), run_autograder, submission/, results/."""
    autograder = root / "autograder"
    with zipfile.ZipFile(autograder_zip) as archive:
        archive.extractall(autograder / "source")
        for info in archive.infolist():  # zipfile drops the mode: put it back, as Gradescope's unzip does
            (autograder / "source" / info.filename).chmod((info.external_attr >> 16) & 0o777 or 0o644)
    shutil.copy(autograder / "source" / "run_autograder", autograder / "run_autograder")
    for relative, text in files.items():
        (autograder / "submission" / relative).parent.mkdir(parents=True, exist_ok=True)
        (autograder / "submission" / relative).write_text(text)
    (autograder / "results").mkdir()
    return autograder


def _run(autograder: Path) -> tuple[dict, str]:
    environment = {**os.environ, "AUTOGRADER_ROOT": str(autograder), "TFGRADE_PYTHON": sys.executable}
    finished = subprocess.run([str(autograder / "run_autograder")], cwd=autograder, env=environment,
                              capture_output=True, text=True, timeout=900, check=False)
    assert finished.returncode == 0, finished.stdout + finished.stderr
    text = (autograder / "results" / "results.json").read_text()
    assert check_results(text) == [], text
    return json.loads(text), finished.stdout + finished.stderr


def test_zip_layout(autograder_zip):
    with zipfile.ZipFile(autograder_zip) as archive:
        names = set(archive.namelist())
        modes = {i.filename: (i.external_attr >> 16) for i in archive.infolist()}
        setup = archive.read("setup.sh").decode()
    assert {"setup.sh", "run_autograder", "pyproject.toml", "README.md", "src/tfgrade/cli.py",
            "src/tfgrade/gradescope/run.py", "graders/conftest.py", "graders/test_gradients.py",
            "reference/gradients.py", "exercises/gradients.py", "tfgrade-gradescope.json"} <= names
    assert not {n for n in names if n.startswith("tests/") or "test_xor_net" in n or "__pycache__" in n}
    assert all(modes[n] & stat.S_IXUSR for n in ("setup.sh", "run_autograder"))
    assert 'pip install ".[cpu]"' in setup
    for script in ("setup.sh", "run_autograder"):
        with zipfile.ZipFile(autograder_zip) as archive:
            checked = subprocess.run(["bash", "-n"], input=archive.read(script), capture_output=True, check=False)
        assert checked.returncode == 0, checked.stderr


def test_unknown_exercise_is_refused(tmp_path, capsys):
    assert main(["gradescope", "--out", str(tmp_path / "a.zip"), "--exercise", "nope"]) == 2
    assert "no grader for nope" in capsys.readouterr().err


def _notebook(code: str) -> str:
    cells = [nbformat.v4.new_markdown_cell("# Gradients"), nbformat.v4.new_code_cell(code)]
    return nbformat.writes(nbformat.v4.new_notebook(cells=cells))


@pytest.mark.slow
def test_correct_notebook_in_a_sub_folder_earns_full_marks(autograder_zip, tmp_path):
    code = (GRADIENTS / "correct" / "float64_cast" / "gradients.py").read_text()
    results, log = _run(_unpack(autograder_zip, tmp_path, {"my work/gradients.ipynb": _notebook(code)}))
    assert results["score"] == sum(t["max_score"] for t in results["tests"]) == 10
    assert {t["status"] for t in results["tests"]} == {"passed"}
    hidden = [t for t in results["tests"] if t["visibility"] == "after_published"]
    assert hidden and len(hidden) < len(results["tests"])
    assert {t["visibility"] for t in results["tests"]} == {"visible", "after_published"}
    assert "sandbox (" in log  # tfgrade grade's line saying which layers hold, in Gradescope's stdout


@pytest.mark.slow
def test_wrong_submission_loses_points_with_the_hint_where_gradescope_shows_it(autograder_zip, tmp_path):
    code = (GRADIENTS / "mutants" / "tape-not-watched" / "gradients.py").read_text()
    results, _ = _run(_unpack(autograder_zip, tmp_path, {"gradients.py": code}))
    assert 0 <= results["score"] < 10
    failed = [t for t in results["tests"] if t["status"] == "failed"]
    assert failed and all(t["score"] < t["max_score"] for t in failed)
    assert any("**Hint `tape-not-watched`**" in t["output"] for t in failed)


HOSTILE = '''
ROOT = {root!r}


def derivative(f, x):
    stolen = []  # inside a function: top-level loops are demo code, which never runs
    for path in (ROOT + "/source/reference/gradients.py", ROOT + "/source/graders/test_gradients.py",
                 ROOT + "/submission_metadata.json"):
        try:
            with open(path) as stream:
                stolen.append(stream.read()[:400])
        except OSError as exc:
            stolen.append(type(exc).__name__)
    try:
        with open(ROOT + "/results/results.json", "w") as stream:
            stream.write('{{"score": 999}}')
        stolen.append("wrote results")
    except OSError as exc:
        stolen.append(type(exc).__name__)
    raise RuntimeError("STOLEN " + repr(stolen))


second_derivative = apple_acceleration = derivative
'''


@pytest.mark.slow
def test_student_code_reads_neither_course_nor_results(autograder_zip, tmp_path):
    code = HOSTILE.format(root=str(tmp_path / "autograder"))
    autograder = _unpack(autograder_zip, tmp_path, {"gradients.py": code})
    (autograder / "submission_metadata.json").write_text('{"previous_submissions": ["SECRET-METADATA"]}')
    results, _ = _run(autograder)
    shown = json.dumps(results)
    assert results["score"] == 0 and "STOLEN [" in shown  # the code ran, and its report reached the output
    assert "Error" in shown.split("STOLEN [")[1].split("]")[0]  # each attempt failed with an OSError
    assert "BEGIN SOLUTION" not in shown and "second_derivative(lambda time" not in shown
    assert "@case" not in shown and "SECRET-METADATA" not in shown and "wrote results" not in shown


def test_no_submission_gives_an_error_result_in_the_format(tmp_path, monkeypatch, capsys):
    monkeypatch.setenv("AUTOGRADER_ROOT", str(tmp_path / "autograder"))
    assert run.main() == 0
    text = (tmp_path / "autograder" / "results" / "results.json").read_text()
    assert check_results(text) == []
    assert "could not grade" in json.loads(text)["output"]

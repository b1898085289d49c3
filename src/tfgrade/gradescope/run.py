"""What run_autograder does for one Gradescope submission.

The submission (a .py or .ipynb per exercise, in any sub-folder) is copied into a temporary class folder as
one student, `tfgrade grade` grades it there (course: AUTOGRADER_ROOT/source; output: a temporary folder),
and the student's results.json is completed and written to AUTOGRADER_ROOT/results/results.json, only after
grading. Before grading, as root, what student code must not read is made readable by root only (the
sandbox runs student code under uids of its own; Landlock or mounts hide the course as well).
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from tfgrade.gradescope.package import CONFIG

STUDENT = "student"


def autograder_root() -> Path:
    """$AUTOGRADER_ROOT, or Gradescope's /autograder."""
    return Path(os.environ.get("AUTOGRADER_ROOT") or "/autograder")


def lock_down(root: Path) -> list[str]:
    """As root: the course, the results folder and the submission metadata (which holds earlier results)
    readable by root only. Returns what was changed."""
    if os.geteuid() != 0:
        return []
    changed = []
    for path, mode in ((root / "source", 0o700), (root / "results", 0o700),
                       (root / "submission_metadata.json", 0o600)):
        if path.exists():
            path.chmod(mode)
            changed.append(f"{path} {mode:o}")
    return changed


def error_results(message: str, seconds: float) -> dict[str, Any]:
    """What the student sees when the submission could not be graded at all (the instructor sees why in stdout)."""
    return {"score": 0.0, "execution_time": round(seconds), "output_format": "md", "visibility": "visible",
            "stdout_visibility": "hidden", "tests": [],
            "output": "**The autograder could not grade this submission.** Your instructor can see why in the "
                      f"autograder output; nothing is wrong with your files as far as it knows.\n\n{message}"}


def grade(root: Path, exercises: list[str]) -> tuple[dict[str, Any], int]:
    """Grade the submission with `tfgrade grade`; return Gradescope's results and tfgrade's exit status."""
    started = time.monotonic()
    with tempfile.TemporaryDirectory(prefix="tfgrade-gradescope-") as temporary:
        work = Path(temporary)
        student = work / "class" / STUDENT
        shutil.copytree(root / "submission", student, symlinks=True)
        out = work / "out"
        command = [sys.executable, "-m", "tfgrade", "grade", str(work / "class"), "--out", str(out),
                   "--workers", "1"]
        for exercise in exercises:
            command += ["--exercise", exercise]
        environment = {**os.environ, "TFGRADE_COURSE": str(root / "source")}
        finished = subprocess.run(command, cwd=work, env=environment, stdout=sys.stdout, stderr=sys.stdout,
                                  check=False)
        produced = out / STUDENT / "results.json"
        seconds = time.monotonic() - started
        if finished.returncode != 0 or not produced.is_file():
            return error_results(f"`tfgrade grade` exited with status {finished.returncode}.", seconds), \
                finished.returncode or 1
        results = json.loads(produced.read_text())
    results["execution_time"] = round(seconds)
    return results, 0


def write_results(root: Path, results: dict[str, Any]) -> Path:
    """AUTOGRADER_ROOT/results/results.json, written whole (a reader never sees half of it)."""
    folder = root / "results"
    folder.mkdir(parents=True, exist_ok=True)
    target = folder / "results.json"
    partial = folder / ".results.json.partial"
    partial.write_text(json.dumps(results, indent=2) + "\n")
    os.replace(partial, target)
    return target


def main() -> int:
    """Grade AUTOGRADER_ROOT/submission and write AUTOGRADER_ROOT/results/results.json."""
    root = autograder_root()
    config = root / "source" / CONFIG
    exercises = json.loads(config.read_text()).get("exercises", []) if config.is_file() else []
    for line in lock_down(root):
        print(f"tfgrade gradescope: readable by root only: {line}")
    if not (root / "submission").is_dir():
        results, status = error_results(f"no submission folder at {root / 'submission'}", 0.0), 1
    else:
        results, status = grade(root, exercises)
    target = write_results(root, results)
    print(f"tfgrade gradescope: {results.get('score', 0):g} points, results in {target} (tfgrade status {status})")
    return 0


if __name__ == "__main__":
    sys.exit(main())

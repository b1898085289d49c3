"""Load a student's folder (or a whole class) into filtered, ready-to-run module sources."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from pathlib import Path

from tfgrade.source.demo_filter import Skipped, filter_demo
from tfgrade.source.notebook import ModuleText, from_notebook, from_python

SUFFIXES = (".py", ".ipynb")


@dataclass
class StudentFile:
    """One module of a submission, after notebook conversion and demo filtering."""

    module: str
    display: str
    text: ModuleText
    runnable: str = ""
    skipped: list[Skipped] = field(default_factory=list)
    syntax_error: dict | None = None


@dataclass
class Submission:
    """One student's files, keyed by module name."""

    student: str
    folder: Path
    files: dict[str, StudentFile]
    notes: list[str] = field(default_factory=list)
    digest: str = ""

    def sources(self) -> dict[str, tuple[str, str]]:
        """Module name -> (display filename, runnable text), for the sandbox."""
        return {name: (f.display, f.runnable) for name, f in self.files.items() if f.syntax_error is None}


class ClassFolderError(ValueError):
    """A class folder that cannot be graded, with a message for the instructor."""


def read_module(path: Path, display: str) -> StudentFile:
    """One .py or .ipynb file, converted and demo-filtered; unreadable or unparsable files carry a syntax_error."""
    raw = path.read_text(encoding="utf-8", errors="replace")
    module = path.stem
    try:
        text = from_notebook(raw) if path.suffix == ".ipynb" else from_python(raw)
    except Exception as exc:  # any unreadable notebook is reported the same way
        return StudentFile(module, display, ModuleText(""),
                           syntax_error={"line": 0, "where": "the notebook",
                                         "message": f"not a readable notebook ({type(exc).__name__}: {exc})"})
    try:
        runnable, skipped = filter_demo(text.text)
    except SyntaxError as exc:
        line = exc.lineno or 0
        return StudentFile(module, display, text, syntax_error={
            "line": line, "where": text.locate(line), "message": exc.msg,
            "text": (exc.text or "").strip(), "type": type(exc).__name__})
    return StudentFile(module, display, text, runnable, skipped)


def load_submission(folder: Path, student: str | None = None) -> Submission:
    """Read every .py/.ipynb file under a student's folder; the folder's own files win."""
    folder = Path(folder)
    candidates = [p for p in folder.rglob("*") if p.suffix in SUFFIXES and p.is_file()
                  and p.stem.isidentifier() and not any(part.startswith(".") for part in p.relative_to(folder).parts)]
    candidates.sort(key=lambda p: (len(p.relative_to(folder).parts), p.suffix != ".py", str(p)))
    files: dict[str, StudentFile] = {}
    notes: list[str] = []
    digest = hashlib.sha256()
    for path in candidates:
        display = path.relative_to(folder).as_posix()
        if path.stem in files:
            notes.append(f"{display} was ignored: {files[path.stem].display} is used for {path.stem}.")
            continue
        files[path.stem] = read_module(path, display)
        digest.update(display.encode() + b"\0" + path.read_bytes() + b"\0")
    return Submission(student or folder.name, folder, files, notes, digest.hexdigest())


def load_class(folder: Path, subfolder: str | None = None) -> list[Submission]:
    """Every student folder of a class folder, sorted by student id; with `subfolder`, only that folder
    inside each student's (an nbgrader assignment: `submitted/<student>/<assignment>/`)."""
    folder = Path(folder)
    if not folder.is_dir():
        raise ClassFolderError(f"class folder not found: {folder}")
    students = sorted(p for p in folder.iterdir() if p.is_dir() and not p.name.startswith("."))
    if not students:
        raise ClassFolderError(f"class folder {folder} holds no student folders (one folder per student)")
    if subfolder and not any((p / subfolder).is_dir() for p in students):
        raise ClassFolderError(f"no student folder in {folder} has a sub-folder {subfolder!r}")
    submissions = [load_submission(p / subfolder if subfolder else p, student=p.name) for p in students]
    for student_folder, submission in zip(students, submissions, strict=True):
        submission.folder = student_folder  # the student's folder, inside the class folder, either way
    return submissions

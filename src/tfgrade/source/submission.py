"""Load a student's folder (or a whole class) into filtered, ready-to-run module sources."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from pathlib import Path

from tfgrade.source.demo_filter import Skipped, filter_demo
from tfgrade.source.notebook import ModuleText, from_notebook, from_python
from tfgrade.source.safe_files import LINKS_NOT_GRADED, SOURCE_CAP, Entry, read_one, scan_folder, size_refusal

NOT_REGULAR = "{} is not a regular file (a pipe, device or socket), so it was not read"


@dataclass
class StudentFile:
    """One module of a submission, after notebook conversion and demo filtering."""

    module: str
    display: str
    text: ModuleText
    runnable: str = ""
    skipped: list[Skipped] = field(default_factory=list)
    syntax_error: dict | None = None
    refused: str = ""  # why the file was not read (a link out of the folder, too big): its cases fail with it


@dataclass
class Submission:
    """One student's files, keyed by module name."""

    student: str
    folder: Path
    files: dict[str, StudentFile]
    notes: list[str] = field(default_factory=list)
    digest: str = ""
    links_out: list[str] = field(default_factory=list)  # links out of the folder, refused (report status)
    missing_note: str = ""  # added to "no <exercise>.py" when a linked folder was refused

    def sources(self) -> dict[str, tuple[str, str]]:
        """Module name -> (display filename, runnable text), for the sandbox."""
        return {name: (f.display, f.runnable) for name, f in self.files.items()
                if f.syntax_error is None and not f.refused}


class ClassFolderError(ValueError):
    """A class folder that cannot be graded, with a message for the instructor."""


def read_module(path: Path, display: str, root: Path | None = None) -> StudentFile:
    """One .py or .ipynb file, read only if it is a regular file inside `root` (default: its own folder), then
    converted and demo-filtered; unparsable files carry a syntax_error, unread ones a `refused` reason."""
    path = Path(path)
    entry = read_one(path, root if root is not None else path.parent, display)
    return student_file(entry or Entry(display, kind="not-regular"), path.stem)


def student_file(entry: Entry, module: str | None = None) -> StudentFile:
    """The StudentFile of a scanned entry: converted and demo-filtered, or refused with the entry's reason."""
    module, display = module or entry.module, entry.display
    if entry.data is None:
        return StudentFile(module, display, ModuleText(""), refused=entry.refused or NOT_REGULAR.format(display))
    raw = entry.data.decode("utf-8", errors="replace")
    try:
        text = from_notebook(raw) if entry.suffix == ".ipynb" else from_python(raw)
    except Exception as exc:  # any unreadable notebook is reported the same way
        return StudentFile(module, display, ModuleText(""),
                           syntax_error={"line": 0, "where": "the notebook",
                                         "message": f"not a readable notebook ({type(exc).__name__}: {exc})"})
    if len(text.text) > SOURCE_CAP:
        refused = size_refusal(display, len(text.text), SOURCE_CAP, "the code in it").refused
        return StudentFile(module, display, ModuleText(""), refused=refused)
    try:
        runnable, skipped = filter_demo(text.text)
    except SyntaxError as exc:
        line = exc.lineno or 0
        return StudentFile(module, display, text, syntax_error={
            "line": line, "where": text.locate(line), "message": exc.msg,
            "text": (exc.text or "").strip(), "type": type(exc).__name__})
    return StudentFile(module, display, text, runnable, skipped)


def _order(entry: Entry) -> tuple[int, bool, str]:
    """The documented rule: higher up in the folder first, then .py before .ipynb, then path order."""
    return entry.depth, entry.suffix != ".py", entry.display


def _ignored(entry: Entry, used: Entry) -> str:
    if used.kind == "link":
        why = "a link out of your folder fails the exercise, whatever else is there"
    elif entry.depth != used.depth:
        why = "a file higher up in your folder wins over one in a deeper sub-folder"
    elif entry.suffix != used.suffix:
        why = "a .py file wins over a .ipynb file in the same folder"
    else:
        why = "of two files at the same depth and type, the first in path order wins"
    return f"{entry.display} was ignored: {used.display} is the file used for {entry.module} ({why})."


def load_submission(folder: Path, student: str | None = None, within: Path | None = None) -> Submission:
    """Read every .py/.ipynb file under a student's folder, never following a link out of it; one file per
    module by `_order`, with a note naming each file ignored and why. With `within`, `folder` must lie inside
    it (nbgrader's `<student>/<assignment>`)."""
    folder = Path(folder)
    entries = sorted(scan_folder(folder, within), key=_order)
    chosen: dict[str, Entry] = {}
    for entry in entries:
        if entry.kind in ("folder-link", "not-regular"):
            continue
        used = chosen.get(entry.module)
        if used is None or (entry.kind == "link" and used.kind != "link"):
            chosen[entry.module] = entry
    files: dict[str, StudentFile] = {}
    notes: list[str] = []
    digest = hashlib.sha256()
    for entry in entries:
        display = entry.display.encode()
        if entry.kind in ("link", "folder-link"):
            notes.append(entry.refused + ".")
        if entry.kind == "not-regular":
            notes.append(NOT_REGULAR.format(entry.display) + ".")
            digest.update(b"not-regular\0" + display + b"\0")
        elif entry.kind == "folder-link":
            digest.update(display + b"\0" + entry.fingerprint + b"\0")
        elif chosen[entry.module] is entry:
            files[entry.module] = student_file(entry)
            digest.update(display + b"\0" + (entry.data if entry.data is not None else entry.fingerprint) + b"\0")
        else:
            notes.append(_ignored(entry, chosen[entry.module]))
            digest.update(b"ignored\0" + display + b"\0")
    links_out = [e.display for e in entries if e.kind in ("link", "folder-link")]
    folders_out = [e.display for e in entries if e.kind == "folder-link"]
    linked = "is a link to a folder outside your folder and was not read" if len(folders_out) == 1 else \
        "are links to folders outside your folder and were not read"
    missing = f"; {', '.join(folders_out)} {linked}: {LINKS_NOT_GRADED}" if folders_out else ""
    return Submission(student or folder.name, folder, files, notes, digest.hexdigest(), links_out, missing)


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
    submissions = [load_submission(p / subfolder, student=p.name, within=p) if subfolder else
                   load_submission(p, student=p.name) for p in students]
    for student_folder, submission in zip(students, submissions, strict=True):
        submission.folder = student_folder  # the student's folder, inside the class folder, either way
    return submissions

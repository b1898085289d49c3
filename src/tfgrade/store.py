"""The gradebook database (SQLite, one file in OUT/): every case result, committed as its submission finishes.

One transaction per graded submission, in WAL mode: a run killed at any moment (even with SIGKILL)
loses at most the submissions in flight, and the file stays consistent. Each graded (student,
exercise) keeps the submission's content digest and the grader's, so a later run knows what is
already graded and unchanged.
"""

from __future__ import annotations

import json
import sqlite3
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

from tfgrade.results import CaseResult, Report

DB_NAME = "gradebook.sqlite"
SCHEMA = """
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS students (
    student TEXT PRIMARY KEY, digest TEXT NOT NULL, environment TEXT NOT NULL, notes TEXT NOT NULL,
    updated TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS exercises (
    student TEXT NOT NULL, exercise TEXT NOT NULL, position INTEGER NOT NULL, digest TEXT NOT NULL,
    grader TEXT NOT NULL, status TEXT NOT NULL, seconds REAL NOT NULL, probe_seconds REAL NOT NULL,
    notes TEXT NOT NULL, PRIMARY KEY (student, exercise));
CREATE TABLE IF NOT EXISTS cases (
    student TEXT NOT NULL, exercise TEXT NOT NULL, number INTEGER NOT NULL, case_id TEXT NOT NULL,
    name TEXT NOT NULL, hidden INTEGER NOT NULL, points REAL NOT NULL, max_points REAL NOT NULL,
    outcome TEXT NOT NULL, message TEXT NOT NULL, hints TEXT NOT NULL, plots TEXT NOT NULL,
    grader_error INTEGER NOT NULL DEFAULT 0, traceback TEXT NOT NULL DEFAULT '',
    PRIMARY KEY (student, exercise, number));
"""
ADDED_COLUMNS = {"cases": ("grader_error INTEGER NOT NULL DEFAULT 0", "traceback TEXT NOT NULL DEFAULT ''")}
NOT_GRADED = ""  # the grader digest of a submission that could not be graded: the next run tries again


class GradebookError(RuntimeError):
    """The database in OUT cannot be used, with a message for the instructor."""


class Gradebook:
    """Read and write OUT/gradebook.sqlite; use from one thread."""

    def __init__(self, out: Path) -> None:
        self.path = Path(out) / DB_NAME
        try:
            self.db = sqlite3.connect(self.path, isolation_level=None)
            self.db.execute("PRAGMA journal_mode=WAL")
            self.db.execute("PRAGMA synchronous=NORMAL")  # WAL + NORMAL: durable across a killed process
            self.db.executescript(SCHEMA)
            self._add_columns()
        except sqlite3.DatabaseError as exc:
            raise GradebookError(f"{self.path} is not a tfgrade gradebook ({exc}); move it away or "
                                 "choose another --out") from None

    def _add_columns(self) -> None:
        """A gradebook written by an older tfgrade gets the columns added since (with their defaults)."""
        for table, columns in ADDED_COLUMNS.items():
            present = {row[1] for row in self.db.execute(f"PRAGMA table_info({table})")}
            for column in columns:
                if column.split()[0] not in present:
                    self.db.execute(f"ALTER TABLE {table} ADD COLUMN {column}")

    def close(self) -> None:
        """Close the connection (SQLite checkpoints the WAL into the file)."""
        self.db.close()

    def __enter__(self) -> Gradebook:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def set_meta(self, **values: str) -> None:
        """Remember facts about the run, e.g. the class folder `tfgrade report` needs again."""
        with self.db:
            self.db.executemany("INSERT OR REPLACE INTO meta VALUES (?, ?)", list(values.items()))

    def meta(self, key: str) -> str | None:
        """A fact set with set_meta, or None."""
        row = self.db.execute("SELECT value FROM meta WHERE key = ?", (key,)).fetchone()
        return row[0] if row else None

    def graded(self) -> dict[tuple[str, str], tuple[str, str]]:
        """(student, exercise) -> (submission digest, grader digest) of everything graded so far."""
        return {(s, e): (d, g) for s, e, d, g in self.db.execute("SELECT student, exercise, digest, grader "
                                                                 "FROM exercises")}

    def save(self, report: Report, digest: str, graders: dict[str, tuple[int, str]]) -> None:
        """Commit one submission's results for the exercises in `graders` (exercise -> (position, grader
        digest)) in a single transaction, replacing what those exercises had before."""
        now = datetime.now(timezone.utc).isoformat(timespec="seconds")
        probe_seconds = report.timing.get("probe_seconds", {})
        rows = []
        for exercise, (position, grader) in graders.items():
            cases = [c for c in report.cases if c.exercise == exercise]
            rows.append((exercise, position, grader, report.status, float(report.timing.get(exercise, 0.0)),
                         float(probe_seconds.get(exercise, 0.0)), json.dumps(report.notes.get(exercise, [])), cases))
        with self.db:  # BEGIN ... COMMIT, or ROLLBACK on any error
            self.db.execute("BEGIN IMMEDIATE")
            self.db.execute("INSERT OR REPLACE INTO students VALUES (?, ?, ?, ?, ?)",
                            (report.student, digest, json.dumps(report.environment),
                             json.dumps(report.notes.get("submission", [])), now))
            for exercise, position, grader, status, seconds, probes, notes, cases in rows:
                self.db.execute("DELETE FROM cases WHERE student = ? AND exercise = ?", (report.student, exercise))
                self.db.execute("INSERT OR REPLACE INTO exercises VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                                (report.student, exercise, position, digest, grader, status, seconds, probes, notes))
                self.db.executemany("INSERT INTO cases VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", [
                    (report.student, exercise, number, c.case_id, c.name, int(c.hidden), c.points, c.max_points,
                     c.outcome.value, c.message, json.dumps(c.hints), json.dumps(c.plots), int(c.grader_error),
                     c.traceback)
                    for number, c in enumerate(cases)])

    def students(self) -> list[str]:
        """Every student with results, sorted."""
        return [s for (s,) in self.db.execute("SELECT student FROM students ORDER BY student")]

    def exercises(self) -> list[str]:
        """Every exercise in the gradebook, in course order."""
        return [e for (e,) in self.db.execute("SELECT exercise FROM exercises GROUP BY exercise "
                                              "ORDER BY MIN(position), exercise")]

    def report(self, student: str) -> Report:
        """One student's report, every exercise graded so far, in course order."""
        row = self.db.execute("SELECT environment, notes FROM students WHERE student = ?", (student,)).fetchone()
        if row is None:
            raise KeyError(student)
        environment, submission_notes = json.loads(row[0]), json.loads(row[1])
        exercises = self.db.execute("SELECT exercise, status, seconds, probe_seconds, notes FROM exercises "
                                    "WHERE student = ? ORDER BY position, exercise", (student,)).fetchall()
        cases = [CaseResult(exercise, name, bool(hidden), points, max_points, outcome, message, json.loads(hints),
                            case_id, json.loads(plots), bool(grader_error), traceback)
                 for (exercise, case_id, name, hidden, points, max_points, outcome, message, hints, plots,
                      grader_error, traceback) in
                 self.db.execute("SELECT c.exercise, case_id, name, hidden, points, max_points, outcome, message, "
                                 "hints, plots, grader_error, traceback FROM cases c JOIN exercises e "
                                 "USING (student, exercise) WHERE student = ? ORDER BY e.position, c.exercise, number",
                                 (student,))]
        notes: dict[str, list[str]] = {e: json.loads(n) for e, _, _, _, n in exercises if json.loads(n)}
        if submission_notes:
            notes["submission"] = submission_notes
        statuses = [s for _, s, _, _, _ in exercises if s != "ok"]
        timing: dict[str, Any] = {e: seconds for e, _, seconds, _, _ in exercises}
        timing["probe_seconds"] = {e: probes for e, _, _, probes, _ in exercises}
        timing["seconds"] = round(sum(seconds for _, _, seconds, _, _ in exercises), 3)
        return Report(student, cases, environment, notes, statuses[0] if statuses else "ok", timing)

    def reports(self) -> list[Report]:
        """Every student's report, sorted by student."""
        return [self.report(student) for student in self.students()]

    def check(self) -> str:
        """SQLite's own integrity check: "ok" when the file is consistent."""
        return self.db.execute("PRAGMA integrity_check").fetchone()[0]

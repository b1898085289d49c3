"""gradebook.csv: one row per student."""

from __future__ import annotations

import csv
import io

from tfgrade.results import Report


def gradebook_csv(reports: list[Report], exercises: list[str]) -> str:
    """Columns: student, one per exercise, total, max_total, status."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(["student", *exercises, "total", "max_total", "status"])
    for report in sorted(reports, key=lambda r: r.student):
        scores = [f"{report.exercise_score(e)[0]:g}" for e in exercises]
        writer.writerow([report.student, *scores, f"{report.score:g}", f"{report.max_score:g}", report.status])
    return out.getvalue()


def gradebook_table(reports: list[Report], exercises: list[str]) -> str:
    """The gradebook as an aligned text table for the terminal."""
    rows = list(csv.reader(io.StringIO(gradebook_csv(reports, exercises))))
    widths = [max(len(row[i]) for row in rows) for i in range(len(rows[0]))]
    return "\n".join("  ".join(cell.ljust(w) for cell, w in zip(row, widths, strict=True)).rstrip() for row in rows)

"""The `tfgrade` command: check (students), grade and release (instructors)."""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from tfgrade.quiet import configure_environment


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="tfgrade", description="Autograder for TensorFlow/Keras exercises.")
    sub = parser.add_subparsers(dest="command", required=True)
    check = sub.add_parser("check", help="check your exercises against the public cases")
    check.add_argument("exercises", nargs="*", help="exercise names (default: all)")
    check.add_argument("--path", type=Path, default=None, help="folder with your files (default: ./exercises)")
    check.add_argument("--device", choices=("cpu", "gpu", "auto"), default="cpu")
    check.add_argument("--html", nargs="?", const=Path("tfgrade-feedback.html"), type=Path, default=None,
                       metavar="FILE", help="also write the feedback with plots as HTML (tfgrade-feedback.html)")
    grade = sub.add_parser("grade", help="grade a class folder (all cases)")
    grade.add_argument("class_dir", type=Path, help="folder of student folders")
    grade.add_argument("--out", type=Path, required=True, help="where to write the results")
    grade.add_argument("--workers", type=int, default=os.cpu_count() or 1)
    grade.add_argument("--exercise", dest="exercises", action="append", help="grade only this exercise")
    grade.add_argument("--device", choices=("cpu", "gpu", "auto"), default="cpu")
    grade.add_argument("--quiet", action="store_true", help="do not print the gradebook")
    release = sub.add_parser("release", help="write the student bundle (stubs, public cases, runtime)")
    release.add_argument("--out", type=Path, required=True)
    stubs = sub.add_parser("stubs", help="regenerate exercises/ from reference/")
    stubs.add_argument("--check", action="store_true", help="fail if exercises/ is out of date")
    return parser


def main(argv: list[str] | None = None) -> int:
    """Entry point of the console script."""
    configure_environment()
    args = _parser().parse_args(argv)
    try:
        if args.command == "check":
            from tfgrade.check import run_check

            report = run_check(args.exercises, args.path, device=args.device, color=sys.stdout.isatty(),
                               html=args.html)
            return 0 if all(c.outcome == "passed" for c in report.cases) and report.cases else 1
        if args.command == "grade":
            return _grade(args)
        if args.command == "release":
            from tfgrade.release import release

            bundle = release(args.out)
            print(f"student bundle written to {bundle}")
            return 0
        if args.command == "stubs":
            from tfgrade.stubs import sync_stubs

            stale = sync_stubs(check_only=args.check)
            if args.check and stale:
                print("out of date: " + ", ".join(stale) + " (run `tfgrade stubs`)", file=sys.stderr)
                return 1
            return 0
    except (FileNotFoundError, NotADirectoryError, ValueError, OSError, RuntimeError) as exc:
        print(f"tfgrade: {exc}", file=sys.stderr)
        return 2
    return 2


def _grade(args: argparse.Namespace) -> int:
    from tfgrade.batch import grade_class, prepare_output
    from tfgrade.course import find_course
    from tfgrade.render.gradebook import gradebook_table
    from tfgrade.source.submission import load_class

    if args.workers < 1:
        raise ValueError("--workers must be at least 1")
    submissions = load_class(args.class_dir)
    prepare_output(args.out)
    from tfgrade.engine import Engine

    engine = Engine(find_course(), exercises=args.exercises, device=args.device)
    reports = grade_class(engine, submissions, args.out, args.workers)
    if not args.quiet:
        print(gradebook_table(reports, [g.exercise for g in engine.graders]))
        print(f"\nresults in {args.out}/ (gradebook.csv, index.html, "
              "<student>/report.json, feedback.md, feedback.html, results.json)")
    return 0


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())

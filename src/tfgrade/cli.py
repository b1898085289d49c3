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
    grade.add_argument("--assignment", default=None,
                       help="grade only this sub-folder of each student's folder (an nbgrader assignment)")
    grade.add_argument("--student", dest="students", action="append",
                       help="grade only this student (repeatable); with --regrade, grade them again")
    grade.add_argument("--regrade", action="store_true",
                       help="grade again what OUT already holds for unchanged files (default: keep it)")
    grade.add_argument("--scheduler", default=None, metavar="tcp://HOST:8786",
                       help="run the grading on this Dask cluster's workers")
    report = sub.add_parser("report", help="render OUT's files again from its gradebook database")
    report.add_argument("out", type=Path, help="an output folder of `tfgrade grade`")
    report.add_argument("--quiet", action="store_true", help="do not print the gradebook")
    release = sub.add_parser("release", help="write the student bundle (stubs, public cases, runtime)")
    release.add_argument("--out", type=Path, required=True)
    nbgrader = sub.add_parser("nbgrader", help="nbgrader interoperability")
    nbgrader_sub = nbgrader.add_subparsers(dest="nbgrader_command", required=True)
    export = nbgrader_sub.add_parser("export", help="write an nbgrader course (source notebooks with solution "
                                     "and autograded test cells) from reference/ and graders/")
    export.add_argument("--out", type=Path, required=True, help="the nbgrader course folder to write")
    export.add_argument("--assignment", default="exercises", help="assignment name (default: exercises)")
    export.add_argument("--exercise", dest="exercises", action="append", help="only this exercise (repeatable)")
    export.add_argument("--course-id", default="tfgrade", help="nbgrader course_id (default: tfgrade)")
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
        if args.command == "report":
            return _report(args)
        if args.command == "release":
            from tfgrade.release import release

            bundle = release(args.out)
            print(f"student bundle written to {bundle}")
            return 0
        if args.command == "nbgrader":
            from tfgrade.nbgrader.export import export_course

            course = export_course(args.out, assignment=args.assignment, exercises=args.exercises,
                                   course_id=args.course_id)
            print(f"nbgrader course written to {course}: source/{args.assignment}/*.ipynb, nbgrader_config.py, "
                  f"and graders/ + reference/ for the test cells.\nNext: cd {course} && "
                  f"nbgrader generate_assignment {args.assignment}")
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
    from tfgrade.batch import grade_class
    from tfgrade.course import CourseNotFound, find_course
    from tfgrade.nbgrader.gradebook import course_submitted_folder, detect_layout, only_assignment
    from tfgrade.outputs import prepare_output
    from tfgrade.source.submission import load_class

    if args.workers < 1:
        raise ValueError("--workers must be at least 1")
    class_dir = course_submitted_folder(args.class_dir) or args.class_dir
    layout = detect_layout(class_dir)
    if layout is not None:
        layout = only_assignment(layout, args.assignment)
    submissions = load_class(class_dir, subfolder=args.assignment)
    unknown = sorted(set(args.students or ()) - {s.student for s in submissions})
    if unknown:
        raise ValueError(f"no such student folder in {class_dir}: {', '.join(unknown)}")
    prepare_output(args.out)
    from tfgrade.engine import Engine

    try:
        course = find_course()
    except CourseNotFound:  # e.g. grading an nbgrader course that `tfgrade nbgrader export` wrote
        course = find_course(class_dir)
    exercises = args.exercises or _assignment_exercises(layout, course)
    engine = Engine(course, exercises=exercises, device=args.device, sandbox=not args.scheduler)
    meta = {"class_dir": str(Path(class_dir).resolve()), "assignment": args.assignment or ""}
    reports = grade_class(engine, submissions, args.out, args.workers, regrade=args.regrade,
                          students=set(args.students) if args.students else None, scheduler=args.scheduler,
                          meta=meta)
    return _print_gradebook(args.out, reports, args.quiet)


def _print_gradebook(out: Path, reports: list, quiet: bool) -> int:
    from tfgrade.render.gradebook import gradebook_table
    from tfgrade.store import Gradebook

    if not quiet:
        with Gradebook(out) as gradebook:
            exercises = gradebook.exercises()
        print(gradebook_table(reports, exercises))
        extra = "nbgrader-grades.csv, " if (out / "nbgrader-grades.csv").exists() else ""
        print(f"\nresults in {out}/ (gradebook.sqlite, {extra}gradebook.csv, index.html, <student>/report.json, "
              "feedback.md, feedback.html, results.json)")
    return 0


def _report(args: argparse.Namespace) -> int:
    from tfgrade.outputs import render_class
    from tfgrade.store import DB_NAME, Gradebook

    if not (args.out / DB_NAME).is_file():
        raise FileNotFoundError(f"no {DB_NAME} in {args.out}: grade a class into it first")
    with Gradebook(args.out) as gradebook:
        reports = render_class(args.out, gradebook, students=True)
    return _print_gradebook(args.out, reports, args.quiet)


def _assignment_exercises(layout, course) -> list[str] | None:
    """In nbgrader's layout, the exercises its assignments hold (and tfgrade has graders for); else all."""
    if layout is None:
        return None
    known = {p.stem.removeprefix("test_") for p in course.graders_dir.glob("test_*.py")}
    wanted = sorted({e for exercises in layout.assignments.values() for e in exercises} & known)
    return wanted or None


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())

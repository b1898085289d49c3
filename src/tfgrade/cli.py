"""The `tfgrade` command: check (students), grade and release (instructors)."""

from __future__ import annotations

import argparse
import dataclasses
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
    grade.add_argument("--unsandboxed", action="store_true",
                       help="grade even where the sandbox cannot hide the course from student code "
                            "(printed, and recorded in every report)")
    grade.add_argument("--allow-processes", action="store_true",
                       help="let student code start processes (for exercises that need them); they are killed "
                            "after each check")
    grade.add_argument("--case-seconds", type=float, default=None, metavar="S",
                       help="cap every case's time budget at S seconds (default: each case's own)")
    report = sub.add_parser("report", help="render OUT's files again from its gradebook database")
    report.add_argument("out", type=Path, help="an output folder of `tfgrade grade`")
    report.add_argument("--quiet", action="store_true", help="do not print the gradebook")
    lms = sub.add_parser("export", help="write OUT's grades as a Canvas or Moodle grade-import CSV (or a plain CSV)")
    lms.add_argument("out", type=Path, help="an output folder of `tfgrade grade`")
    lms.add_argument("--format", dest="lms_format", choices=("canvas", "moodle", "csv"), required=True)
    lms.add_argument("--assignment", default=None,
                     help="the LMS column (assignment or grade item) to fill (default: the graded assignment, or "
                          "'tfgrade'); in Canvas 'Name (123)' targets assignment id 123")
    lms.add_argument("--out", dest="lms_out", type=Path, default=None, metavar="FILE",
                     help="where to write the CSV (default: OUT/<format>-grades.csv)")
    lms.add_argument("--max-points", type=float, default=None, metavar="N",
                     help="scale points so the class maximum becomes N (the LMS assignment's points)")
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
    similarity = sub.add_parser("similarity", help="flag pairs of students whose code is unusually alike")
    similarity.add_argument("class_dir", type=Path, help="folder of student folders")
    similarity.add_argument("--out", type=Path, required=True, help="where to write similarity.html and .json")
    similarity.add_argument("--exercise", dest="exercises", action="append", help="only this exercise (repeatable)")
    similarity.add_argument("--handout", dest="handouts", action="append", type=Path, default=[], metavar="FILE",
                            help="another handed-out file whose code does not count (e.g. a released "
                                 "notebook; its name is the exercise's: simple_dense.ipynb)")
    similarity.add_argument("--threshold", type=float, default=None,
                            help="flag a pair when this share of one student's own code matches (default 0.6)")
    similarity.add_argument("--assignment", default=None, help="only this sub-folder of each student's folder")
    gradescope = sub.add_parser("gradescope", help="write the Gradescope autograder zip")
    gradescope.add_argument("--out", type=Path, default=Path("autograder.zip"), help="the zip (autograder.zip)")
    gradescope.add_argument("--exercise", dest="exercises", action="append",
                            help="grade only this exercise (repeatable; default: all)")
    audit = sub.add_parser("audit", help="prove the graders: reference, stub, proofs and generated mutants")
    audit.add_argument("exercises", nargs="*", help="exercise names (default: all)")
    audit.add_argument("--course", type=Path, default=None, help="the course folder (default: found from here)")
    audit.add_argument("--proofs", type=Path, default=None,
                       help="the mutants and correct variants, <proofs>/<exercise>/... (default: <course>/proofs)")
    audit.add_argument("--out", type=Path, default=Path("audit-out"), help="where to write audit.json and audit.html")
    audit.add_argument("--mutants", type=int, default=None, metavar="N",
                       help="generated mutants graded per exercise (default 12; 0: none)")
    audit.add_argument("--workers", type=int, default=os.cpu_count() or 1)
    audit.add_argument("--strict", action="store_true", help="surviving mutants and narrow margins fail too")
    stubs = sub.add_parser("stubs", help="regenerate exercises/ from reference/")
    stubs.add_argument("--check", action="store_true", help="fail if exercises/ is out of date")
    return parser


def main(argv: list[str] | None = None) -> int:
    """Entry point of the console script."""
    configure_environment()
    args = _parser().parse_args(argv)
    try:
        if args.command == "check":
            from tfgrade.selfcheck import run_check

            report = run_check(args.exercises, args.path, device=args.device, color=sys.stdout.isatty(),
                               html=args.html)
            return 0 if all(c.outcome == "passed" for c in report.cases) and report.cases else 1
        if args.command == "grade":
            return _grade(args)
        if args.command == "report":
            return _report(args)
        if args.command == "export":
            return _export(args)
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
        if args.command == "similarity":
            return _similarity(args)
        if args.command == "gradescope":
            from tfgrade.gradescope.package import build_autograder

            zip_path = build_autograder(args.out, exercises=args.exercises)
            print(f"Gradescope autograder written to {zip_path}: upload it under Configure Autograder "
                  "(Ubuntu base image, Python 3)")
            return 0
        if args.command == "audit":
            return _audit(args)
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
    engine = Engine(course, exercises=exercises, device=args.device, sandbox=not args.scheduler,
                    unsandboxed=args.unsandboxed)
    if args.case_seconds:
        engine.policy = dataclasses.replace(engine.policy, case_seconds_cap=args.case_seconds,
                                            load_seconds=min(engine.policy.load_seconds, args.case_seconds))
    if args.allow_processes:
        engine.policy = dataclasses.replace(engine.policy, allow_processes=True)
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
        extra = "".join(f"{name}, " for name in ("nbgrader-grades.csv", "similarity.html", "similarity.json")
                        if (out / name).exists())
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


def _export(args: argparse.Namespace) -> int:
    from tfgrade.render.lms import write_export

    path, export = write_export(args.out, args.lms_format, assignment=args.assignment, max_points=args.max_points,
                                path=args.lms_out)
    print(f"{args.lms_format} grades of {export.students} student(s) written to {path}")
    for student, why in export.left_out:
        print(f"not exported: {student} ({why}); see {student}/feedback.html and grade by hand", file=sys.stderr)
    return 0


def _similarity(args: argparse.Namespace) -> int:
    from tfgrade.similarity.command import write_similarity
    from tfgrade.similarity.detect import Settings

    settings = Settings() if args.threshold is None else Settings(threshold=args.threshold)
    results = write_similarity(args.class_dir, args.out, exercises=args.exercises, handouts=args.handouts,
                               settings=settings, assignment=args.assignment)
    for result in results:
        flagged = ", ".join(f"{p.a}–{p.b} {p.similarity:.0%}" for p in result.flagged) or "none"
        print(f"{result.exercise}: {result.students} files, flagged: {flagged}")
    print(f"\nresults in {args.out}/ (similarity.html, similarity.json)")
    return 0


def _audit(args: argparse.Namespace) -> int:
    from tfgrade.audit import layout, render
    from tfgrade.audit.run import DEFAULT_MUTANTS, audit, failures
    from tfgrade.course import Course, find_course

    if args.workers < 1:
        raise ValueError("--workers must be at least 1")
    course = Course(args.course.resolve()) if args.course else find_course()
    proofs = (args.proofs or layout.default_proofs(course.root)).resolve()
    result = audit(course, proofs, args.out, exercises=args.exercises or None,
                   mutants=DEFAULT_MUTANTS if args.mutants is None else args.mutants, workers=args.workers)
    failed = failures(result, strict=args.strict)
    print(render.summary(result, failed))
    render.write_json(args.out, result, failed)
    render.write_html(args.out, result, failed)
    print(f"results in {args.out}/ (audit.json, audit.html)")
    return 1 if failed else 0


def _assignment_exercises(layout, course) -> list[str] | None:
    """In nbgrader's layout, the exercises its assignments hold (and tfgrade has graders for); else all."""
    if layout is None:
        return None
    known = {p.stem.removeprefix("test_") for p in course.graders_dir.glob("test_*.py")}
    wanted = sorted({e for exercises in layout.assignments.values() for e in exercises} & known)
    return wanted or None


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())

"""Run an audit: grade the reference (twice), the stub, the proofs and the generated mutants of each exercise
on one engine (one zygote, reference values computed once) and a pool of sandboxes, then judge them."""

from __future__ import annotations

import sys
import time
from concurrent.futures import Future, as_completed
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from tfgrade.audit import judge, layout
from tfgrade.audit.mutate import Mutant, all_mutants, pick
from tfgrade.course import Course
from tfgrade.engine import Engine
from tfgrade.grading.loading import Grader
from tfgrade.hints import HINTS
from tfgrade.pools import LocalPool
from tfgrade.results import Report
from tfgrade.source.submission import load_submission

DEFAULT_MUTANTS = 12  # generated mutants graded per exercise unless --mutants says otherwise


@dataclass(frozen=True)
class Job:
    """One grading the audit needs: what it is, for which exercise, from which folder."""

    exercise: str
    kind: str  # reference, reference-again, stub, mutant, correct, generated
    name: str
    folder: Path


def _check(kind: str, name: str, problems: list[str], report: Report | None = None, severity: str = "fail"
           ) -> dict[str, Any]:
    return {"kind": kind, "name": name, "severity": severity if problems else "ok", "problems": problems,
            "score": report.score if report else None, "max_score": report.max_score if report else None,
            "hints": report.hints() if report else []}


def _grade_all(pool: LocalPool, jobs: list[Job], what: str) -> dict[Job, Report]:
    from tqdm import tqdm

    futures: dict[Future, Job] = {pool.submit(load_submission(j.folder, student=j.name), [j.exercise]): j
                                  for j in jobs}
    graded = {}
    with tqdm(total=len(jobs), desc=what, unit="grading", file=sys.stderr, dynamic_ncols=True) as bar:
        for future in as_completed(futures):
            graded[futures[future]] = future.result()
            bar.update(1)
    return graded


def _write_mutants(out: Path, exercise: str, mutants: list[Mutant]) -> list[Job]:
    jobs = []
    for mutant in mutants:
        folder = out / "generated" / exercise / mutant.id.replace(":", "_")
        folder.mkdir(parents=True, exist_ok=True)
        (folder / f"{exercise}.py").write_text(mutant.text)
        jobs.append(Job(exercise, "generated", mutant.id, folder))
    return jobs


def audit(course: Course, proofs: Path, out: Path, *, exercises: list[str] | None = None,
          mutants: int | None = DEFAULT_MUTANTS, workers: int = 1, engine: Engine | None = None) -> dict[str, Any]:
    """Audit the course's graders (all, or `exercises`); return what audit.json holds (see docs/audit.md)."""
    started = time.perf_counter()
    if course.reference_dir is None:
        raise FileNotFoundError(f"no reference/ in {course.root}: the audit grades the reference solution")
    engine = engine or Engine(course, exercises=exercises)
    if exercises:
        engine = engine.only(*exercises)
    out.mkdir(parents=True, exist_ok=True)
    pool = LocalPool(engine, workers)
    try:
        names = [g.exercise for g in engine.graders]
        first = _grade_all(pool, [Job(e, "reference", "reference", course.reference_dir) for e in names], "reference")
        reference_seconds = {j.exercise: r.timing.get("seconds", 0.0) for j, r in first.items()}
        jobs, generated = [], {}
        for grader in engine.graders:
            exercise = grader.exercise
            jobs += [Job(exercise, "reference-again", "reference", course.reference_dir),
                     Job(exercise, "stub", "stub", course.exercises_dir)]
            jobs += [Job(exercise, p.kind, p.name, p.folder) for p in layout.proofs_for(proofs, exercise)]
            text = (course.reference_dir / f"{exercise}.py").read_text()
            every = all_mutants(text) if mutants != 0 else []
            generated[exercise] = (text, len(every), pick(every, mutants))
            jobs += _write_mutants(out, exercise, generated[exercise][2])
        graded = {**first, **_grade_all(pool, jobs, "audit")}
    finally:
        pool.close()
        engine.keep_reference_values()
    results = [_exercise(grader, proofs, graded, generated[grader.exercise]) for grader in engine.graders]
    return {"course": str(course.root), "proofs": str(proofs), "environment": engine.environment,
            "mutants_per_exercise": mutants, "workers": workers, "exercises": results,
            "seconds": round(time.perf_counter() - started, 2), "reference_seconds": reference_seconds}


def _exercise(grader: Grader, proofs: Path, graded: dict[Job, Report], generated: tuple[str, int, list[Mutant]]
              ) -> dict[str, Any]:
    exercise = grader.exercise
    mine = {(j.kind, j.name): (j, r) for j, r in graded.items() if j.exercise == exercise}
    reference = mine["reference", "reference"][1]
    again = mine["reference-again", "reference"][1]
    stub = mine["stub", "stub"][1]
    proof_list = layout.proofs_for(proofs, exercise)
    also = layout.also_expected(proofs, exercise)
    checks = [_check("layout", "proofs layout", layout.coverage_problems(
                  exercise, tuple(getattr(grader.module, "MISTAKES", ())), proof_list, set(HINTS))),
              _check("reference", "reference", judge.reference_problems(reference), reference),
              _check("flaky", "reference graded twice", [f"verdict differs between two runs: {case}"
                                                         for case in judge.flaky_cases(reference, again)], again),
              _check("stub", "unchanged stub", judge.stub_problems(stub), stub)]
    if not proof_list:
        checks.append(_check("layout", "proofs", [f"no proofs in {proofs / exercise}"], severity="warn"))
    kills: dict[str, list[str]] = {c.id: [] for c in grader.cases}
    for proof in proof_list:
        report = mine[proof.kind, proof.name][1]
        problems = judge.mutant_problems(report, proof.hint, also.get(proof.name, set())) \
            if proof.kind == "mutant" else judge.correct_problems(report)
        checks.append(_check(proof.kind, proof.name, problems, report))
    text, total, chosen = generated
    equivalent = layout.equivalent(proofs, exercise)
    mutants = []
    for mutant in chosen:
        report = mine["generated", mutant.id][1]
        killed_by = judge.killing_cases(reference, report)
        for case in killed_by:
            kills[case].append(mutant.id)
        survived = report.score >= report.max_score
        status = "killed" if not survived else "equivalent" if mutant.id in equivalent else "survived"
        mutants.append({"id": mutant.id, "operator": mutant.operator, "line": mutant.line, "change": mutant.change,
                        "status": status, "killed_by": killed_by, "score": report.score, "hints": report.hints(),
                        "reason": equivalent.get(mutant.id, ""),
                        "diff": mutant.diff(text, f"{exercise}.py") if survived else ""})
    stale = sorted(set(equivalent) - {m.id for m in chosen})
    if stale:
        checks.append(_check("layout", "equivalent.txt", [f"lists mutants not graded in this run: {', '.join(stale)}"],
                             severity="warn"))
    killed = sum(m["status"] == "killed" for m in mutants)
    judged = len([m for m in mutants if m["status"] != "equivalent"])
    cases = [{"case_id": c.id, "title": c.info.title, "points": c.info.points, "hidden": c.info.hidden,
              "kills": kills[c.id]} for c in grader.cases]
    return {"exercise": exercise, "max_score": reference.max_score, "checks": checks,
            "margins": judge.margins(reference),
            "generated": {"available": total, "graded": len(chosen), "killed": killed,
                          "survived": sum(m["status"] == "survived" for m in mutants),
                          "equivalent": len(chosen) - judged,
                          "score": round(killed / judged, 3) if judged else None, "mutants": mutants},
            "cases": cases}


def failures(result: dict[str, Any], strict: bool = False) -> list[str]:
    """Every failed check, `exercise: kind name: problem` (with `strict`, surviving mutants and narrow margins too)."""
    found = []
    for item in result["exercises"]:
        exercise = item["exercise"]
        for check in item["checks"]:
            if check["severity"] == "fail" or (strict and check["severity"] == "warn"):
                found += [f"{exercise}: {check['kind']} {check['name']}: {p}" for p in check["problems"]]
        if strict:
            found += [f"{exercise}: generated mutant {m['id']} survives ({m['change']})"
                      for m in item["generated"]["mutants"] if m["status"] == "survived"]
            found += [f"{exercise}: {m['case_id']} margin of {m['what']}: {m['room']:.0%} inside its limit"
                      for m in item["margins"] if m["warn"]]
    return found

"""Grade one exercise of one submission in the sandbox: a session, and every case through the runtime."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from tfgrade.grading.loading import Grader
from tfgrade.grading.probes import ReferenceProbes, ReferenceRunner, StudentProbes
from tfgrade.grading.runtime import ExerciseRun, result, source_view
from tfgrade.grading.verdicts import static_failure
from tfgrade.results import CaseResult
from tfgrade.sandbox.policy import Policy
from tfgrade.sandbox.session import Session, SessionSpec
from tfgrade.source.submission import Submission


@dataclass
class ExerciseResult:
    """One exercise's case results, what the sandbox enforced, and the seconds the student's probes computed."""

    cases: list[CaseResult]
    enforced: dict[str, Any] = field(default_factory=dict)
    probe_seconds: float = 0.0


def open_session(grader: Grader, submission: Submission, policy: Policy, slot: int, device: str) -> Session:
    """A sandbox session for one exercise of one submission."""
    return Session(SessionSpec(grader.exercise, submission.sources(), policy, slot, device))


def grade_exercise(grader: Grader, submission: Submission, reference: ReferenceRunner, *,
                   policy: Policy, slot: int = 0, device: str = "/CPU:0", public_only: bool = False
                   ) -> ExerciseResult:
    """Run every case of one grader (the public ones with `public_only`) on one submission."""
    cases = [c for c in grader.cases if not (public_only and c.info.hidden)]
    student_file = submission.files.get(grader.exercise)
    static = static_failure(student_file, grader.exercise, submission.missing_note)
    if static is not None:
        return ExerciseResult([result(grader, item, static) for item in cases])
    with open_session(grader, submission, policy, slot, device) as session:
        student = StudentProbes(session, grader.exercise, grader.programs, str(grader.path))
        fixtures = {"student": student, "reference": ReferenceProbes(reference, grader.exercise),
                    "source": source_view(student_file)}
        run = ExerciseRun(grader, submission, fixtures, policy.timeouts_per_exercise, policy.case_seconds_cap)
        for item in cases:
            run.run(item)
        enforced = session.enforced
    return ExerciseResult(run.results, enforced, student.probe_seconds)

"""The one result model that flows from graders to every renderer."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from enum import Enum
from typing import Any


class Outcome(str, Enum):
    """How a case ended (formats: `report.json`'s `outcome`); compares equal to its string value."""

    PASSED = "passed"
    FAILED = "failed"
    ERROR = "error"  # the student's code raised, or (with grader_error) the grader itself did
    TIMEOUT = "timeout"
    OUT_OF_MEMORY = "out-of-memory"
    CRASHED = "crashed"
    SKIPPED = "skipped"  # a prerequisite case did not pass

    def __str__(self) -> str:
        return self.value


SANDBOX_OUTCOMES = (Outcome.TIMEOUT, Outcome.OUT_OF_MEMORY, Outcome.CRASHED)


@dataclass
class CaseResult:
    """The verdict on one grader case for one student."""

    exercise: str
    name: str
    hidden: bool
    points: float
    max_points: float
    outcome: Outcome
    message: str = ""
    hints: list[str] = field(default_factory=list)
    case_id: str = ""
    plots: list[dict[str, Any]] = field(default_factory=list)  # drawn by render/plots.py
    grader_error: bool = False  # the grader failed, not the student: the instructor must look
    traceback: str = ""  # the grader's traceback, for the instructor's record only (never in feedback)
    margins: list[dict[str, Any]] = field(default_factory=list)  # grading/margins.py; for `tfgrade audit` only

    def __post_init__(self) -> None:
        self.outcome = Outcome(self.outcome)

    def to_dict(self) -> dict[str, Any]:
        """What report.json holds of the case (the grader's traceback stays in the gradebook database)."""
        data = asdict(self)
        data["outcome"] = self.outcome.value
        del data["traceback"], data["margins"]
        return data


@dataclass
class Report:
    """Everything decided about one student's submission."""

    student: str
    cases: list[CaseResult]
    environment: dict[str, Any] = field(default_factory=dict)
    notes: dict[str, list[str]] = field(default_factory=dict)
    status: str = "ok"
    timing: dict[str, float] = field(default_factory=dict)

    @property
    def score(self) -> float:
        return round(sum(c.points for c in self.cases), 4)

    @property
    def max_score(self) -> float:
        return round(sum(c.max_points for c in self.cases), 4)

    def exercises(self) -> list[str]:
        """Exercise names in the order their cases appear."""
        return list(dict.fromkeys(c.exercise for c in self.cases))

    def exercise_score(self, exercise: str) -> tuple[float, float]:
        cases = [c for c in self.cases if c.exercise == exercise]
        return round(sum(c.points for c in cases), 4), round(sum(c.max_points for c in cases), 4)

    def hints(self) -> list[str]:
        """Every hint id in the report, once, in order of appearance."""
        return list(dict.fromkeys(h for c in self.cases for h in c.hints))

    def to_dict(self) -> dict[str, Any]:
        return {"student": self.student, "score": self.score, "max_score": self.max_score,
                "status": self.status, "environment": self.environment,
                "cases": [c.to_dict() for c in self.cases], "notes": self.notes, "timing": self.timing}

    @property
    def grader_errors(self) -> list[CaseResult]:
        """Cases the grader itself could not decide."""
        return [c for c in self.cases if c.grader_error]

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Report:
        return cls(data["student"], [CaseResult(**c) for c in data["cases"]], data.get("environment", {}),
                   data.get("notes", {}), data.get("status", "ok"), data.get("timing", {}))

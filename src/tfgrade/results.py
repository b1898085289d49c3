"""The one result model that flows from graders to every renderer."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any

OUTCOMES = ("passed", "failed", "error", "timeout", "out-of-memory", "crashed", "skipped")


@dataclass
class CaseResult:
    """The verdict on one grader case for one student."""

    exercise: str
    name: str
    hidden: bool
    points: float
    max_points: float
    outcome: str
    message: str = ""
    hints: list[str] = field(default_factory=list)
    case_id: str = ""
    plots: list[dict[str, Any]] = field(default_factory=list)  # drawn by render/plots.py

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


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

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Report:
        return cls(data["student"], [CaseResult(**c) for c in data["cases"]], data.get("environment", {}),
                   data.get("notes", {}), data.get("status", "ok"), data.get("timing", {}))

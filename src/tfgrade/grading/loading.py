"""Load grader modules (trusted code), and refuse a broken one before any student is graded."""

from __future__ import annotations

import ast
import importlib.util
import inspect
import sys
from dataclasses import dataclass, field
from pathlib import Path
from types import ModuleType

from tfgrade.grading.api import Case
from tfgrade.grading.programs import GraderError, GraderSource, ProbeProgram

FIXTURES = ("student", "reference", "source", "figures")


@dataclass
class Grader:
    """One grader module: its exercise, its cases in order, the names it expects, its probes' programs."""

    exercise: str
    path: Path
    module: ModuleType
    cases: list[Case]
    expected_names: tuple[str, ...]
    position: int
    programs: dict[str, ProbeProgram] = field(default_factory=dict)

    def case(self, case_id: str) -> Case:
        """The case with this id (its function's name)."""
        for found in self.cases:
            if found.id == case_id:
                return found
        raise KeyError(case_id)


def load_grader(path: Path, private: list[Path] | None = None) -> Grader:
    """Import a graders/test_<exercise>.py module, list its cases and cut out its probes.

    Mistakes in the grader itself fail here, naming the file and line; `private` folders (graders/,
    reference/) are those the sandbox cannot read, so probes may not import from them.
    """
    exercise = path.stem.removeprefix("test_")
    name = f"tfgrade_grader_{exercise}"
    spec = importlib.util.spec_from_file_location(name, path)
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    spec.loader.exec_module(module)
    cases = [Case(n, f, f.__tfgrade_case__) for n, f in vars(module).items()
             if callable(f) and hasattr(f, "__tfgrade_case__")]
    source = GraderSource(path)
    _check_grader(module, source, cases)
    source.check_imports(private if private is not None else [path.parent])
    programs = {probe: source.program(probe) for probe in source.probes}
    return Grader(exercise, path, module, cases, tuple(getattr(module, "EXPECTED_NAMES", ())),
                  module.POSITION, programs)


def _check_grader(module: ModuleType, source: GraderSource, cases: list[Case]) -> None:
    """A GraderError for what would otherwise surface as a student's failure: prerequisites that are not
    cases, fixtures that do not exist, probes not marked @probe, no POSITION."""
    if not isinstance(getattr(module, "POSITION", None), int):
        raise GraderError(f"{source.path}: no POSITION = <int> (the exercise's place in the course order)")
    names = {c.id for c in cases}
    for item in cases:
        node = source.cases.get(item.id)
        where = source.where(node) if node is not None else str(source.path)
        for need in item.info.needs:
            if need not in names:
                raise GraderError(f"{where}: `{item.id}` needs `{need}`, which is not a case of this grader")
        for parameter in inspect.signature(item.function).parameters:
            if parameter not in FIXTURES:
                raise GraderError(f"{where}: `{item.id}` asks for `{parameter}`; cases may ask for "
                                  f"{', '.join(FIXTURES)}")
    functions = {n for n, nodes in source.definers.items() if isinstance(nodes[0], ast.FunctionDef)}
    for node in ast.walk(source.tree):
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr == "run" \
                and node.args and isinstance(node.args[0], ast.Name):
            target = node.args[0].id
            if target in functions and target not in source.probes:
                raise GraderError(f"{source.where(node)}: `{target}` is run as a probe but not marked @probe")


def load_graders(graders_dir: Path, only: list[str] | None = None, private: list[Path] | None = None
                 ) -> list[Grader]:
    """Every grader in a folder, in course order; `only` loads just the named exercises' graders."""
    paths = {p.stem.removeprefix("test_"): p for p in sorted(Path(graders_dir).glob("test_*.py"))}
    if only:
        unknown = set(only) - set(paths)
        if unknown:
            raise ValueError(f"unknown exercise(s): {', '.join(sorted(unknown))}; known: {', '.join(paths)}")
        paths = {exercise: path for exercise, path in paths.items() if exercise in only}
    graders = [load_grader(path, private) for path in paths.values()]
    return sorted(graders, key=lambda g: (g.position, g.exercise))

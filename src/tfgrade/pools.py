"""Where submissions are graded: sandbox slots on this machine, or tasks on a Dask cluster."""

from __future__ import annotations

import queue
from collections.abc import Iterator
from concurrent.futures import Future, ThreadPoolExecutor, as_completed
from typing import Any

from tfgrade.engine import Engine, failed_report, grade_or_explain
from tfgrade.results import Report
from tfgrade.source.submission import Submission


class LocalPool:
    """`workers` sandboxes on this machine, each a slot of its own (uids never collide)."""

    def __init__(self, engine: Engine, workers: int) -> None:
        self.engine = engine
        self.executor = ThreadPoolExecutor(max_workers=workers)
        self.slots: queue.Queue[int] = queue.Queue()
        for slot in range(workers):
            self.slots.put(slot)

    def submit(self, submission: Submission, exercises: list[str]) -> Future:
        """Grade these exercises of one submission on the next free slot."""
        return self.executor.submit(self._grade, submission, exercises)

    def _grade(self, submission: Submission, exercises: list[str]) -> Report:
        slot = self.slots.get()
        try:
            return grade_or_explain(self.engine, submission, exercises, slot)
        finally:
            self.slots.put(slot)

    def finished(self, futures: dict[Any, tuple[Submission, list[str]]]) -> Iterator[tuple[Submission, Report]]:
        """Each submission with its report, as soon as it is graded."""
        for future in as_completed(futures):
            yield futures[future][0], future.result()

    def close(self) -> None:
        self.executor.shutdown(wait=True, cancel_futures=True)


class DaskPool:
    """Tasks on a Dask distributed cluster; each worker keeps its own engine (zygote, reference cache)."""

    def __init__(self, engine: Engine, address: str, hidden: tuple[str, ...] = ()) -> None:
        try:
            from distributed import Client
        except ImportError:
            raise RuntimeError("--scheduler needs Dask's distributed package: pip install 'tfgrade[dask]'") from None
        from tfgrade.worker import check_worker

        self.engine, self.hidden = engine, tuple(hidden)
        self.course_root = str(engine.course.root)
        try:
            self.client = Client(address, timeout="20s")
            self.client.wait_for_workers(1, timeout=60)
        except (OSError, TimeoutError) as exc:
            raise RuntimeError(f"cannot reach the Dask scheduler at {address}, or it has no workers: {exc}") from None
        problems = {worker: found for worker, found in self.client.run(check_worker, self.course_root).items()
                    if found}
        if problems:
            self.client.close()
            raise RuntimeError("Dask workers that cannot grade: " + "; ".join(
                f"{worker}: {', '.join(found)}" for worker, found in sorted(problems.items())))

    def submit(self, submission: Submission, exercises: list[str]) -> Any:
        """A Dask task grading these exercises of one submission on some worker."""
        from tfgrade.worker import grade_on_worker

        return self.client.submit(grade_on_worker, self.course_root, self.engine.device_choice, submission,
                                  list(exercises), self.hidden, self.engine.unsandboxed, pure=False)

    def finished(self, futures: dict[Any, tuple[Submission, list[str]]]) -> Iterator[tuple[Submission, Report]]:
        """Each submission with its report as its task ends; a failed task fails that submission only."""
        from distributed import as_completed as dask_completed

        for future in dask_completed(list(futures)):
            submission, exercises = futures[future]
            try:
                yield submission, future.result()
            except Exception as exc:  # a worker that died or could not grade: this submission only
                yield submission, failed_report(self.engine, submission, exercises,
                                                f"could not be graded on the cluster ({type(exc).__name__}: {exc})")

    def close(self) -> None:
        self.client.close()


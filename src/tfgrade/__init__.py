"""tfgrade: an autograder for TensorFlow/Keras exercises with sandboxed student code."""

from __future__ import annotations

__version__ = "0.1.0"


def check(*exercises: str, path: str | None = None):
    """Check exercises from Python or a notebook cell: `import tfgrade; tfgrade.check("simple_dense")`."""
    from tfgrade.selfcheck import run_check

    return run_check(list(exercises), path)

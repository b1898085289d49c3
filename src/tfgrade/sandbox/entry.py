"""The target a sandbox child starts with: light to import, so the trusted process that starts children never
imports TensorFlow for it (the child module it calls is preloaded in the zygote)."""

from __future__ import annotations

from typing import Any


def child_main(conn: Any, config: dict[str, Any]) -> None:
    """Run tfgrade.sandbox.child.child_main in this (child) process."""
    from tfgrade.sandbox.child import child_main as run

    run(conn, config)

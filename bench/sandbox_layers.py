"""What the sandbox layers cost per child, against the cost of the child itself, measured in one run.

    python bench/sandbox_layers.py [--children 20]

Starts `--children` sandbox children with every layer (the grading policy) and as many without any
isolation (the self-check policy: limits only), alternately, from the same TensorFlow-preloaded
zygote. Prints the medians of: the time to start a child and get its "ready" (fork + set-up), the
time the child spent setting up each layer (as it measured it), and the layers' share of a child.
"""

from __future__ import annotations

import argparse
import statistics
import time

from tfgrade.sandbox.policy import Policy
from tfgrade.sandbox.session import Session, SessionSpec, zygote


def start_child(policy: Policy) -> tuple[float, dict]:
    """Seconds from asking for a child to its ready reply, and what it enforced."""
    started = time.perf_counter()
    with Session(SessionSpec("", {}, policy)) as session:
        enforced = session.open()
        seconds = time.perf_counter() - started
    return seconds, enforced


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--children", type=int, default=20)
    args = parser.parse_args()
    zygote()
    isolated, plain = Policy(), Policy(isolate=False)
    start_child(isolated)  # warm both paths once
    start_child(plain)
    with_layers, without, layers = [], [], {}
    for _ in range(args.children):
        seconds, enforced = start_child(isolated)
        with_layers.append(seconds)
        for name, value in enforced.get("setup_seconds", {}).items():
            layers.setdefault(name, []).append(value)
        without.append(start_child(plain)[0])
    base, full = statistics.median(without), statistics.median(with_layers)
    print(f"mode: {enforced.get('mode')}; layers: landlock={enforced.get('landlock')} "
          f"seccomp={enforced.get('seccomp')} user_namespace={enforced.get('user_namespace')} "
          f"separate_uid={enforced.get('separate_uid')}")
    print(f"child without isolation (baseline): {base * 1000:.1f} ms median of {args.children}")
    print(f"child with every layer:             {full * 1000:.1f} ms  ({full / base:.2f}x the baseline)")
    for name, values in layers.items():
        median = statistics.median(values)
        print(f"  set-up of {name:<22} {median * 1000:7.3f} ms  ({median / base:.1%} of a child)")
    total = sum(statistics.median(v) for v in layers.values())
    print(f"  all layers, inside the child: {total * 1000:.2f} ms (target < 5 ms); {total / base:.1%} of a child")


if __name__ == "__main__":
    main()

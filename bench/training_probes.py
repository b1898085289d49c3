"""Where a training probe's time goes: trace, compile and execute, as a graph and with XLA.

    python bench/training_probes.py [--runs 3]

For the reference model of every training probe (xor_net's gate and XOR nets, binary_classifier's
classifier, keras_regression's regressor, mlp_classifier's MLP), in a fresh process per measurement:
tracing the lean training loop (keras_probes), its first call (XLA compiles there; the graph runs),
and a second call with the same step count (execution alone). Medians of `--runs` processes, with
the `import tensorflow` floor of the same run as the baseline. The graders use the cheaper mode.
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
from pathlib import Path

from floor import import_floor

ROOT = Path(__file__).resolve().parents[1]

# probe -> (reference module, builder expression, x shape, steps per call as the grader runs it, calls)
PROBES = {
    "xor_net gate (2 gates x 2 seeds)": ("xor_net", "build_gate_model()", (4, 2), 2000, 4),
    "xor_net XOR (5 seeds)": ("xor_net", "build_xor_model()", (4, 2), 2000, 5),
    "binary_classifier (3 seeds)": ("binary_classifier", "build_binary_classifier(2)", (20, 2), 500, 3),
    "keras_regression (1 model)": ("keras_regression", "build_sequential_regressor(2)", (50, 2), 1500, 1),
}

CHILD = r"""
import json, sys, time
import numpy as np
sys.path.insert(0, sys.argv[1])
import importlib.util, keras, tensorflow as tf
from tfgrade.grading.keras_probes import _Loop
spec = importlib.util.spec_from_file_location("ref", sys.argv[2]); ref = importlib.util.module_from_spec(spec)
spec.loader.exec_module(ref)
shape, steps, calls, compiled = json.loads(sys.argv[4]), int(sys.argv[5]), int(sys.argv[6]), sys.argv[7] == "xla"
keras.utils.set_random_seed(0)
model = eval("ref." + sys.argv[3])
if getattr(model, "optimizer", None) is None or not getattr(model, "compiled", True):
    model.compile(optimizer="adam", loss="mse")
x = tf.constant(np.random.default_rng(0).random(shape, dtype=np.float32))
y = tf.constant(np.random.default_rng(1).random((shape[0], 1), dtype=np.float32))
model(x)
t = time.perf_counter(); loop = _Loop.trace(model, x, y, compiled=compiled); trace = time.perf_counter() - t
t = time.perf_counter(); loop.run(x, y, tf.constant(steps)); first = time.perf_counter() - t
t = time.perf_counter()
for _ in range(calls - 1):
    loop.run(x, y, tf.constant(steps))
rest = time.perf_counter() - t
print(json.dumps({"trace": trace, "first": first, "execute": rest / max(calls - 1, 1)}))
"""

MLP_CHILD = r"""
import json, sys, time
import numpy as np
sys.path.insert(0, sys.argv[1])
import importlib.util, keras, tensorflow as tf
from tfgrade.datasets import fashion_like
from tfgrade.grading import keras_probes
spec = importlib.util.spec_from_file_location("ref", sys.argv[2]); ref = importlib.util.module_from_spec(spec)
spec.loader.exec_module(ref)
images, labels = fashion_like(2500, seed=11)
x = images.astype(np.float32) / 255.0
keras.utils.set_random_seed(0)
model = ref.build_mlp()
model.compile(loss="sparse_categorical_crossentropy", optimizer="sgd", metrics=["accuracy"])
t = time.perf_counter()
if sys.argv[3] == "fit":
    model.fit(x[500:], labels[500:], epochs=3, batch_size=32, verbose=0)
    model.predict(x[:500], batch_size=256, verbose=0)
else:
    keras_probes.fit_epochs(model, x[500:], labels[500:], epochs=3, batch_size=32, seed=0)
    np.asarray(model(x[:500], training=False))
print(json.dumps({"total": time.perf_counter() - t}))
"""


def _child(code: str, *args: str) -> dict[str, float]:
    done = subprocess.run([sys.executable, "-c", code, str(ROOT / "src"), *args], capture_output=True, text=True,
                          check=True, env={"TF_CPP_MIN_LOG_LEVEL": "2", "PATH": "/usr/bin:/bin"})
    return json.loads(done.stdout.strip().splitlines()[-1])


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    floor = import_floor()
    print(f"medians of {args.runs} fresh processes; import tensorflow floor {floor:.2f} s (median of 3)")
    print(f"{'probe':36} {'mode':5} {'trace s':>8} {'1st call s':>10} {'execute s':>9} {'probe total s':>13}")
    for name, (exercise, builder, shape, steps, calls) in PROBES.items():
        for mode in ("graph", "xla"):
            runs = [_child(CHILD, str(ROOT / "reference" / f"{exercise}.py"), builder, json.dumps(shape),
                           str(steps), str(calls), mode) for _ in range(args.runs)]
            median = {key: statistics.median(r[key] for r in runs) for key in runs[0]}
            total = median["trace"] + median["first"] + (calls - 1) * median["execute"]
            print(f"{name:36} {mode:5} {median['trace']:8.3f} {median['first']:10.3f} {median['execute']:9.4f} "
                  f"{total:13.3f}")
    for mode in ("fit", "fit_epochs"):
        runs = [_child(MLP_CHILD, str(ROOT / "reference" / "mlp_classifier.py"), mode) for _ in range(args.runs)]
        total = statistics.median(r["total"] for r in runs)
        print(f"{'mlp_classifier (3 epochs, batch 32)':36} {mode:10} train + predict {total:.3f} s "
              f"({total / floor:.2f} x floor)")


if __name__ == "__main__":
    main()

"""The graders' fast training gives the same weights as model.fit(x, y, batch_size=4, epochs=N), and one traced
loop reused across seeds gives what a fresh model per seed gives."""

import importlib.util
import sys

import keras
import numpy as np
import pytest

from tfgrade.grading.keras_probes import fit_fast, trained_per_seed

pytestmark = pytest.mark.slow  # training, subprocesses or whole batches: `pytest -m 'not slow'` skips it


def _module(path, name):
    spec = importlib.util.spec_from_file_location(name, path)
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    spec.loader.exec_module(module)
    return module


@pytest.mark.parametrize("builder", ["build_gate_model", "build_xor_model"])
def test_fast_fit_equals_model_fit(course, builder):
    grader = _module(course.graders_dir / "test_xor_net.py", "xor_grader_for_equivalence")
    reference = _module(course.reference_dir / "xor_net.py", "xor_reference_for_equivalence")
    y = np.array(grader.TARGETS["XOR"], np.float32).reshape(-1, 1)
    weights = []
    for fast in (True, False):
        keras.utils.set_random_seed(3)
        model = getattr(reference, builder)()
        if fast:
            fit_fast(model, grader.X, y, 40)
        else:
            model.fit(grader.X, y, batch_size=4, epochs=40, verbose=0)
        weights.append([w.numpy() for w in model.weights])
    for fast_w, slow_w in zip(*weights, strict=True):
        np.testing.assert_allclose(fast_w, slow_w, rtol=1e-5, atol=1e-6)
    assert not np.allclose(weights[0][0], 0)


@pytest.mark.parametrize("compiled", [True, False], ids=["xla", "graph"])
@pytest.mark.parametrize("builder", ["build_gate_model", "build_xor_model"])
def test_one_loop_for_all_seeds_equals_a_fresh_model_per_seed(course, builder, compiled):
    grader = _module(course.graders_dir / "test_xor_net.py", "xor_grader_for_seeds")
    reference = _module(course.reference_dir / "xor_net.py", "xor_reference_for_seeds")
    y = np.array(grader.TARGETS["XOR"], np.float32).reshape(-1, 1)
    seeds = [0, 1, 2]
    reused = [[w.numpy() for w in model.weights]
              for model in trained_per_seed(getattr(reference, builder), grader.X, y, 60, seeds, compiled)]
    slow = []
    for seed in seeds:
        keras.utils.set_random_seed(seed)
        model = getattr(reference, builder)()
        model.fit(grader.X, y, batch_size=4, epochs=60, verbose=0)
        slow.append([w.numpy() for w in model.weights])
    fresh = []
    for seed in seeds:
        keras.utils.set_random_seed(seed)
        model = getattr(reference, builder)()
        fit_fast(model, grader.X, y, 60)
        fresh.append([w.numpy() for w in model.weights])
    for reused_w, fresh_w, slow_w in zip(reused, fresh, slow, strict=True):
        for a, b, c in zip(reused_w, fresh_w, slow_w, strict=True):
            np.testing.assert_allclose(a, b, rtol=1e-5, atol=1e-6)  # one trace for all seeds
            np.testing.assert_allclose(a, c, rtol=1e-5, atol=1e-6)  # and model.fit itself
    assert not np.allclose(reused[0][0], reused[1][0]), "each seed starts from its own weights"


def test_one_traced_program_serves_both_gates_and_other_epochs(course):
    """AND, then OR, then more epochs: one trace, and each run equals model.fit on a fresh model."""
    from tfgrade.grading import keras_probes

    grader = _module(course.graders_dir / "test_xor_net.py", "xor_grader_for_sharing")
    reference = _module(course.reference_dir / "xor_net.py", "xor_reference_for_sharing")
    keras_probes._LOOPS.clear()
    runs = []
    for gate, epochs in (("AND", 50), ("OR", 50), ("OR", 80)):
        y = np.array(grader.TARGETS[gate], np.float32).reshape(-1, 1)
        model = next(trained_per_seed(reference.build_gate_model, grader.X, y, epochs, [4]))
        runs.append(([w.numpy() for w in model.weights], y, epochs))
    assert len(keras_probes._LOOPS) == 1
    (loop,) = keras_probes._LOOPS.values()
    assert loop.run.experimental_get_tracing_count() == 1
    for weights, y, epochs in runs:
        keras.utils.set_random_seed(4)
        model = reference.build_gate_model()
        model.fit(grader.X, y, batch_size=4, epochs=epochs, verbose=0)
        for a, b in zip(weights, [w.numpy() for w in model.weights], strict=True):
            np.testing.assert_allclose(a, b, rtol=1e-5, atol=1e-6)


def test_fit_epochs_equals_model_fit_on_the_same_shuffles(course):
    """mlp_classifier's training: fit_epochs performs model.fit's updates, epoch by epoch on the same shuffles
    (the last batch of each epoch smaller), in one graph call."""
    from tfgrade.grading.keras_probes import fit_epochs

    reference = _module(course.reference_dir / "mlp_classifier.py", "mlp_reference_for_equivalence")
    rng = np.random.default_rng(5)
    x = rng.random((70, 28, 28), dtype=np.float32)
    y = rng.integers(0, 10, 70).astype(np.uint8)
    weights = []
    for fast in (True, False):
        keras.utils.set_random_seed(2)
        model = reference.build_mlp()
        model.compile(loss="sparse_categorical_crossentropy", optimizer="sgd")
        if fast:
            fit_epochs(model, x, y, epochs=3, batch_size=32, seed=9)
        else:
            shuffles = np.random.default_rng(9)
            for _ in range(3):
                order = shuffles.permutation(len(x))
                model.fit(x[order], y[order], batch_size=32, epochs=1, shuffle=False, verbose=0)
        weights.append([w.numpy() for w in model.weights])
    for fast_w, slow_w in zip(*weights, strict=True):
        np.testing.assert_allclose(fast_w, slow_w, rtol=1e-5, atol=1e-6)
    assert not np.allclose(weights[0][-2], weights[0][-2][0, 0])

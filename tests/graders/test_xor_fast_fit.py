"""The XOR grader's fast training gives the same weights as model.fit(x, y, batch_size=4, epochs=N)."""

import importlib.util
import sys

import keras
import numpy as np
import pytest


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
            grader.fit_fast(model, grader.X, y, 40)
        else:
            model.fit(grader.X, y, batch_size=4, epochs=40, verbose=0)
        weights.append([w.numpy() for w in model.weights])
    for fast_w, slow_w in zip(*weights, strict=True):
        np.testing.assert_allclose(fast_w, slow_w, rtol=1e-5, atol=1e-6)
    assert not np.allclose(weights[0][0], 0)

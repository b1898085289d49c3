"""What the sandbox child says about a student exception: the call into student code and its inputs."""

from __future__ import annotations

import numpy as np

from tfgrade.sandbox.child import describe_failure, describe_value

STUDENT = "student.py"
CODE = '''
def decision_boundary(W, b, *, scale=1.0):
    return helper(W)

def helper(W):
    return W[5, 5]

class Layer:
    def call(self, inputs, training=None):
        raise ValueError("bad shapes")
'''


def _raise(call):
    namespace: dict = {}
    exec(compile(CODE, STUDENT, "exec"), namespace)
    try:
        call(namespace)
    except Exception as exc:
        return describe_failure(exc, {STUDENT})
    raise AssertionError("the student code should have raised")


def test_values_are_described_by_kind_dtype_and_shape():
    import tensorflow as tf

    assert describe_value(tf.Variable(np.zeros((2, 1), np.float32))) == "tf.Variable float32 (2, 1)"
    assert describe_value(tf.constant([1, 2])) == "tf.Tensor int32 (2,)"
    assert describe_value(np.zeros(3)) == "np.ndarray float64 (3,)"
    assert describe_value(0.5) == "float 0.5" and describe_value([1, 2]) == "list of 2"
    assert describe_value(None) == "None" and describe_value(object()) == "object"


def test_the_outermost_student_call_is_named_with_its_arguments():
    import tensorflow as tf

    W, b = tf.Variable(np.zeros((2, 1), np.float32)), tf.Variable(np.zeros(1, np.float32))
    reply = _raise(lambda ns: ns["decision_boundary"](W, b))
    assert reply["call"] == {"function": "decision_boundary", "arguments": "W: tf.Variable float32 (2, 1), "
                             "b: tf.Variable float32 (1,), scale: float 1.0"}
    assert [f["function"] for f in reply["frames"]] == ["decision_boundary", "helper"]


def test_a_method_is_named_with_its_class_and_without_self():
    reply = _raise(lambda ns: ns["Layer"]().call(np.ones((4, 3), np.float32)))
    assert reply["call"] == {"function": "Layer.call", "arguments": "inputs: np.ndarray float32 (4, 3), "
                             "training: None"}
    assert reply["message"] == "bad shapes"

"""Helpers that grader probes share for Keras models (they run in the sandbox, on student models)."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

import keras
import numpy as np
import tensorflow as tf


def fit_fast(model: Any, x: np.ndarray, y: np.ndarray, steps: int) -> None:
    """The updates of model.fit(x, y, batch_size=len(x), epochs=steps), without the per-epoch overhead.

    With one batch per epoch, `steps` training steps of the model (its optimizer and loss) inside one
    tf.function are the same updates; tests/graders/test_xor_fast_fit.py checks the weights against
    model.fit.
    """
    x, y = tf.constant(x), tf.constant(y)
    model(x)  # build outside the traced loop
    loop = _Loop.trace(model, x, y, compiled=False)
    if loop is None:  # a model whose training step cannot be traced alone
        model.steps_per_execution = steps
        model.fit(tf.data.Dataset.from_tensors((x, y)).repeat(steps), epochs=1, verbose=0)
    else:
        loop.train(x, y, steps)


def trained_per_seed(build: Callable[[], Any], x: np.ndarray, y: np.ndarray, steps: int,
                     seeds: list[int], compiled: bool = True) -> Iterator[Any]:
    """For each seed, yield the model `build()` makes under that seed after fit_fast(model, x, y, steps).

    The loop is traced (and XLA-compiled) once per model structure in this process: each seed's freshly
    built model hands its variables to the model the loop was traced on, whose optimizer returns to its
    untrained state, so every run performs the same updates as a fresh model (tests/graders/
    test_xor_fast_fit.py checks it). Data and step counts are arguments of the loop, so other targets
    (AND, then OR) and other epochs reuse it too. Use each model before asking for the next: it may be
    the same object. `compiled`: XLA (its compilation pays off over thousands of steps) or a plain graph
    (cheaper for fewer; bench/training_probes.py measures both).
    """
    x_tensor, y_tensor = tf.constant(x), tf.constant(y)
    for seed in seeds:
        keras.utils.set_random_seed(seed)
        fresh = build()
        fresh(x_tensor)
        key = (getattr(build, "__code__", build), _structure(fresh), compiled)
        loop = _LOOPS.get(key)
        if loop is None or loop.model is fresh:
            loop = _Loop.trace(fresh, x_tensor, y_tensor, compiled=compiled)
            _LOOPS[key] = loop
        if loop is None:  # a model whose training step cannot be traced alone: the slow, exact path
            fit_fast(fresh, x, y, steps)
            _LOOPS.pop(key, None)
            yield fresh
            continue
        loop.adopt(fresh)
        loop.train(x_tensor, y_tensor, steps)
        yield loop.model


def fit_epochs(model: Any, x: np.ndarray, y: np.ndarray, epochs: int, batch_size: int, seed: int) -> None:
    """The updates of model.fit(x, y, epochs=epochs, batch_size=batch_size): each epoch a new shuffle (drawn
    from `seed`) cut into batches, the last one smaller, every step in one traced graph call instead of
    fit's per-batch and per-epoch machinery. A model whose step cannot be traced alone is given to fit itself."""
    n = len(x)
    rng = np.random.default_rng(seed)
    order = np.concatenate([rng.permutation(n) for _ in range(epochs)])
    bounds = np.array([(epoch * n + start, epoch * n + min(start + batch_size, n))
                       for epoch in range(epochs) for start in range(0, n, batch_size)], np.int32)
    xs, ys, batches = tf.constant(x[order]), tf.constant(y[order]), tf.constant(bounds)
    model(xs[:1])  # build outside the traced loop
    try:
        step = _built_step(model)

        @tf.function
        def run(xs: Any, ys: Any, batches: Any) -> None:
            for i in tf.range(tf.shape(batches)[0]):
                first, last = batches[i, 0], batches[i, 1]
                step(xs[first:last], ys[first:last])

        traced = run.get_concrete_function(xs, ys, batches)
    except Exception:  # anything unusual takes fit itself, which reports the student's error in its own words
        model.fit(x, y, epochs=epochs, batch_size=batch_size, verbose=0)
        return
    traced(xs, ys, batches)


_LOOPS: dict[tuple, Any] = {}  # per process: a sandbox child grades one exercise of one student


def _structure(model: Any) -> tuple:
    """What a traced loop depends on: the model's class, its variables' shapes and dtypes, its optimizer's class."""
    optimizer = getattr(model, "optimizer", None)
    return (type(model).__qualname__, type(optimizer).__qualname__,
            tuple((tuple(v.shape), str(v.dtype)) for v in model.variables))


def _uses_keras_train_step(model: Any) -> bool:
    """Whether the model trains with Keras's own train_step (not one the student wrote)."""
    return getattr(type(model), "train_step", None) is getattr(keras.Model, "train_step", None) and \
        hasattr(model, "_compute_loss") and hasattr(model, "_call_has_training_arg")


def _step(model: Any) -> Callable[[Any, Any], None]:
    """One training step: Keras's train_step without the loss tracker and metrics (they do not change the
    weights, and they cost most of the tracing), or the model's own train_step if it has one."""
    if not _uses_keras_train_step(model):
        return lambda x, y: model.train_step((x, y))

    def step(x: Any, y: Any) -> None:
        with tf.GradientTape() as tape:
            y_pred = model(x, training=True) if model._call_has_training_arg else model(x)
            loss = model._compute_loss(x=x, y=y, y_pred=y_pred, sample_weight=None, training=True)
            if model.optimizer is not None:
                loss = model.optimizer.scale_loss(loss)
        weights = model.trainable_weights
        if weights:
            model.optimizer.apply_gradients(zip(tape.gradient(loss, weights), weights, strict=True))

    return step


def _built_step(model: Any) -> Callable[[Any, Any], None]:
    """_step(model), with the optimizer's variables made first (outside any traced function)."""
    optimizer = getattr(model, "optimizer", None)
    if not optimizer.built:
        optimizer.build(model.trainable_variables)
    return _step(model)


class _Loop:
    """`n` training steps of one model on (x, y), as one tf.function (XLA-compiled where it can be)."""

    def __init__(self, model: Any, run: Any, untrained: list, compiled: bool) -> None:
        self.model, self.run, self.untrained, self.compiled = model, run, untrained, compiled

    @classmethod
    def trace(cls, model: Any, x: Any, y: Any, compiled: bool) -> _Loop | None:
        """Trace the loop now, so a model that cannot be traced is known before training; None then."""
        try:
            step = _built_step(model)
            untrained = [v.numpy() for v in model.optimizer.variables]

            @tf.function(jit_compile=compiled)
            def run(x: Any, y: Any, n: Any) -> None:
                i = tf.constant(0)
                while i < n:  # a runtime trip count: other epochs reuse the compiled program
                    step(x, y)
                    i += 1

            run.get_concrete_function(x, y, tf.constant(1))
            return cls(model, run, untrained, compiled)
        except Exception:  # anything unusual takes the exact path, which reports the student's error itself
            return None

    def adopt(self, fresh: Any) -> None:
        """Take a freshly built model's variables, and reset the optimizer to its untrained state."""
        if fresh is self.model:
            return
        for target, source in zip(self.model.variables, fresh.variables, strict=True):
            target.assign(source)
        for variable, value in zip(self.model.optimizer.variables, self.untrained, strict=True):
            variable.assign(value)

    def train(self, x: Any, y: Any, steps: int) -> None:
        """Run `steps` steps; a model XLA cannot compile (it fails before any update) runs the same loop plainly."""
        try:
            self.run(x, y, tf.constant(steps))
        except (tf.errors.InvalidArgumentError, tf.errors.UnimplementedError):
            if not self.compiled:
                raise
            plain = _Loop.trace(self.model, x, y, compiled=False)
            self.run, self.compiled = plain.run, False
            self.run(x, y, tf.constant(steps))


def compiled_loss(model: Any, y_true: np.ndarray, y_pred: np.ndarray) -> tuple[str, float | None]:
    """The compiled loss's name and its value on (y_true, y_pred); None when it cannot be called alone."""
    loss = model.loss
    name = loss if isinstance(loss, str) else getattr(loss, "name", None) or getattr(loss, "__name__", None) \
        or type(loss).__name__
    try:
        function = keras.losses.get(loss) if isinstance(loss, str) else loss
        value = float(np.mean(function(tf.constant(y_true), tf.constant(y_pred))))
    except Exception:  # dicts, lists, unknown strings: the name still tells
        value = None
    return str(name), value


def model_input_shape(model: Any) -> list[int | None] | None:
    """The input shape a model was declared with (without the batch axis), or None."""
    try:
        return list(model.inputs[0].shape[1:]) if model.inputs else None
    except (AttributeError, ValueError):  # a Sequential without an Input has no inputs yet
        return None

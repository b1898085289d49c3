"""The catalogue of known mistakes: stable ids and the sentence a student reads."""

from __future__ import annotations

HINTS: dict[str, str] = {
    # any exercise
    "syntax-error": "Your file does not parse, so nothing in it could be graded. Fix the line shown.",
    "indentation": "Check the indentation: a statement sits at the wrong level (for example a `return` "
                   "inside a loop makes the loop run once, a method body outside its `def`).",
    "method-outside-class": "`build`/`call` are defined at module level, so the class does not have them. "
                            "Indent them inside the class body.",
    "import-error": "An import failed. Check the spelling and capitalisation (e.g. "
                    "`from tensorflow.keras import optimizers`, not `Optimizers`).",
    "missing-name": "A name the exercise asks for is missing or renamed. Keep the names and signatures "
                    "of the stub.",
    "stub-unchanged": "This part still raises NotImplementedError: it is still to do.",
    "typo-api": "A TensorFlow/Keras name is misspelt; use the real name shown.",
    "tape-no-parens": "Write `with tf.GradientTape() as tape:` — GradientTape needs parentheses.",
    "lr-kwarg": "Keras 3 spells the learning rate `learning_rate=`, not `lr=`.",
    "predict-classes": "`model.predict_classes` was removed; use `np.argmax(model.predict(x), axis=-1)` "
                       "or `model.predict(x) > 0.5` for one sigmoid unit.",
    "removed-api": "This TensorFlow/Keras API was removed, deprecated or is ignored in TF 2.16+/Keras 3; the "
                   "message names it and what to write instead.",
    "numpy-in-graph": "A NumPy operation on tensors breaks the gradient (it comes back as None); "
                      "use TensorFlow ops (`tf.*`, `keras.ops.*`) inside the loss or step.",
    "timeout": "Your code ran past its time budget. Look for an endless loop or very long training.",
    "out-of-memory": "Your code used more memory than its budget; look for huge arrays or tensors.",
    "crashed": "The process running your code died (a crash, `os._exit` or `sys.exit`); "
               "the checks it was running get no points.",
    # simple_dense / my_sequential
    "init-typo": "Call `super().__init__(**kwargs)` first in `__init__` (two underscores on each side).",
    "weights-in-init": "Create the weights in `build(self, input_shape)`, not in `__init__`: "
                       "the input size is only known in `build`.",
    "transposed-weights": "`W` must have shape `(input_dim, units)` so that `inputs @ W` works.",
    "bias-shape": "`b` must have shape `(units,)`: one bias per unit.",
    "no-bias": "The bias is missing from the output: compute `inputs @ W + b`.",
    "activation-ignored": "`activation` is accepted but never applied to the output.",
    "activation-before-bias": "Add the bias before the activation: `activation(inputs @ W + b)`.",
    "zero-init-weights": "`W` starts at zeros, so every unit learns the same thing; use "
                         "`initializer=\"random_normal\"`.",
    "elementwise-not-matmul": "Use a matrix product (`inputs @ W` or `tf.matmul`), not `inputs * W`.",
    "untracked-weights": "Create the weights with `self.add_weight(...)` so Keras tracks and trains them.",
    "uses-builtin-dense": "Implement the layer yourself: do not wrap `keras.layers.Dense`.",
    "input-shape-last-axis": "Read the input size as `input_shape[-1]` (the last axis): inputs may have more "
                             "than two axes, e.g. (batch, time, features), so do not unpack `input_shape` "
                             "into two names or index it at 1.",
    "not-chained": "Feed each layer the previous layer's output, not the raw inputs.",
    "reversed-order": "Apply the layers in the order given, first to last.",
    "layers-not-tracked": "Keep the layers in an attribute Keras tracks (e.g. `self.list_layers = list(...)`) "
                          "so their weights are trainable.",
    # linear_classifier
    "no-update": "The variables are never updated: use `W.assign_sub(learning_rate * grad_W)`.",
    "wrong-sign": "Gradient descent subtracts the gradient: `assign_sub`, not `assign_add`.",
    "learning-rate-ignored": "Use the `learning_rate` argument, not a hard-coded step size.",
    "loss-after-update": "Return the loss computed before the update.",
    "sum-not-mean": "The loss is the mean of squared differences (`tf.reduce_mean`), not their sum.",
    "forward-outside-tape": "Compute the predictions inside the `with tf.GradientTape()` block, "
                            "or the gradients are None.",
    "swapped-classes": "Class 0 has mean [0, 3] and comes first with target 0; class 1 has mean [3, 0].",
    "boundary-intercept": "The boundary is where W[0]*x + W[1]*y + b = 0.5: intercept (0.5 - b) / W[1].",
    # tls_regression
    "tls-is-ols": "TLS measures perpendicular distances: divide the squared residual by `w**2 + 1`.",
    "tls-sqrt-not-square": "Average the squared perpendicular distances, not their square roots.",
    "tls-double-normalisation": "Divide the residual by `sqrt(w**2 + 1)` before squaring (or the square by "
                                "`w**2 + 1`), not by `w**2 + 1` inside the square.",
    "tls-abs-only": "Average the squared perpendicular distances, not their absolute values.",
    # xor_net
    "no-hidden-layer": "XOR is not linearly separable: add a hidden layer.",
    "linear-hidden-layer": "Give the hidden layer a non-linear activation (e.g. tanh, relu, sigmoid).",
    "softmax-single-unit": "Softmax over one unit is always 1.0: use a sigmoid output for one unit.",
    "wrong-loss": "Use the loss the exercise asks for: binary cross-entropy for one sigmoid output.",
    "wrong-input-shape": "The model must take inputs of the asked shape: (2,), or (input_dim,) where the builder "
                         "takes input_dim.",
    "boundary-sign": "The boundary line is slope = -w0/w1, intercept = -bias/w1: check the signs.",
    "unreliable-recipe": "The network can represent XOR, but its training recipe reaches 100% on too few seeds "
                         "(two sigmoid hidden units with SGD at learning rate 0.1, the course's first recipe, "
                         "usually stall): use more hidden units (e.g. 8, tanh or relu), Adam with "
                         "`learning_rate` about 0.05, or more epochs.",
    # binary_classifier
    "labels-not-scaled": "Scale the labels {-1, 1} to {0, 1} with `(y + 1) / 2` (min-max scaling), and map "
                         "back with `2 * y01 - 1`.",
    "label-shape-changed": "Return the labels in the shape they came in: (n,) stays (n,), (n, 1) stays (n, 1); "
                           "do not reshape or flatten them.",
    "missing-accuracy-metric": "Compile with `metrics=[\"accuracy\"]` so Keras reports the binary accuracy.",
    # persistence
    "returns-none": "`model.save_weights` returns None: return the path of the file you wrote.",
    "path-ignored": "Save to the `path` you are given, not to a fixed file name.",
    "load-not-in-place": "Load into the model you are given: `model.load_weights(path)`, not into a new model.",
    "log-dir-ignored": "Pass the `log_dir` you are given: `keras.callbacks.TensorBoard(log_dir=log_dir)`.",
    # mlp_classifier
    "pixels-not-scaled": "Scale the pixels to floats in [0, 1]: divide by 255.0 (integer pixels 0-255 train badly).",
    "validation-split": "The first n_valid rows are the validation set and the rest the training set; return "
                        "(X_train, y_train, X_valid, y_valid) in that order.",
    "no-flatten": "Start the model with `keras.layers.Flatten()` so each 28x28 image becomes one vector of 784 "
                  "features.",
    "wrong-output-activation": "End with `Dense(num_classes, activation=\"softmax\")` so the outputs are class "
                               "probabilities summing to 1.",
    "not-sparse-loss": "Labels are integers 0-9: use `\"sparse_categorical_crossentropy\"` "
                       "(`categorical_crossentropy` expects one-hot labels).",
    "not-sgd": "Compile with stochastic gradient descent: `optimizer=\"sgd\"` or `keras.optimizers.SGD()`.",
    # gradients
    "tape-not-watched": "A GradientTape follows a constant only after `tape.watch(x)` (both tapes for a "
                        "second derivative); otherwise the gradient is None.",
    "gradient-outside-outer-tape": "Take the inner tape's gradient inside the outer `with tf.GradientTape()` "
                                   "block, so the outer tape records it and can differentiate it again.",
    # keras_regression
    "feature-order": "The feature columns are `[x**2, x]` in that order: `np.stack([x**2, x]).T`.",
    "coefficient-order": "Return `(w1, w2, b0)`: kernel[0] (the x**2 weight), kernel[1] (the x weight), "
                         "then the bias.",
}


def sentence(hint_id: str) -> str:
    """The sentence for a hint id (the id itself when unknown)."""
    return HINTS.get(hint_id, hint_id)

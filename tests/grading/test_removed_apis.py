"""Removed TensorFlow/Keras APIs: found in the parsed source (any spelling, demo code too) and named from the
exception they raise, each with its replacement; current APIs are never flagged."""

from __future__ import annotations

import textwrap
from types import SimpleNamespace

import pytest

from tfgrade.grading.api import Failed
from tfgrade.grading.diagnose import hints_for_error
from tfgrade.grading.removed_apis import canonical, expect_current_apis, removed_api_uses, removed_in_error


def _found(text: str) -> list[tuple[int, str, str, bool]]:
    return [(u.line, u.api.hint, ", ".join(u.written), u.demo) for u in removed_api_uses(textwrap.dedent(text))]


@pytest.mark.parametrize(("code", "hint", "written"), [
    ("import tensorflow as tf\ntf.random.set_random_seed(1)\n", "removed-api", "tf.random.set_random_seed"),
    ("import tensorflow\ntensorflow.set_random_seed(1)\n", "removed-api", "tensorflow.set_random_seed"),
    ("from tensorflow import random\nrandom.set_random_seed(1)\n", "removed-api", "random.set_random_seed"),
    ("import tensorflow as tf\nok = tf.test.is_gpu_available()\n", "removed-api", "tf.test.is_gpu_available"),
    ("import keras\nopt = keras.optimizers.Adam(learning_rate=0.1, decay=1e-4)\n", "removed-api",
     "keras.optimizers.Adam(..., decay=...)"),
    ("from tensorflow.keras.optimizers import SGD\nopt = SGD(0.01, decay=1e-6)\n", "removed-api",
     "SGD(..., decay=...)"),
    ("model.save_weights('w.h5')\n", "removed-api", "model.save_weights('w.h5')"),
    ("import os\nmodel.save_weights(os.path.join(d, 'ckpt'))\n", "removed-api",
     "model.save_weights(os.path.join(d, 'ckpt'))"),
    ("model.save_weights(f'{d}/my_model.h5')\n", "removed-api", "model.save_weights(f'{d}/my_model.h5')"),
    ("from tensorflow.keras.optimizers.legacy import Adam\n", "removed-api",
     "from tensorflow.keras.optimizers.legacy import Adam"),
    ("import tensorflow as tf\nopt = tf.keras.optimizers.legacy.SGD()\n", "removed-api", "tf.keras.optimizers.legacy"),
    ("import tensorflow as tf\ns = tf.Session()\n", "removed-api", "tf.Session"),
    ("y = model.predict_classes(x)\n", "predict-classes", "model.predict_classes"),
    ("history = model.fit_generator(batches)\n", "removed-api", "model.fit_generator"),
])
def test_each_spelling_is_found_with_its_line(code, hint, written):
    found = _found(code)
    assert [(line, h, w) for line, h, w, _ in found] == [(len(code.splitlines()), hint, written)]


@pytest.mark.parametrize("code", [
    "import keras\nkeras.utils.set_random_seed(1)\n",
    "import tensorflow as tf\ntf.keras.utils.set_random_seed(1)\ntf.random.set_seed(1)\n",
    "import tensorflow as tf\ntf.compat.v1.set_random_seed(1)\n",
    "import tensorflow.compat.v1 as tf\nsession = tf.Session()\n",
    "import tensorflow as tf\ngpus = tf.config.list_physical_devices('GPU')\n",
    "import keras\nopt = keras.optimizers.AdamW(learning_rate=0.1, weight_decay=1e-4)\n",
    "model.save_weights('w.weights.h5')\nmodel.save_weights(path)\nmodel.save_weights(p + '.weights.h5')\n",
    "model.save_weights('{}.weights.h5'.format(name))\nmodel.save('model.keras')\n",
    # the exercise's own save_weights takes any name and writes '<name>.weights.h5'
    "def save_weights(model, path):\n    pass\nprint(save_weights(model, 'my_model.h5'))\n",
    "from sklearn.linear_model import LogisticRegression\np = LogisticRegression().fit(x, y).predict_proba(x)\n",
    "import numpy as np\nclasses = np.argmax(model.predict(x), axis=-1)\n",
    "def broken(:\n",  # does not parse: nothing to report here (the syntax error is reported elsewhere)
])
def test_current_apis_are_not_flagged(code):
    assert _found(code) == []


def test_demo_code_is_marked_and_lines_are_in_order():
    found = _found("""
        import numpy as np
        import tensorflow as tf

        tf.random.set_random_seed(42)


        def build():
            return tf.keras.optimizers.SGD(learning_rate=0.01, decay=1e-4)


        model = build()
        print(model.predict_classes(np.zeros((1, 2))))
        """)
    assert [(line, hint, demo) for line, hint, _, demo in found] == [
        (5, "removed-api", True), (9, "removed-api", False), (13, "predict-classes", True)]


def test_the_case_fails_naming_each_api_and_its_replacement():
    source = SimpleNamespace(text="import tensorflow as tf\n\ntf.random.set_random_seed(0)\ny = m.predict_classes(x)\n",
                             display="binary_classifier.py")
    with pytest.raises(Failed) as failed:
        expect_current_apis(source)
    assert failed.value.hints == ["removed-api", "predict-classes"]
    message = failed.value.message
    assert "line 3 (demo code" in message and "`tf.random.set_random_seed`" in message
    assert "`tf.random.set_seed(...)`" in message and "np.argmax(model.predict(x), axis=-1)" in message
    assert "GPU" not in message


def test_several_uses_on_one_line_make_one_sentence():
    uses = removed_api_uses("print(model.predict_classes(x), restored.predict_classes(x))\n")
    assert len(uses) == 1 and uses[0].written == ("model.predict_classes", "restored.predict_classes")
    assert uses[0].sentence().startswith("line 1 (demo code: grading skips it, but it runs when you run your file): "
                                         "`model.predict_classes`, `restored.predict_classes`: "
                                         "`model.predict_classes(x)` was removed")


def test_notebook_lines_are_located_in_cells():
    source = SimpleNamespace(text="y = m.predict_classes(x)\n", display="nb.ipynb",
                             locate=lambda line: f"cell 4, line {line}")
    with pytest.raises(Failed, match=r"cell 4, line 1 .*predict_classes"):
        expect_current_apis(source)


def test_a_clean_file_passes():
    expect_current_apis(SimpleNamespace(text="import keras\nkeras.utils.set_random_seed(0)\n", display="x.py"))


@pytest.mark.parametrize(("kind", "message", "hint", "named"), [
    ("AttributeError", "module 'tensorflow._api.v2.random' has no attribute 'set_random_seed'", "removed-api",
     "`tf.random.set_random_seed`"),
    ("AttributeError", "module 'tensorflow' has no attribute 'set_random_seed'", "removed-api", "`tf.set_random_seed`"),
    ("AttributeError", "'Sequential' object has no attribute 'predict_classes'", "predict-classes",
     "model.predict_classes"),
    ("ValueError", "The filename must end in `.weights.h5`. Received: filepath=/tmp/w.h5", "removed-api",
     "`.weights.h5`"),
    ("ImportError", "`keras.optimizers.legacy` is not supported in Keras 3. When using `tf.keras`, ...",
     "removed-api", "`keras.optimizers.legacy`"),
    ("AttributeError", "'Adam' object has no attribute 'minimize'", "removed-api", "apply_gradients"),
])
def test_an_exception_names_the_removed_api(kind, message, hint, named):
    found = removed_in_error(kind, message)
    assert found is not None and found[0] == hint and named in found[1]
    hints, extra = hints_for_error({"type": kind, "message": message}, "binary_classifier")
    assert hints == [hint] and named in extra


@pytest.mark.parametrize(("kind", "message"), [
    ("AttributeError", "module 'keras.utils' has no attribute 'set_seed'"),
    ("FileNotFoundError", "Unable to open file: name = 'model.weights.h5'"),
    ("AttributeError", "'Sequential' object has no attribute 'fitt'"),
])
def test_other_errors_are_not_removed_apis(kind, message):
    assert removed_in_error(kind, message) is None


def test_module_names_are_canonical():
    assert canonical("tensorflow._api.v2.random") == "tf.random"
    assert canonical("tensorflow.keras.optimizers") == canonical("tf.keras.optimizers") == "keras.optimizers"
    assert canonical("keras._tf_keras.keras.optimizers") == "keras.optimizers"
    assert canonical("tensorflow") == "tf"

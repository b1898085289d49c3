# %% [markdown]
# Exercise 8: labels in {-1, 1}, a sigmoid unit, and binary cross-entropy.

# %%
import keras
import numpy as np
from keras import ops

POINTS = np.array([[1.1, -1.7], [-1.1, 1.8], [-2.5, -1.9], [-0.8, -2.0], [-2.4, 0.4],
                   [-3.0, -0.2], [0.6, -1.0], [-1.3, 2.2], [-1.7, -1.4], [-1.4, -2.6],
                   [-0.2, -1.4], [1.6, -0.1], [-0.2, 2.8], [-1.5, -1.9], [2.4, 0.3],
                   [-0.8, 2.0], [-0.9, 1.1], [-1.5, 0.4], [-1.8, 0.0], [-0.6, 2.7]], dtype=np.float32)
LABELS = np.array([1, -1, 1, 1, -1, -1, 1, -1, 1, 1, 1, 1, -1, 1, 1, -1, -1, -1, -1, -1], dtype=np.float32)


# %%
def scale_labels(y):
    y = ops.convert_to_tensor(y, dtype="float32")
    return ops.divide(ops.add(y, 1.0), 2.0)


def unscale_labels(y01):
    return ops.subtract(ops.multiply(ops.convert_to_tensor(y01, dtype="float32"), 2.0), 1.0)


def build_binary_classifier(input_dim=2):
    inputs = keras.Input(shape=(input_dim,), name="point")
    logit = keras.layers.Dense(1, name="logit")(inputs)
    probability = keras.layers.Activation("sigmoid", name="probability")(logit)
    model = keras.Model(inputs=inputs, outputs=probability)
    model.compile(optimizer=keras.optimizers.Adam(0.05), loss=keras.losses.BinaryCrossentropy(),
                  metrics=["accuracy"])
    return model


# %%
model = build_binary_classifier()
targets = scale_labels(LABELS)
model.fit(POINTS, targets, epochs=500, verbose=0)

# %%
probabilities = model.predict(POINTS, verbose=0)
decisions = unscale_labels((probabilities > 0.5).astype("float32"))
print("accuracy:", np.mean(np.ravel(decisions) == LABELS))
model.summary()

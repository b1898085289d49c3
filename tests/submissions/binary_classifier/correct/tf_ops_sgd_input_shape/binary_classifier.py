import numpy as np
import tensorflow as tf

POINTS = np.array([[1.1, -1.7], [-1.1, 1.8], [-2.5, -1.9], [-0.8, -2.0], [-2.4, 0.4],
                   [-3.0, -0.2], [0.6, -1.0], [-1.3, 2.2], [-1.7, -1.4], [-1.4, -2.6],
                   [-0.2, -1.4], [1.6, -0.1], [-0.2, 2.8], [-1.5, -1.9], [2.4, 0.3],
                   [-0.8, 2.0], [-0.9, 1.1], [-1.5, 0.4], [-1.8, 0.0], [-0.6, 2.7]], dtype=np.float32)
LABELS = np.array([1, -1, 1, 1, -1, -1, 1, -1, 1, 1, 1, 1, -1, 1, 1, -1, -1, -1, -1, -1], dtype=np.float32)


def scale_labels(y):
    y = tf.constant(y, dtype=tf.float32)
    return tf.math.divide(tf.math.add(y, 1.0), 2.0).numpy()


def unscale_labels(y01):
    y01 = tf.constant(y01, dtype=tf.float32)
    return (2.0 * y01 - 1.0).numpy()


def build_binary_classifier(input_dim=2):
    clf = tf.keras.Sequential([
        tf.keras.layers.Dense(1, activation=tf.keras.activations.sigmoid, input_shape=(input_dim,)),
    ])
    clf.compile(optimizer=tf.keras.optimizers.SGD(learning_rate=0.5), loss=tf.keras.losses.binary_crossentropy,
                metrics=["binary_accuracy"])
    return clf

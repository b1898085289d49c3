import tensorflow as tf


def load_fashion_mnist():
    return tf.keras.datasets.fashion_mnist.load_data()


def split_and_scale(X_train_full, y_train_full, n_valid=5000):
    """Validation rows first, then training rows; pixels to [0, 1]."""
    scaled = tf.cast(X_train_full, tf.float32).numpy() * (1 / 255.0)
    X_valid = scaled[0:n_valid]
    X_train = scaled[n_valid:len(scaled)]
    y_valid = y_train_full[0:n_valid]
    y_train = y_train_full[n_valid:len(y_train_full)]
    return X_train, y_train, X_valid, y_valid


def build_mlp(input_shape=(28, 28), num_classes=10):
    layers = tf.keras.layers
    return tf.keras.Sequential(
        layers=[
            layers.Flatten(input_shape=input_shape),
            layers.Dense(units=300, activation=tf.nn.relu),
            layers.Dense(units=100, activation=tf.nn.relu),
            layers.Dense(units=num_classes, activation=tf.nn.softmax),
        ],
        name="fashion_mlp",
    )


def compile_mlp(model):
    sgd = tf.keras.optimizers.SGD()
    model.compile(sgd, tf.keras.losses.SparseCategoricalCrossentropy(), metrics=[tf.keras.metrics.SparseCategoricalAccuracy()])
    return model

import tensorflow as tf


def load_fashion_mnist():
    return tf.keras.datasets.fashion_mnist.load_data()


def split_and_scale(X_train_full, y_train_full, n_valid=5000):
    pixels = tf.cast(X_train_full, tf.float32) / 255.0
    X_train, X_valid = pixels[n_valid:].numpy(), pixels[:n_valid].numpy()
    return X_train, y_train_full[n_valid:], X_valid, y_train_full[:n_valid]


def build_mlp(input_shape=(28, 28), num_classes=10):
    return tf.keras.models.Sequential([
        tf.keras.layers.Flatten(input_shape=input_shape),
        tf.keras.layers.Dense(300, activation=tf.nn.relu),
        tf.keras.layers.Dense(100, activation=tf.nn.relu),
        tf.keras.layers.Dense(num_classes, activation=tf.nn.softmax),
    ])


def compile_mlp(model):
    model.compile(optimizer=tf.keras.optimizers.SGD(learning_rate=1e-2, momentum=0.0),
                  loss=tf.keras.losses.sparse_categorical_crossentropy, metrics=["acc"])
    return model

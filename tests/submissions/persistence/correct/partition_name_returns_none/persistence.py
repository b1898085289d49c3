from tensorflow import keras


def save_weights(model, path):
    head, sep, tail = str(path).rpartition("/")
    if tail.endswith(".weights.h5"):
        name = tail
    else:
        name = tail.rsplit(".h5", 1)[0] + ".weights.h5" if tail.endswith(".h5") else tail + ".weights.h5"
    out = head + sep + name
    model.save_weights(out, overwrite=True)
    return out


def load_weights(model, path):
    """Loads in place; nothing to return."""
    model.load_weights(path, skip_mismatch=False)


def tensorboard_callback(log_dir):
    callback = keras.callbacks.TensorBoard(log_dir=log_dir, histogram_freq=1, profile_batch=0)
    return callback

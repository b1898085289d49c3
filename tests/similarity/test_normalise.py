"""Names, numbers, strings, comments, docstrings and layout do not change the normalised text."""

from tfgrade.similarity.normalise import normalise

ORIGINAL = '''
def loss(w, b, x, y):
    """Mean squared error."""
    error = w * x + b - y  # residual
    return tf.reduce_mean(error ** 2)
'''
DISGUISED = '''
# my loss
def my_loss(slope, intercept, inputs, targets):
    diff = slope * inputs \\
        + intercept - targets
    return tf.reduce_mean(diff ** 3)
'''


def test_renaming_comments_docstrings_and_layout_vanish():
    assert normalise(ORIGINAL).text == normalise(DISGUISED).text
    assert normalise(ORIGINAL).text == "defV(V,V,V,V):V=V*V+V-VreturnV.V(V**N)"


def test_a_different_program_differs():
    assert normalise(ORIGINAL).text != normalise(ORIGINAL.replace("w * x + b", "w * (x + b)")).text


def test_spans_point_back_into_the_source():
    norm = normalise(DISGUISED)
    start, end = norm.source_span(0, len(norm.text))
    assert DISGUISED[start:end].startswith("def my_loss") and DISGUISED[start:end].endswith("** 3)")
    where = norm.text.index("return")
    assert DISGUISED[slice(*norm.source_span(where, where + 6))] == "return"


def test_code_that_does_not_tokenise_still_normalises():
    norm = normalise('x = foo(1, "abc"\ny = """never closed\n')
    assert norm.text.startswith("V=V(N,S")

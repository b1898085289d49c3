"""Generated mutants: one small edit each, only in solution regions, chosen deterministically."""

from __future__ import annotations

import ast

from tfgrade.audit.mutate import all_mutants, pick, solution_lines

REFERENCE = '''"""A module docstring with relu in it."""
import tensorflow as tf

STEPS = 10  # outside the solution: never mutated


def step(x, W, b, learning_rate=0.1):
    ### BEGIN SOLUTION
    y = tf.matmul(x, W) + b
    h = tf.keras.layers.Dense(3, activation="relu")(y)
    loss = tf.reduce_mean(-h * 2.0)
    W.assign_sub(learning_rate * tf.transpose(x) @ h)
    tf.print(loss)
    for i in range(3):
        loss -= i
    return loss
    ### END SOLUTION
'''


def _operators(text=REFERENCE):
    return {m.operator: m for m in all_mutants(text)}


def test_each_operator_makes_one_parsable_edit_inside_the_solution():
    mutants = all_mutants(REFERENCE)
    region = solution_lines(REFERENCE)
    assert {"swap-operator", "swap-product", "drop-activation", "swap-activation", "swap-reduction", "drop-assign",
            "drop-transpose", "off-by-one", "change-constant", "drop-negation", "drop-call"} <= {
        m.operator for m in mutants}
    for mutant in mutants:
        ast.parse(mutant.text)
        changed = [i + 1 for i, (a, b) in enumerate(zip(REFERENCE.splitlines(), mutant.text.splitlines(), strict=True))
                   if a != b]
        assert len(changed) == 1 and changed[0] in region, (mutant.id, changed)
    assert len({m.id for m in mutants}) == len(mutants)


def test_the_edits_are_the_semantic_ones():
    by = {m.id: m for m in all_mutants(REFERENCE)}
    line = {n: REFERENCE.splitlines()[n - 1] for n in range(1, 18)}

    def changed(mutant_id):
        return by[mutant_id].text.splitlines()[by[mutant_id].line - 1]

    assert changed("swap-product@9:8") == line[9].replace("tf.matmul(x, W)", "tf.matmul(W, x)")
    assert changed("swap-operator@9:8") == line[9].replace("+ b", "- b")
    assert changed("drop-activation@10:33") == line[10].replace('"relu"', "None")
    assert changed("swap-activation@10:44") == line[10].replace('"relu"', "'tanh'")
    assert changed("swap-reduction@11:11") == line[11].replace("reduce_mean", "reduce_sum")
    assert changed("drop-assign@12:4") == changed("drop-call@13:4") == "    pass"
    assert changed("swap-assign@12:4") == line[12].replace("assign_sub", "assign_add")
    assert changed("swap-product@12:17") == line[12].replace("learning_rate * tf.transpose(x) @ h",
                                                             "h @ (learning_rate * tf.transpose(x))")
    assert changed("swap-operator@12:17~2") == line[12].replace("* tf.", "/ tf.")
    assert changed("drop-transpose@12:33") == line[12].replace("tf.transpose(x)", "x")
    assert changed("off-by-one@14:13") == line[14].replace("range(3)", "range(3 - 1)")
    assert changed("swap-operator@15:8") == line[15].replace("-=", "+=")


def test_no_regions_means_the_whole_file_and_docstrings_are_left_alone():
    text = '"""relu"""\nX = 1 + 2\n'
    assert solution_lines(text) is None
    assert {m.id for m in all_mutants(text)} == {"swap-operator@2:4", "change-constant@2:4", "change-constant@2:8"}


def test_pick_takes_every_operator_before_any_twice_and_is_deterministic():
    mutants = all_mutants(REFERENCE)
    operators = {m.operator for m in mutants}
    chosen = pick(mutants, len(operators))
    assert {m.operator for m in chosen} == operators
    assert chosen == pick(all_mutants(REFERENCE), len(operators))
    assert [m.id for m in chosen] == [m.id for m in mutants if m in chosen]  # source order
    assert pick(mutants, None) == mutants and pick(mutants, 0) == []


def test_diff_shows_only_the_edit():
    mutant = _operators()["drop-assign"]
    diff = mutant.diff(REFERENCE, "step.py")
    assert "-    W.assign_sub(" in diff and "+    pass" in diff
    assert diff.count("\n-") == 1 and diff.count("\n+") == 2  # the +++ header and the one line

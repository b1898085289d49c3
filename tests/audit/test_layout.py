"""The proofs layout: folders, the author's annotation files, and what the layout itself must hold."""

from __future__ import annotations

from tfgrade.audit.layout import also_expected, coverage_problems, default_proofs, equivalent, proofs_for


def _folder(root, relative, exercise="tiny"):
    folder = root / exercise / relative
    folder.mkdir(parents=True)
    (folder / f"{exercise}.py").write_text("x = 1\n")
    return folder


def test_proofs_are_listed_mutants_first_with_their_hint(tmp_path):
    _folder(tmp_path, "correct/b_style")
    _folder(tmp_path, "mutants/no-bias--never-created")
    _folder(tmp_path, "mutants/no-bias")
    (tmp_path / "tiny" / "mutants" / "notes.txt").write_text("not a folder")
    proofs = proofs_for(tmp_path, "tiny")
    assert [(p.kind, p.name, p.hint) for p in proofs] == [
        ("mutant", "no-bias", "no-bias"), ("mutant", "no-bias--never-created", "no-bias"),
        ("correct", "b_style", "b_style")]
    assert proofs[0].file == tmp_path / "tiny" / "mutants" / "no-bias" / "tiny.py"
    assert proofs_for(tmp_path, "other") == []
    assert default_proofs(tmp_path) == tmp_path / "proofs"


def test_annotation_files(tmp_path):
    (tmp_path / "tiny").mkdir()
    (tmp_path / "tiny" / "equivalent.txt").write_text(
        "# generated mutants that are right after all\nchange-constant@12:8  the epoch count has room # really\n"
        "swap-activation@3:1\n")
    (tmp_path / "tiny" / "also-expected.txt").write_text("no-bias--never-created untracked-weights missing-name\n")
    assert equivalent(tmp_path, "tiny") == {"change-constant@12:8": "the epoch count has room # really",
                                            "swap-activation@3:1": "(no reason given)"}
    assert also_expected(tmp_path, "tiny") == {"no-bias--never-created": {"untracked-weights", "missing-name"}}
    assert equivalent(tmp_path, "none") == {} and also_expected(tmp_path, "none") == {}


def test_coverage_problems_name_what_is_missing(tmp_path):
    _folder(tmp_path, "mutants/no-bias")
    _folder(tmp_path, "mutants/wrong-sign")
    (tmp_path / "tiny" / "mutants" / "empty").mkdir()
    problems = coverage_problems("tiny", ("no-bias", "bias-shape", "no-such-id"), proofs_for(tmp_path, "tiny"),
                                 {"no-bias", "bias-shape", "wrong-sign"})
    assert problems == ["MISTAKES names ids not in the hint catalogue: no-such-id",
                        "no mutant proves bias-shape, no-such-id (add mutants/<hint-id>/tiny.py)",
                        "mutants for ids the grader does not list in MISTAKES: empty, wrong-sign",
                        "mutant empty: no tiny.py in its folder"]

"""Which folders the sandbox hides: the hidden paths, and the git history that holds their content."""

from __future__ import annotations

from tfgrade.sandbox.mounts import with_history


def test_the_repository_history_is_hidden_with_the_paths(tmp_path):
    (tmp_path / "course" / ".git" / "objects").mkdir(parents=True)
    (tmp_path / "course" / "reference").mkdir()
    (tmp_path / "course" / "graders").mkdir()
    paths = (str(tmp_path / "course" / "reference"), str(tmp_path / "course" / "graders"))
    assert with_history(paths) == (*paths, str(tmp_path / "course" / ".git"))


def test_a_worktree_hides_the_main_repository(tmp_path):
    """A worktree's .git is a file naming its folder in the main repository, which holds all the objects."""
    main_git = tmp_path / "main" / ".git"
    (main_git / "worktrees" / "w").mkdir(parents=True)
    (main_git / "worktrees" / "w" / "commondir").write_text("../..\n")
    (tmp_path / "w" / "reference").mkdir(parents=True)
    (tmp_path / "w" / ".git").write_text(f"gitdir: {main_git / 'worktrees' / 'w'}\n")
    assert with_history((str(tmp_path / "w" / "reference"),)) == (str(tmp_path / "w" / "reference"),
                                                                    str(main_git.resolve()))


def test_no_repository_no_extra_paths(tmp_path):
    (tmp_path / "out").mkdir()
    assert with_history((str(tmp_path / "out"),)) == (str(tmp_path / "out"),)

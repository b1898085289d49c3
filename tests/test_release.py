"""The student bundle holds stubs, public cases and the runtime, and nothing secret."""

from tfgrade.release import hidden_cases, public_grader_source, release


def _solution_lines(course):
    lines = set()
    for path in course.reference_dir.glob("*.py"):
        inside = False
        for line in path.read_text().splitlines():
            if "### BEGIN SOLUTION" in line:
                inside = True
            elif "### END SOLUTION" in line:
                inside = False
            elif inside and len(line.strip()) > 12 and not line.strip().startswith("#"):
                lines.add(line.strip())
    return lines


def _hidden_cases(course):
    """Names and titles of every hidden case, from the loaded graders (not from the syntax release.py reads)."""
    from tfgrade.grading.loading import load_graders

    return {text for grader in load_graders(course.graders_dir) for c in grader.cases if c.info.hidden
            for text in (c.id, c.info.title)}


def test_bundle_has_no_reference_code_nor_hidden_cases(tmp_path, course):
    bundle = release(tmp_path / "bundle", course)
    assert not (bundle / "reference").exists()
    assert sorted(p.name for p in (bundle / "exercises").glob("*.py")) == sorted(
        p.name for p in course.reference_dir.glob("*.py"))
    texts = [p.read_text(errors="replace") for p in bundle.rglob("*")
             if p.is_file() and p.suffix in (".py", ".md", ".toml")]
    blob = "\n".join(texts)
    # lines the course publishes on purpose (teaching docstrings, hint sentences) are not secrets
    published = "\n".join(p.read_text() for p in [*course.exercises_dir.glob("*.py"),
                                                   *(course.root / "src" / "tfgrade").rglob("*.py")])
    secret_lines = {line for line in _solution_lines(course) if line not in published}
    hidden = _hidden_cases(course)
    assert secret_lines and hidden
    assert [line for line in secret_lines if line in blob] == []
    assert [name for name in hidden if name in blob] == []
    assert (bundle / "graders" / "expected-public.bin").stat().st_size > 0
    assert (bundle / "src" / "tfgrade" / "cli.py").exists()


def test_public_grader_keeps_public_cases_and_their_probes(tmp_path):
    source = '''
from tfgrade.grading import case, probe

POSITION = 1
HIDDEN = True


@probe
def probe_a(mod):
    return 1


@probe
def probe_b(mod):
    return 2


def _helper_b():
    return 3


@case("public", points=1)
def test_public(student):
    student.run(probe_a)


@case("secret", points=1, hidden=HIDDEN)
def test_secret(student):
    student.run(probe_b)
    _helper_b()
'''
    path = tmp_path / "test_example.py"
    path.write_text(source)
    public = public_grader_source(source, hidden_cases(path))
    assert "test_public" in public and "probe_a" in public
    assert "test_secret" not in public and "probe_b" not in public and "secret" not in public
    assert "_helper_b" not in public
    compile(public, "public", "exec")

"""The hostile suite in every deployment: root, root without CAP_SYS_ADMIN (Docker), a normal user.

`tfgrade grade` runs (as a subprocess, through run_as.py) on one class of every hostile submission
with correct students beside them, once per mode. Each mode must give the same verdicts, contain
every attack, and leave nothing behind. A kernel without Landlock and user namespaces must make
grading refuse to start, unless `--unsandboxed` is given, which every report then records.
"""

from __future__ import annotations

import ast
import hashlib
import json
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

import pytest

pytestmark = [pytest.mark.slow, pytest.mark.skipif(
    not hasattr(os, "geteuid") or os.geteuid() != 0 or not shutil.which("capsh") or not shutil.which("setpriv"),
    reason="simulating the deployments needs root, capsh and setpriv")]

REPO = Path(__file__).resolve().parents[2]
HOSTILE = REPO / "tests" / "submissions" / "hostile"
RUN_AS = Path(__file__).with_name("run_as.py")
MODES = ("root", "docker", "user")
# correct students named to be graded right beside (2 workers, sorted order) the spawners
CORRECT = ("correct_1", "fork_bomb_import_neighbour", "spawn_call_neighbour")
CANARY = "TFGRADE_CANARY_d41d8cd98f00"  # in the grading process's environment: must never reach an output
PORT = 47231  # where connect_loopback tries to connect
FORGED = ("FORGED_BY_HOSTILE_SUBMISSION", "FORGED_BY_DAEMON")


@pytest.fixture(scope="module")
def workspace():
    """A folder every mode's user can read (nobody cannot enter root's pytest folders)."""
    root = Path(tempfile.mkdtemp(prefix="tfgrade-modes-"))
    root.chmod(0o755)
    yield root
    shutil.rmtree(root, ignore_errors=True)


def make_class(workspace: Path, name: str, hostile: list[str], correct: tuple[str, ...] = CORRECT) -> Path:
    folder = workspace / name
    for student in hostile:
        shutil.copytree(HOSTILE / student, folder / student)
    for student in correct:
        (folder / student).mkdir(parents=True)
        shutil.copy(REPO / "reference" / "simple_dense.py", folder / student / "simple_dense.py")
    subprocess.run(["chmod", "-R", "a+rX", str(folder)], check=True)
    return folder


def grade(mode: str, workspace: Path, class_folder: Path, out_name: str, *extra: str
          ) -> tuple[subprocess.CompletedProcess, Path]:
    """`tfgrade grade` in a deployment mode; OUT is a folder the mode's user owns."""
    out_parent = workspace / f"{out_name}-{mode}"
    out_parent.mkdir()
    out_parent.chmod(0o777)
    home, tmp = out_parent / "home", out_parent / "tmp"
    tmp.mkdir()
    tmp.chmod(0o1777)
    env = {**os.environ, CANARY: "secret-token-value", "TFGRADE_COURSE": str(REPO), "HOME": str(home),
           "TMPDIR": str(tmp), "TFGRADE_EXPOSE": str(workspace), "KERAS_HOME": str(home / "keras"),
           "MPLCONFIGDIR": str(home / "mpl")}
    command = [sys.executable, str(RUN_AS), mode, "--", sys.executable, "-m", "tfgrade", "grade", str(class_folder),
               "--out", str(out_parent / "out"), "--exercise", "simple_dense", "--workers", "2",
               "--case-seconds", "10", "--quiet", *extra]
    done = subprocess.run(command, env=env, cwd=out_parent, capture_output=True, text=True, timeout=900)
    return done, out_parent / "out"


def left_behind(workspace: Path) -> list[str]:
    """Live processes working in the workspace: every run's TMPDIR is there, so every sandbox child (and
    whatever it started, which inherits its folder) works there; nothing else on the machine does."""
    found = []
    for entry in os.listdir("/proc"):
        if not entry.isdigit() or int(entry) == os.getpid():
            continue
        try:
            with open(f"/proc/{entry}/stat") as stat:
                state = stat.read().rsplit(")", 1)[1].split()[0]
            folder = os.readlink(f"/proc/{entry}/cwd")
            command = Path(f"/proc/{entry}/cmdline").read_bytes().replace(b"\0", b" ")[:120]
        except (OSError, IndexError):
            continue
        if state != "Z" and folder.startswith(str(workspace)):
            found.append(f"{entry} in {folder}: {command!r}")
    return found


class Listener:
    """TCP and UDP listeners on 127.0.0.1 and ::1: records whatever reaches them."""

    def __init__(self) -> None:
        self.received: list[str] = []
        self.sockets = []
        for family, host in ((socket.AF_INET, "127.0.0.1"), (socket.AF_INET6, "::1")):
            for kind in (socket.SOCK_STREAM, socket.SOCK_DGRAM):
                sock = socket.socket(family, kind)
                sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
                sock.bind((host, PORT))
                if kind == socket.SOCK_STREAM:
                    sock.listen()
                sock.settimeout(0.2)
                self.sockets.append(sock)
        self.running = True
        self.thread = threading.Thread(target=self._serve, daemon=True)
        self.thread.start()

    def _serve(self) -> None:
        while self.running:
            for sock in self.sockets:
                try:
                    if sock.type == socket.SOCK_STREAM:
                        connection, address = sock.accept()
                        self.received.append(f"tcp from {address}")
                        connection.close()
                    else:
                        data, address = sock.recvfrom(256)
                        self.received.append(f"udp {data!r} from {address}")
                except (TimeoutError, OSError):
                    continue

    def close(self) -> None:
        self.running = False
        self.thread.join(2)
        for sock in self.sockets:
            sock.close()


@pytest.fixture(scope="module")
def runs(workspace):
    """mode -> (completed process, OUT, processes left behind); all hostile submissions, one class."""
    hostile = sorted(p.name for p in HOSTILE.iterdir() if p.is_dir())
    class_folder = make_class(workspace, "class", hostile)
    listener = Listener()
    results = {}
    try:
        for mode in MODES:
            done, out = grade(mode, workspace, class_folder, "hostile")
            time.sleep(2.5)  # a daemon that escaped would act after a delay: give it the time
            results[mode] = (done, out, left_behind(workspace))
    finally:
        listener.close()
    return results, listener.received


def reports(out: Path) -> dict[str, dict]:
    return {p.parent.name: json.loads(p.read_text()) for p in out.glob("*/report.json")}


def verdicts(out: Path) -> dict[str, list[tuple[str, str, float]]]:
    return {student: [(c["case_id"], c["outcome"], c["points"]) for c in report["cases"]]
            for student, report in reports(out).items()}


def hostile_report(out: Path, student: str) -> dict:
    """The REPORT {...} a hostile submission raised with, read back from its report.json."""
    for case in reports(out)[student]["cases"]:
        if "REPORT " in case["message"]:
            text = case["message"][case["message"].index("REPORT ") + len("REPORT "):]
            return json.JSONDecoder().raw_decode(text)[0]
    raise AssertionError(f"{student} reported nothing: {[c['message'][:200] for c in reports(out)[student]['cases']]}")


def all_output_text(out: Path) -> str:
    return "".join(p.read_text(errors="replace") for p in out.rglob("*") if p.is_file() and p.suffix != ".sqlite") \
        + "".join(p.read_bytes().decode(errors="replace") for p in out.rglob("*.sqlite"))


@pytest.mark.parametrize("mode", MODES)
def test_grading_ran_and_said_what_holds_once(runs, mode):
    (done, out, _) = runs[0][mode]
    assert done.returncode == 0, done.stderr[-3000:]
    expected = {"root": "sandbox (root)", "docker": "sandbox (root-without-cap-sys-admin)", "user": "sandbox (user)"}
    assert done.stderr.count(expected[mode]) == 1, done.stderr[-2000:]
    assert "Landlock ABI" in done.stderr and "seccomp (no network, no new processes" in done.stderr
    assert len(reports(out)) == len(list(HOSTILE.iterdir())) + len(CORRECT)


def test_every_mode_gives_the_same_verdicts(runs):
    by_mode = {mode: verdicts(out) for mode, (_, out, _) in runs[0].items()}
    differing = {}
    for student, cases in by_mode["root"].items():
        for index, case in enumerate(cases):
            seen = {mode: by_mode[mode][student][index] for mode in MODES}
            if len(set(seen.values())) > 1:
                messages = {m: c["message"][:160] for m in MODES for c in reports(runs[0][m][1])[student]["cases"]
                            if c["case_id"] == case[0]}
                differing[f"{student}/{case[0]}"] = (seen, messages)
    assert not differing


@pytest.mark.parametrize("mode", MODES)
def test_correct_students_full_marks_beside_hostile_ones(runs, mode):
    out = runs[0][mode][1]
    for student in CORRECT:
        report = reports(out)[student]
        assert report["score"] == report["max_score"] == 10, [c for c in report["cases"] if c["outcome"] != "passed"]


@pytest.mark.parametrize("mode", MODES)
def test_nothing_is_left_running(runs, mode):
    assert runs[0][mode][2] == []


@pytest.mark.parametrize("mode", MODES)
def test_no_reference_through_proc_or_sys_path_and_no_environment(runs, mode):
    out = runs[0][mode][1]
    found = hostile_report(out, "read_proc")
    leaked = {k: v for k, v in found.items() if isinstance(v, dict) and (v["secret"] or v["bytes"])}
    assert not leaked
    assert found["environ of other processes"] in ([], ["PermissionError"])
    assert CANARY not in found["own environment"]
    assert CANARY not in all_output_text(out) and "secret-token-value" not in all_output_text(out)
    hidden = hostile_report(out, "read_hidden")
    assert not {k: v for k, v in hidden.items() if isinstance(v, dict) and (v["secret"] or v["bytes"])}


def _case_strings() -> set[str]:
    """sha1 prefixes of the string constants in the simple_dense grader's case functions."""
    tree = ast.parse((REPO / "graders" / "test_simple_dense.py").read_text())
    found = set()
    for node in tree.body:
        if isinstance(node, ast.FunctionDef) and node.name.startswith("test_"):
            for item in ast.walk(node):
                if isinstance(item, ast.Constant) and isinstance(item.value, str) and len(item.value) >= 12:
                    found.add(hashlib.sha1(item.value.encode()).hexdigest()[:8])
    return found


@pytest.mark.parametrize("mode", MODES)
def test_no_case_in_the_sandbox_memory(runs, mode):
    found = hostile_report(runs[0][mode][1], "dump_memory")
    assert found["cases"] == [] and found["modules"] == []
    assert not [name for name in found["functions"] if name.startswith("test_")]
    assert not set(found["strings"]) & _case_strings()
    assert found["functions"], "the probe that was running should be visible: the dump must be able to fail"


@pytest.mark.parametrize("mode", MODES)
def test_no_network(runs, mode):
    found = hostile_report(runs[0][mode][1], "connect_loopback")
    assert set(found.values()) <= {"PermissionError", "OSError"}, found
    assert runs[1] == []


@pytest.mark.parametrize("mode", MODES)
def test_no_forged_output(runs, mode):
    out = runs[0][mode][1]
    text = all_output_text(out)
    assert not [mark for mark in FORGED if mark in text]


@pytest.fixture(scope="module")
def processes_allowed(workspace):
    """With --allow-processes, the daemons really start: mode -> (the run with daemon_call, without it)."""
    results = {}
    with_daemon = make_class(workspace, "daemon", ["daemon_call", "spawn_call"], ("correct_1", "spawn_call_neighbour"))
    without = make_class(workspace, "no-daemon", [], ("correct_1",))
    for mode in MODES:
        done, out = grade(mode, workspace, with_daemon, "daemon", "--allow-processes")
        time.sleep(2.5)
        left = left_behind(workspace)
        alone, alone_out = grade(mode, workspace, without, "alone", "--allow-processes")
        results[mode] = (done, out, left, alone, alone_out)
    return results


@pytest.mark.parametrize("mode", MODES)
def test_daemons_do_not_outlive_their_check(processes_allowed, mode):
    done, out, left, alone, alone_out = processes_allowed[mode]
    assert done.returncode == 0 and alone.returncode == 0, done.stderr[-2000:] + alone.stderr[-2000:]
    assert "processes allowed, killed after each check" in done.stderr
    assert left == []
    assert not [mark for mark in FORGED if mark in all_output_text(out)]
    strip = lambda report: [(c["case_id"], c["outcome"], c["points"], c["message"]) for c in report["cases"]]  # noqa: E731
    assert strip(reports(out)["correct_1"]) == strip(reports(alone_out)["correct_1"])
    assert reports(out)["spawn_call_neighbour"]["score"] == 10  # not starved by the spawner beside it


def test_no_landlock_and_no_namespaces_refuses_to_grade(workspace):
    class_folder = make_class(workspace, "refused", [], ("correct_1",))
    done, out = grade("user-no-landlock", workspace, class_folder, "refused")
    assert done.returncode == 2, done.stderr[-2000:]
    assert "refusing to grade" in done.stderr and "Landlock" in done.stderr and "--unsandboxed" in done.stderr
    assert not list(out.glob("*/report.json"))


def test_unsandboxed_grades_anyway_and_every_report_says_so(workspace):
    class_folder = make_class(workspace, "unsandboxed", [], ("correct_1", "correct_2"))
    done, out = grade("user-no-landlock", workspace, class_folder, "unsandboxed", "--unsandboxed")
    assert done.returncode == 0, done.stderr[-2000:]
    assert "WARNING: --unsandboxed" in done.stderr
    found = reports(out)
    assert sorted(found) == ["correct_1", "correct_2"]
    for report in found.values():
        assert report["environment"]["sandbox"]["unsandboxed"] is True
        assert report["environment"]["sandbox"]["problems"]
        assert report["score"] == 10

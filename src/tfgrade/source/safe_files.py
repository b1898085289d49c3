"""Walk a student's folder without ever leaving it: regular files only, links out refused, sizes capped.

Every file is opened relative to a directory descriptor (or, for a link that stays inside, at its resolved
path) with O_NOFOLLOW and O_NONBLOCK, checked with fstat to be a regular file that lies inside the folder,
and read up to its cap plus one byte; nothing outside the folder, and no pipe or device, is ever read.
"""

from __future__ import annotations

import contextlib
import os
import stat
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

SUFFIXES = (".py", ".ipynb")
SOURCE_CAP = 5 * 1024 * 1024  # bytes of module source, after notebook extraction
RAW_CAPS = {".py": SOURCE_CAP, ".ipynb": 50 * 1024 * 1024}  # bytes of the file itself (notebooks keep outputs)
MAX_DEPTH = 32
LINKS_NOT_GRADED = "links out of your folder are not graded"
_OPEN_FILE = os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK | os.O_CLOEXEC | getattr(os, "O_NOCTTY", 0)
_OPEN_DIR = os.O_RDONLY | os.O_DIRECTORY | os.O_NOFOLLOW | os.O_CLOEXEC


@dataclass
class Entry:
    """One candidate file (or a linked folder) of a student's folder: its bytes, or why it was not read."""

    display: str  # path inside the student's folder, '/'-separated
    data: bytes | None = None
    refused: str = ""  # the message a student reads when the file was not read
    kind: str = ""  # "link" (leads out of the folder), "size", "unreadable", "not-regular", "folder-link"
    fingerprint: bytes = b""  # for the content digest when there is no content: link target, size

    @property
    def module(self) -> str:
        """The module name the file provides (its stem)."""
        return PurePosixPath(self.display).stem

    @property
    def suffix(self) -> str:
        """`.py` or `.ipynb`."""
        return PurePosixPath(self.display).suffix

    @property
    def depth(self) -> int:
        """How many sub-folders down the file lies (0: in the folder itself)."""
        return self.display.count("/")


def is_candidate(name: str) -> bool:
    """A file name that may hold an exercise: `<identifier>.py` or `<identifier>.ipynb`."""
    path = PurePosixPath(name)
    return path.suffix in SUFFIXES and path.stem.isidentifier()


def inside(path: str, root: str) -> bool:
    """Whether an absolute, resolved path is `root` or lies under it."""
    return os.path.commonpath([path, root]) == root


def link_refusal(display: str, target: str, what: str = "file") -> Entry:
    """The entry of a link that leads out of the student's folder (never followed)."""
    shown = target if len(target) <= 200 else target[:200] + "..."
    kind = "folder-link" if what == "folder" else "link"
    return Entry(display, refused=f"{display} is a link to a {what} outside your folder ({shown}), so it was not "
                                  f"read: {LINKS_NOT_GRADED}", kind=kind, fingerprint=b"link:" + target.encode())


def _fd_inside(fd: int, root: str, expected: str) -> bool:
    """Whether an open descriptor really is a file under `root` (via /proc when mounted, else by identity)."""
    try:
        return inside(os.readlink(f"/proc/self/fd/{fd}"), root)
    except OSError:
        try:
            return inside(expected, root) and os.path.samestat(os.fstat(fd), os.stat(expected, follow_symlinks=False))
        except OSError:
            return False


def _read_at_most(fd: int, limit: int) -> bytes:
    chunks, total = [], 0
    while total < limit:
        chunk = os.read(fd, min(1 << 20, limit - total))
        if not chunk:
            break
        chunks.append(chunk)
        total += len(chunk)
    return b"".join(chunks)


def read_entry(display: str, opener, root: str, expected: str, cap: int | None = None) -> Entry | None:
    """Open with `opener()` (an O_NOFOLLOW open), check it is a regular file inside `root` (at `expected`),
    and read it up to its cap (by suffix unless given); None for a pipe, device or folder (never read)."""
    suffix = PurePosixPath(display).suffix
    with contextlib.suppress(OSError):  # a pipe or device is never even opened (fstat below closes the race)
        if not stat.S_ISREG(os.lstat(expected).st_mode):
            return None
    try:
        fd = opener()
    except OSError as exc:
        return Entry(display, refused=f"{display} could not be read ({exc.strerror or exc})", kind="unreadable",
                     fingerprint=b"unreadable")
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            return None
        if not _fd_inside(fd, root, expected):
            return link_refusal(display, expected)
        cap = cap if cap is not None else RAW_CAPS.get(suffix, SOURCE_CAP)
        data = b"" if info.st_size > cap else _read_at_most(fd, cap + 1)
        if info.st_size > cap or len(data) > cap:
            return size_refusal(display, max(info.st_size, len(data)), cap)
        return Entry(display, data=data)
    finally:
        os.close(fd)


def size_refusal(display: str, size: int, cap: int, what: str = "the file") -> Entry:
    """The entry of a file over its size cap (never read whole)."""
    return Entry(display, refused=f"{display} was not graded: {what} is over {cap // 2**20} MB "
                                  f"({size / 2**20:.1f} MB)", kind="size", fingerprint=b"size:%d" % size)


def printable(name: str) -> str:
    """A file name as text: bytes that are not UTF-8 (a zip from another system) become U+FFFD."""
    return name.encode("utf-8", "surrogateescape").decode("utf-8", "replace")


def _link(name: str, dir_fd: int, relative: str, root: str) -> Entry | None:
    """A symbolic link met in the walk: followed only when it resolves inside the folder."""
    display = printable(relative)
    try:
        target = printable(os.readlink(name, dir_fd=dir_fd))
    except OSError:
        return None
    resolved = os.path.realpath(os.path.join(root, relative))
    candidate = is_candidate(name)
    if inside(resolved, root):  # a link to a folder inside is skipped: its files are reached by their own path
        if not candidate:
            return None
        return read_entry(display, lambda: os.open(resolved, _OPEN_FILE), root, resolved) or \
            Entry(display, kind="not-regular")
    if candidate:
        return link_refusal(display, target)
    try:
        is_folder = stat.S_ISDIR(os.stat(name, dir_fd=dir_fd).st_mode)  # the type only: nothing is opened
    except OSError:
        return None
    return link_refusal(display, target, "folder") if is_folder else None


def scan_folder(folder: Path, within: Path | None = None) -> list[Entry]:
    """Every candidate file under a student's folder (hidden names skipped), read or refused, plus links to
    folders outside it; a pipe or device is listed as `not-regular` without being opened. With `within`, the
    folder itself must resolve inside that folder (nbgrader's `<student>/<assignment>`), else it is refused."""
    root = os.path.realpath(folder)
    boundary = os.path.realpath(within) if within is not None else root
    if not inside(root, boundary):
        name = os.path.relpath(os.path.abspath(folder), os.path.abspath(within)).replace(os.sep, "/")
        return [link_refusal(printable(name), printable(os.readlink(folder) if os.path.islink(folder) else root),
                             "folder")]
    try:
        root_fd = os.open(root, _OPEN_DIR)
    except OSError:
        return []
    if not _fd_inside(root_fd, boundary, root):
        os.close(root_fd)
        return []
    found: list[Entry] = []
    stack: list[tuple[int, tuple[str, ...]]] = [(root_fd, ())]
    try:
        while stack:
            dir_fd, parts = stack.pop()
            try:
                _scan_one(dir_fd, parts, root, found, stack)
            finally:
                os.close(dir_fd)
    finally:
        for dir_fd, _ in stack:
            os.close(dir_fd)
    return found


def _scan_one(dir_fd: int, parts: tuple[str, ...], root: str, found: list[Entry],
              stack: list[tuple[int, tuple[str, ...]]]) -> None:
    try:
        with os.scandir(dir_fd) as listing:
            entries = sorted(listing, key=lambda e: e.name)
    except OSError:
        return
    for entry in entries:
        name = entry.name
        if name.startswith("."):
            continue
        relative = "/".join((*parts, name))
        display = printable(relative)
        if entry.is_symlink():
            item = _link(name, dir_fd, relative, root)
        elif entry.is_dir(follow_symlinks=False):
            if len(parts) < MAX_DEPTH:
                with contextlib.suppress(OSError):
                    stack.append((os.open(name, _OPEN_DIR, dir_fd=dir_fd), (*parts, name)))
            continue
        elif not is_candidate(name):
            continue
        elif not entry.is_file(follow_symlinks=False):
            item = Entry(display, kind="not-regular")
        else:
            def opener(name=name):
                return os.open(name, _OPEN_FILE, dir_fd=dir_fd)
            item = read_entry(display, opener, root, os.path.join(root, relative))
            if item is None:
                item = Entry(display, kind="not-regular")
        if item is not None:
            found.append(item)


def read_one(path: Path, root: Path, display: str, cap: int | None = None) -> Entry | None:
    """One file, read under the same rule with `root` as the student's folder (at most `cap` bytes, else the
    cap of its suffix); None when it is not a regular file."""
    real_root, resolved = os.path.realpath(root), os.path.realpath(path)
    if not inside(resolved, real_root):
        return link_refusal(display, printable(os.readlink(path) if os.path.islink(path) else str(path)))
    return read_entry(display, lambda: os.open(resolved, _OPEN_FILE), real_root, resolved, cap)

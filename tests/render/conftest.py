"""A real browser for the page tests: headless Chromium driven through its DevTools protocol.

`--dump-dom` can only load a page; clicking needs the protocol. It runs over `--remote-debugging-pipe`
(fd 3 in, fd 4 out, JSON messages ending in NUL), so only Python's standard library is needed and no port is
opened. Clicks are real mouse events at the element's position (`Input.dispatchMouseEvent`), typing is
`Input.insertText`: the page handles them as it would a person's.
"""

from __future__ import annotations

import fcntl
import json
import os
import select
import shutil
import subprocess
import sys
import time
from typing import Any

import pytest

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
TRAMPOLINE = ("import os, sys\nfor target, fd in ((3, sys.argv[1]), (4, sys.argv[2])):\n"
              "    os.dup2(int(fd), target)\n    os.close(int(fd))\nos.execv(sys.argv[3], sys.argv[3:])")
FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync"]


class Browser:
    """One headless Chromium with one page, spoken to over the DevTools pipe."""

    def __init__(self, binary: str, profile: str) -> None:
        to_browser, self._writer = os.pipe()
        self._reader, from_browser = os.pipe()
        # the browser reads fd 3 and writes fd 4: a two-line Python trampoline moves the pipe's ends there (Debian's
        # sh cannot name fds above 9); copies numbered 10 or more never collide with 3 and 4
        inbound, outbound = fcntl.fcntl(to_browser, fcntl.F_DUPFD, 10), fcntl.fcntl(from_browser, fcntl.F_DUPFD, 10)
        self.process = subprocess.Popen(
            [sys.executable, "-c", TRAMPOLINE, str(inbound), str(outbound), binary, *FLAGS,
             f"--user-data-dir={profile}", "--remote-debugging-pipe", "about:blank"],
            pass_fds=(inbound, outbound), stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL)
        for fd in (to_browser, from_browser, inbound, outbound):
            os.close(fd)
        self._buffer, self._events, self._next = b"", [], 0
        self.session = None
        target = self.call("Target.createTarget", url="about:blank")["targetId"]
        self.session = self.call("Target.attachToTarget", targetId=target, flatten=True)["sessionId"]
        self.call("Page.enable")

    def _message(self, deadline: float) -> dict[str, Any]:
        while b"\0" not in self._buffer:
            ready, _, _ = select.select([self._reader], [], [], max(0.0, deadline - time.monotonic()))
            if not ready:
                raise TimeoutError("Chromium did not answer in time")
            chunk = os.read(self._reader, 1 << 16)
            if not chunk:
                raise EOFError("Chromium closed the DevTools pipe")
            self._buffer += chunk
        raw, self._buffer = self._buffer.split(b"\0", 1)
        return json.loads(raw)

    def call(self, method: str, timeout: float = 30, **params: Any) -> dict[str, Any]:
        """Send one command (to the page once attached) and return its result; events are kept for later."""
        self._next += 1
        message = {"id": self._next, "method": method, "params": params}
        if self.session and not method.startswith(("Target.", "Browser.")):
            message["sessionId"] = self.session
        os.write(self._writer, json.dumps(message).encode() + b"\0")
        deadline = time.monotonic() + timeout
        while True:
            reply = self._message(deadline)
            if reply.get("id") == self._next:
                if "error" in reply:
                    raise RuntimeError(f"{method}: {reply['error']}")
                return reply.get("result", {})
            self._events.append(reply)

    def wait_for(self, event: str, timeout: float = 30) -> dict[str, Any]:
        """The next `event` (e.g. Page.loadEventFired), including one that arrived during an earlier call."""
        deadline = time.monotonic() + timeout
        while True:
            for index, message in enumerate(self._events):
                if message.get("method") == event:
                    return self._events.pop(index).get("params", {})
            self._events.append(self._message(deadline))

    def evaluate(self, expression: str) -> Any:
        """The value of a JavaScript expression in the page."""
        result = self.call("Runtime.evaluate", expression=expression, returnByValue=True, awaitPromise=True)
        if "exceptionDetails" in result:
            raise RuntimeError(f"{expression}: {result['exceptionDetails']}")
        return result["result"].get("value")

    def open(self, url: str) -> None:
        """Load a page and wait until it (and its images) finished loading."""
        self._events = [e for e in self._events if e.get("method") != "Page.loadEventFired"]
        self.call("Page.navigate", url=url)
        self.wait_for("Page.loadEventFired")

    def click(self, selector: str) -> None:
        """Click the middle of the first element matching `selector` with the mouse, as a person would."""
        x, y = self.evaluate(f"(() => {{const e = document.querySelector({json.dumps(selector)}); "
                             "e.scrollIntoView({block: 'center', inline: 'center'}); "
                             "const r = e.getBoundingClientRect(); return [r.x + r.width / 2, r.y + r.height / 2]})()")
        self.call("Input.dispatchMouseEvent", type="mouseMoved", x=x, y=y)
        for kind in ("mousePressed", "mouseReleased"):
            self.call("Input.dispatchMouseEvent", type=kind, x=x, y=y, button="left", clickCount=1)

    def follow(self, selector: str) -> None:
        """Click a link and wait for the page it leads to."""
        self._events = [e for e in self._events if e.get("method") != "Page.loadEventFired"]
        self.click(selector)
        self.wait_for("Page.loadEventFired")

    def type(self, text: str) -> None:
        """Type into the focused element."""
        self.call("Input.insertText", text=text)

    def close(self) -> None:
        try:
            self.call("Browser.close", timeout=10)
            self.process.wait(timeout=20)
        except (OSError, RuntimeError, TimeoutError, EOFError, subprocess.TimeoutExpired):
            self.process.kill()
            self.process.wait()
        finally:
            os.close(self._reader)
            os.close(self._writer)


@pytest.fixture
def browser(tmp_path):
    """A headless Chromium driven over the DevTools protocol (skipped without Debian's chromium)."""
    if CHROMIUM is None:
        pytest.skip("needs Debian's chromium (.ci/run installs it)")
    started = Browser(CHROMIUM, str(tmp_path / "browser-profile"))
    try:
        yield started
    finally:
        started.close()

"""The audit's outputs: the terminal summary, OUT/audit.json and OUT/audit.html (in the class page's style)."""

from __future__ import annotations

import json
from html import escape
from pathlib import Path
from typing import Any

MARK = {"ok": "✓", "warn": "!", "fail": "✗"}


def _score(generated: dict[str, Any]) -> str:
    score = generated["score"]
    judged = generated["graded"] - generated["equivalent"]
    return "n/a" if score is None else f"{score:.0%} ({generated['killed']}/{judged})"


def summary(result: dict[str, Any], failed: list[str]) -> str:
    """The terminal summary: per exercise its checks, mutation score, survivors and narrow margins."""
    lines = []
    for item in result["exercises"]:
        checks = item["checks"]
        bad = [c for c in checks if c["severity"] != "ok"]
        generated = item["generated"]
        lines.append(f"{item['exercise']}: {len(checks) - len(bad)}/{len(checks)} checks proven, "
                     f"generated mutants killed {_score(generated)}, {generated['survived']} survived, "
                     f"{generated['equivalent']} equivalent (of {generated['available']} possible)")
        for check in bad:
            lines += [f"  {MARK[check['severity']]} {check['kind']} {check['name']}: {p}" for p in check["problems"]]
        for mutant in generated["mutants"]:
            if mutant["status"] == "survived":
                lines.append(f"  ! survivor {mutant['id']}: {mutant['change']}")
        idle = [c["case_id"] for c in item["cases"] if not c["kills"]]
        if idle and generated["graded"]:
            lines.append(f"  cases that kill no generated mutant: {', '.join(idle)}")
        for margin in item["margins"]:
            if margin["warn"]:
                lines.append(f"  ! narrow margin in {margin['case_id']}: {_margin_text(margin)}")
    verdict = "FAILED" if failed else "PASSED"
    lines.append(f"\n{verdict}: {len(failed)} problem(s); audit took {result['seconds']:.0f} s")
    return "\n".join(lines)


def _margin_text(margin: dict[str, Any]) -> str:
    side = "at most" if margin["below"] else "at least"
    seeds = f", {margin['passed']}/{margin['of']} seeds" if margin.get("of") is not None else ""
    room = f"{margin['room']:.0%} of it" if margin["limit"] else f"{margin['room']:.4g}"
    return f"{margin['what']} = {margin['value']:.4g} (needs {side} {margin['limit']:.4g}; {room} inside{seeds})"


def write_json(out: Path, result: dict[str, Any], failed: list[str]) -> Path:
    """OUT/audit.json: the whole result and the failures that set the exit code."""
    path = Path(out) / "audit.json"
    path.write_text(json.dumps({**result, "failed": failed}, indent=1, default=str) + "\n")
    return path


def _bars_png(labels: list[str], values: list[float], title: str) -> bytes:
    from tfgrade.render.plots import _png, plt

    figure, ax = plt.subplots(figsize=(6, max(1.6, 0.32 * len(labels) + 0.8)), dpi=90)
    try:
        ax.barh(labels[::-1], values[::-1], color="#1f77b4")
        ax.set_xlim(0, 1)
        ax.set_title(title, fontsize=10)
        return _png(figure)
    finally:
        plt.close(figure)


def _table(head: list[str], rows: list[list[str]]) -> str:
    return ("<table><thead><tr>" + "".join(f"<th>{h}</th>" for h in head) + "</tr></thead><tbody>"
            + "".join("<tr>" + "".join(f"<td>{c}</td>" for c in row) + "</tr>" for row in rows) + "</tbody></table>")


def _exercise_html(item: dict[str, Any]) -> list[str]:
    generated = item["generated"]
    body = [f'<h2 id="{escape(item["exercise"])}">{escape(item["exercise"])}</h2>',
            f'<p class="msg">Generated mutants killed: {_score(generated)}; {generated["survived"]} survived, '
            f'{generated["equivalent"]} marked equivalent; {generated["available"]} possible.</p>',
            _table(["", "check", "score", "hints", "problems"], [
                [f'<span class="{"passed" if c["severity"] == "ok" else "failed"}">{MARK[c["severity"]]}</span>',
                 escape(f"{c['kind']} {c['name']}"), "" if c["score"] is None else f"{c['score']:g}/{c['max_score']:g}",
                 escape(", ".join(c["hints"])), escape("; ".join(c["problems"]))] for c in item["checks"]])]
    body += ["<h3>Cases</h3>", _table(["case", "points", "kills"], [
        [escape(c["case_id"]) + (" (hidden)" if c["hidden"] else ""), f"{c['points']:g}",
         escape(", ".join(c["kills"])) or '<span class="failed">none</span>'] for c in item["cases"]])]
    if item["margins"]:
        body += ["<h3>Margins of the reference</h3>", _table(["case", "margin"], [
            [("! " if m["warn"] else "") + escape(m["case_id"]), escape(_margin_text(m))] for m in item["margins"]])]
    for mutant in generated["mutants"]:
        if mutant["status"] != "killed":
            reason = f" — equivalent: {escape(mutant['reason'])}" if mutant["status"] == "equivalent" else ""
            body.append(f"<details><summary>{escape(mutant['status'])} {escape(mutant['id'])}: "
                        f"{escape(mutant['change'])}{reason}</summary><pre>{escape(mutant['diff'])}</pre></details>")
    return body


def write_html(out: Path, result: dict[str, Any], failed: list[str]) -> Path:
    """OUT/audit.html: the verdict, mutation scores per exercise (plot), then each exercise's checks, cases,
    margins and surviving mutants with their diffs."""
    from tfgrade.render.index_page import STYLE
    from tfgrade.render.page import image, page

    exercises = result["exercises"]
    body = [f"<h1>Grader audit: {len(exercises)} exercise(s)</h1>",
            f'<div class="alarm">{len(failed)} problem(s): ' + "<br>".join(escape(f) for f in failed) + "</div>"
            if failed else '<p class="passed">Every check proven.</p>']
    scored = [(e["exercise"], e["generated"]["score"]) for e in exercises if e["generated"]["score"] is not None]
    if scored:
        body.append(image(_bars_png([s[0] for s in scored], [s[1] for s in scored], "Generated mutants killed"),
                          "mutation score per exercise"))
    for item in exercises:
        body += _exercise_html(item)
    path = Path(out) / "audit.html"
    path.write_text(page("Grader audit", body, head=STYLE))
    return path

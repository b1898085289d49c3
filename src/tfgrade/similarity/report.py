"""similarity.html (ranked pairs, side by side with the matching regions marked), similarity.json, and
the fragment the class page can include."""

from __future__ import annotations

from dataclasses import asdict
from html import escape
from typing import Any
from urllib.parse import quote

from tfgrade.similarity.detect import Document, ExerciseSimilarity, Pair, Settings

COLOURS = ("#ffd6d6", "#d6e8ff", "#d9f2d0", "#fbe3c4", "#e9dcf7", "#fff3b0", "#cdeff0", "#f5d5ea")
STYLE = """body{font-family:system-ui,sans-serif;max-width:90rem;margin:2rem auto;padding:0 1rem;color:#222}
table{border-collapse:collapse}td,th{padding:.25rem .6rem;border-bottom:1px solid #ddd;text-align:left}
.flagged{color:#d62728;font-weight:600}.quiet{color:#666;font-size:.92em}
.pair{display:grid;grid-template-columns:1fr 1fr;gap:1rem;margin:1rem 0 2.5rem}
.pair pre{font-size:12px;line-height:1.35;overflow-x:auto;border:1px solid #ddd;padding:.4rem;margin:0}
.ln{color:#999;display:inline-block;min-width:4.5em;user-select:none}mark{border-radius:2px}"""


def _line_ranges(source: str, regions: list[tuple[int, int, int]]) -> list[list[int]]:
    """[first, last] line numbers (1-based) of each region."""
    return [[source.count("\n", 0, start) + 1, source.count("\n", 0, max(end - 1, start)) + 1]
            for start, end, _ in regions]


def similarity_json(results: list[ExerciseSimilarity], settings: Settings | None = None) -> dict[str, Any]:
    """Everything similarity.html shows, as data (regions as source character spans and line ranges)."""
    exercises = []
    for result in results:
        pairs = []
        for pair in result.pairs:
            data = pair.to_dict()
            data["file_a"] = result.documents[pair.a].display
            data["file_b"] = result.documents[pair.b].display
            data["lines_a"] = _line_ranges(result.documents[pair.a].source, pair.regions_a)
            data["lines_b"] = _line_ranges(result.documents[pair.b].source, pair.regions_b)
            pairs.append(data)
        exercises.append({"exercise": result.exercise, "students": result.students,
                          "flagged": len(result.flagged), "common_fingerprints": result.common,
                          "handout_fingerprints": result.handout, "pairs": pairs})
    return {"settings": asdict(settings or Settings()), "exercises": exercises}


def _anchor(pair: Pair) -> str:
    return escape(f"{pair.exercise}--{pair.a}--{pair.b}", quote=True)


def _rows(results: list[ExerciseSimilarity] | dict[str, Any]) -> list[tuple[str, int, list[tuple[str, str, float]]]]:
    """(exercise, students, flagged (a, b, similarity)) from results or from similarity.json's content."""
    if isinstance(results, dict):
        return [(e["exercise"], e["students"], [(p["a"], p["b"], p["similarity"]) for p in e["pairs"] if p["flagged"]])
                for e in results.get("exercises", [])]
    return [(r.exercise, r.students, [(p.a, p.b, p.similarity) for p in r.flagged]) for r in results]


def similarity_section(results: list[ExerciseSimilarity] | dict[str, Any], link: str | None = "similarity.html",
                       note: str = "") -> str:
    """An HTML fragment for the class page: per exercise, how many students were compared and the flagged
    pairs, ranked, each linking to its side-by-side view in the page `link` ("": this page; None: no links),
    then `note` (HTML). `results` is what class_similarity returns, or the content of OUT/similarity.json."""
    return f'<section id="similarity"><h2>Similar submissions</h2>{_summary(results, link)}{note}</section>'


def _summary(results: list[ExerciseSimilarity] | dict[str, Any], link: str | None) -> str:
    body = ['<p class="quiet">Pairs whose own code (handed-out code and passages common to much of the class '
            "removed; names, comments and formatting ignored) is unusually alike. A lead to look at, not a "
            "verdict.</p><table><tr><th>exercise</th><th>students</th><th>flagged pairs</th></tr>"]
    for exercise, students, flagged in _rows(results):
        cells = []
        for a, b, similarity in flagged:
            label = f"{escape(a)} – {escape(b)} ({similarity:.0%})"
            anchor = quote(f"{exercise}--{a}--{b}", safe="")  # the id of the pair's view, percent-encoded
            cells.append(f'<a href="{escape(link)}#{escape(anchor)}">{label}</a>' if link is not None else label)
        body.append(f"<tr><td>{escape(exercise)}</td><td>{students}</td>"
                    f"<td>{', '.join(cells) or '<span class=quiet>none</span>'}</td></tr>")
    body.append("</table>")
    return "".join(body)


def _marked_lines(document: Document, regions: list[tuple[int, int, int]]) -> str:
    """The document's code with line numbers (cell numbers for notebooks) and the regions marked."""
    source = document.source
    chunks: list[tuple[str, int]] = []
    position = 0
    for start, end, group in sorted(regions):
        if start < position:
            start = position
        chunks.append((source[position:start], 0))
        chunks.append((source[start:end], group))
        position = max(position, end)
    chunks.append((source[position:], 0))
    lines: list[list[str]] = [[]]
    for text, group in chunks:
        for number, piece in enumerate(text.split("\n")):
            if number:
                lines.append([])
            if piece:
                html = escape(piece)
                if group:
                    colour = COLOURS[(group - 1) % len(COLOURS)]
                    html = f'<mark style="background:{colour}" title="match {group}">{html}</mark>'
                lines[-1].append(html)
    out = []
    for number, parts in enumerate(lines, start=1):
        where = f"c{document.cells[number - 1]} {number}" if number <= len(document.cells) else str(number)
        out.append(f'<span class="ln">{where}</span>{"".join(parts)}')
    return "\n".join(out)


def _pair_view(result: ExerciseSimilarity, pair: Pair) -> str:
    first, second = result.documents[pair.a], result.documents[pair.b]
    flag = '<span class="flagged">flagged</span>' if pair.flagged else '<span class="quiet">below threshold</span>'
    return (f'<h3 id="{_anchor(pair)}">{escape(pair.exercise)}: {escape(pair.a)} – {escape(pair.b)}, '
            f"{pair.similarity:.0%} {flag}</h3><p class='quiet'>{pair.similarity_a:.0%} of {escape(pair.a)}'s "
            f"own code and {pair.similarity_b:.0%} of {escape(pair.b)}'s match the other's ({pair.matched} "
            "normalised tokens); regions with the same number and colour match.</p><div class='pair'>"
            f"<div><strong>{escape(pair.a)}</strong> <code>{escape(first.display)}</code>"
            f"<pre>{_marked_lines(first, pair.regions_a)}</pre></div>"
            f"<div><strong>{escape(pair.b)}</strong> <code>{escape(second.display)}</code>"
            f"<pre>{_marked_lines(second, pair.regions_b)}</pre></div></div>")


def similarity_html(results: list[ExerciseSimilarity], settings: Settings | None = None) -> str:
    """The whole page: the summary section, then each exercise's ranked pairs side by side."""
    settings = settings or Settings()
    body = [f"<h1>Similar submissions</h1>{_summary(results, link='')}",
            f"<p class='quiet'>Flagged: at least {settings.threshold:.0%} of one student's own code matches the "
            f"other's, in at least {settings.min_match} normalised tokens; matches shorter than {settings.k} "
            f"tokens are ignored, and so are passages found in more than {settings.common_share:.0%} of the "
            f"class (and more than {settings.common_min} students). The closest unflagged pairs follow each "
            "exercise's flagged ones, for calibration.</p>"]
    for result in results:
        body.append(f"<h2>{escape(result.exercise)}</h2><p class='quiet'>{result.students} files compared; "
                    f"{result.handout} fingerprints of handed-out code and {result.common} common to much of "
                    "the class ignored.</p>")
        body += [_pair_view(result, pair) for pair in result.pairs] or ["<p class='quiet'>No similar pairs.</p>"]
    return (f'<!doctype html><html><head><meta charset="utf-8"><title>Similar submissions</title>'
            f"<style>{STYLE}</style></head><body>{''.join(body)}</body></html>\n")

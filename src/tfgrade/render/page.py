"""What every HTML page of OUT shares: the style, the image check a browser test reads, images and pages."""

from __future__ import annotations

import base64
from html import escape

STYLE = """body{font-family:system-ui,sans-serif;max-width:60rem;margin:2rem auto;padding:0 1rem;color:#222}
table{border-collapse:collapse}td,th{padding:.25rem .6rem;border-bottom:1px solid #ddd;text-align:left}
.passed{color:#2ca02c}.failed,.error,.timeout,.out-of-memory,.crashed{color:#d62728}.skipped{color:#888}
.msg{color:#444;font-size:.92em}.hint{background:#fff6d5;padding:.4rem .6rem;margin:.3rem 0;border-radius:4px}
img{margin:.3rem .6rem .3rem 0;border:1px solid #eee}"""
# marks every image once it has decoded, so a headless browser test can prove the plots rendered
CHECK_SCRIPT = """<script>window.addEventListener('load',()=>{for(const i of document.images){
i.setAttribute('data-rendered',i.complete&&i.naturalWidth>0?'yes':'no')}
document.body.setAttribute('data-images',document.images.length)})</script>"""


def image(png: bytes, alt: str) -> str:
    """An <img> with the PNG inline (pages must work offline and from a zip)."""
    return f'<img alt="{escape(alt)}" src="data:image/png;base64,{base64.b64encode(png).decode()}">'


def page(title: str, body: list[str], head: str = "") -> str:
    """A whole self-contained page."""
    return (f'<!doctype html><html><head><meta charset="utf-8"><title>{escape(title)}</title>'
            f"<style>{STYLE}</style>{CHECK_SCRIPT}{head}</head><body>{''.join(body)}</body></html>\n")

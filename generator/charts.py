"""Charts drawn at build time as inline SVG: no script, no font, no request to any host.

Every chart is deterministic (coordinates rounded, inputs sorted), escapes every label, carries
`role="img"` with an `aria-label`, and sits beside a table or list that says the same in text.
Colours are those of the badges (white on them passes WCAG AA contrast; see briefing.css).
"""

from __future__ import annotations

import html
import math

CONFLICT, COOPERATION, NEUTRAL, INK = "#b71c1c", "#1b5e20", "#546e7a", "#263238"
QUAD_COLOURS = {"verbal_cooperation": "#1b5e20", "material_cooperation": "#0d47a1",
                "verbal_conflict": "#8a4b00", "material_conflict": "#b71c1c"}
"""The badges' colours (briefing.css), so a legend of badges reads the chart."""
ARROWS = {"escalating": "↘", "easing": "↗", "steady": "→"}
"""CrisisWatch's convention: down when a relation deteriorates, up when it improves."""
MONTH_LABEL = 44
"""Pixels a month label ("2024-03") takes on an axis: one bar in so many is labelled."""
LABEL_HEIGHT = 14
"""Pixels a network label needs across the radius: the circle grows until labels have it."""


def _svg(width: float, height: float, label: str, body: list[str], css_class: str) -> str:
    svg = (f'<svg xmlns="http://www.w3.org/2000/svg" class="{css_class}" viewBox="0 0 {width} {height}" '
           f'role="img" aria-label="{html.escape(label)}">' + "".join(body) + "</svg>")
    return svg.replace("|", "&#124;")  # a chart may sit in a Markdown table cell


def sparkline(months: list[tuple[str, float, int]], label: str, width: int = 120, height: int = 28) -> str:
    """A pair's monthly summed scores as a line over a zero baseline (below it: conflict)."""
    if not months:
        return ""
    scores = [score for _, score, _ in months]
    top = max(1.0, max(abs(s) for s in scores))
    step = (width - 8) / max(1, len(scores) - 1)

    def y(score: float) -> float:
        return round(height / 2 - score / top * (height / 2 - 3), 1)

    points = [(round(4 + i * step, 1), y(score)) for i, score in enumerate(scores)]
    text = f"{label}: " + ", ".join(f"{month} {score:+.1f}" for month, score, _ in months)
    body = [f'<line x1="0" y1="{height / 2}" x2="{width}" y2="{height / 2}" stroke="{NEUTRAL}" stroke-width="0.5"/>']
    if len(points) > 1:
        body.append(f'<polyline fill="none" stroke="{INK}" stroke-width="1.5" points="'
                    + " ".join(f"{x},{yy}" for x, yy in points) + '"/>')
    last_x, last_y = points[-1]
    body.append(f'<circle cx="{last_x}" cy="{last_y}" r="2.5" fill="{CONFLICT if scores[-1] < 0 else COOPERATION}"/>')
    return _svg(width, height, text, body, "sparkline")


def conflict_cooperation(months: list[tuple[str, float, float]], label: str, width: int = 640, height: int = 180) -> str:
    """Per month, cooperation (summed positive scores) up in green and conflict (summed negative
    scores) down in red, around a zero line; month labels below."""
    if not months:
        return ""
    top = max(1.0, max(max(up, -down) for _, up, down in months))
    bar = min(28.0, (width - 40) / len(months))
    middle = (height - 20) / 2
    body = [f'<line x1="30" y1="{middle}" x2="{width}" y2="{middle}" stroke="{NEUTRAL}" stroke-width="0.5"/>',
            f'<text x="0" y="12" class="axis">+{top:.0f}</text>', f'<text x="0" y="{height - 24}" class="axis">-{top:.0f}</text>']
    every = max(1, math.ceil(MONTH_LABEL / bar))
    for i, (month, up, down) in enumerate(months):
        x = round(34 + i * bar, 1)
        up_h, down_h = round(up / top * (middle - 4), 1), round(-down / top * (middle - 4), 1)
        tip = html.escape(f"{month}: +{up:.1f} / {down:.1f}")
        if up_h:
            body.append(f'<rect x="{x}" y="{round(middle - up_h, 1)}" width="{round(bar * 0.8, 1)}" height="{up_h}" '
                        f'fill="{COOPERATION}"><title>{tip}</title></rect>')
        if down_h:
            body.append(f'<rect x="{x}" y="{middle}" width="{round(bar * 0.8, 1)}" height="{down_h}" '
                        f'fill="{CONFLICT}"><title>{tip}</title></rect>')
        if i % every == 0:
            body.append(f'<text x="{x}" y="{height - 4}" class="axis">{html.escape(month)}</text>')
    return _svg(width, height, label, body, "chart")


def monthly_quads(months: list[tuple[str, dict[str, int]]], label: str, width: int = 640, height: int = 160) -> str:
    """Events per month, stacked by PLOVER quad class, oldest month first."""
    if not months:
        return ""
    top = max(1, max(sum(counts.values()) for _, counts in months))
    bar = min(28.0, (width - 40) / len(months))
    base = height - 20
    body = [f'<text x="0" y="12" class="axis">{top}</text>']
    every = max(1, math.ceil(MONTH_LABEL / bar))
    for i, (month, counts) in enumerate(months):
        x, y = round(34 + i * bar, 1), float(base)
        for quad, colour in QUAD_COLOURS.items():
            if counts.get(quad):
                h = round(counts[quad] / top * (base - 16), 1)
                y = round(y - h, 1)
                body.append(f'<rect x="{x}" y="{y}" width="{round(bar * 0.8, 1)}" height="{h}" fill="{colour}">'
                            f'<title>{html.escape(f"{month} {quad}: {counts[quad]}")}</title></rect>')
        if i % every == 0:
            body.append(f'<text x="{x}" y="{height - 4}" class="axis">{html.escape(month)}</text>')
    return _svg(width, height, label, body, "chart")


def network(nodes: list[tuple[str, str, str]], edges: list[tuple[str, str, float, str]], label: str) -> str:
    """Actors on a circle, their strongest pairs as chords, thicker when stronger; each label is
    written along its radius, outward, so labels never overlap: the circle is made large enough
    that neighbours are LABEL_HEIGHT apart. nodes: (id, name, page); edges: (a, b, weight, title)."""
    if not nodes:
        return ""
    count = len(nodes)
    radius = max(160.0, LABEL_HEIGHT * count / (2 * math.pi))
    longest = max(len(name) for _, name, _ in nodes)
    margin = 12 + 6.5 * min(longest, 28)
    size = round(2 * (radius + margin))
    center = size / 2
    angle = {node: 2 * math.pi * i / count - math.pi / 2 for i, (node, _, _) in enumerate(nodes)}

    def point(node: str, r: float) -> tuple[float, float]:
        return round(center + r * math.cos(angle[node]), 1), round(center + r * math.sin(angle[node]), 1)

    strongest = max((w for *_, w, _ in edges), default=1) or 1
    body = []
    for a, b, weight, title in edges:
        (x1, y1), (x2, y2) = point(a, radius), point(b, radius)
        body.append(f'<path d="M{x1},{y1} Q{center},{center} {x2},{y2}" fill="none" stroke="{CONFLICT}" '
                    f'stroke-opacity="0.65" stroke-width="{round(1 + 5 * weight / strongest, 1)}">'
                    f'<title>{html.escape(title)}</title></path>')
    for node, name, page in nodes:
        x, y = point(node, radius)
        lx, ly = point(node, radius + 8)
        degrees = math.degrees(angle[node])
        left = math.cos(angle[node]) < -1e-9
        rotation = round(degrees + 180 if left else degrees, 1)
        text = (f'<circle cx="{x}" cy="{y}" r="4" fill="{INK}"/><text x="{lx}" y="{ly}" dy="0.35em" '
                f'text-anchor="{"end" if left else "start"}" transform="rotate({rotation} {lx} {ly})">'
                f'{html.escape(name[:40])}</text>')
        body.append(f'<a href="{html.escape(page)}">{text}</a>' if page else text)
    return _svg(size, size, label, body, "network")

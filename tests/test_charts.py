"""Charts drawn at build time: deterministic, escaped, labelled for screen readers, labels apart."""

import math
import re

from conftest import REPO, contrast
from generator.charts import LABEL_HEIGHT, conflict_cooperation, monthly_quads, network, sparkline


def test_a_sparkline_says_every_value_and_is_stable():
    months = [("2023-01", 4.0, 1), ("2023-02", -8.5, 3), ("2023-03", -2.0, 1)]
    svg = sparkline(months, "Russie — Ukraine")
    assert svg == sparkline(months, "Russie — Ukraine")
    assert 'role="img"' in svg and "Russie — Ukraine: 2023-01 +4.0, 2023-02 -8.5, 2023-03 -2.0" in svg
    assert svg.count("<polyline") == 1


def test_labels_are_escaped_and_safe_in_a_markdown_table():
    svg = sparkline([("2023-01", 1.0, 1), ("2023-02", 2.0, 1)], '<script>alert(1)</script> | "x"')
    assert "<script>" not in svg and "|" not in svg and "&lt;script&gt;" in svg
    nodes = [("a", "<b onmouseover=x>", "actors/a.html"), ("b", "B", "")]
    drawn = network(nodes, [("a", "b", 3.0, "<i>")], "graph")
    assert "<b " not in drawn and "<i>" not in drawn and 'href="actors/a.html"' in drawn


def test_network_labels_never_overlap_however_many_actors():
    for count in (2, 12, 30, 60):
        nodes = [(f"n{i}", f"Acteur numéro {i}", f"actors/n{i}.html") for i in range(count)]
        edges = [(f"n{i}", f"n{(i * 7 + 3) % count}", float(i + 1), "") for i in range(count) if (i * 7 + 3) % count != i]
        svg = network(nodes, edges, "graph")
        centres = [(float(x), float(y)) for x, y in re.findall(r'<circle cx="([\d.]+)" cy="([\d.]+)"', svg)]
        assert len(centres) == count
        size = float(re.search(r'viewBox="0 0 ([\d.]+)', svg).group(1))
        for (x1, y1), (x2, y2) in zip(centres, centres[1:] + centres[:1]):
            if count > 1:
                assert math.dist((x1, y1), (x2, y2)) >= LABEL_HEIGHT - 0.5, count  # labels run outward from here
        assert all(0 < x < size and 0 < y < size for x, y in centres)
        assert svg.count("<a href=") == count, "every actor links to its page"


def test_bar_charts_keep_month_labels_apart_and_say_their_values():
    months = [(f"20{y:02d}-{m:02d}", float(m), -float(y % 5)) for y in range(20, 25) for m in range(1, 13)]
    svg = conflict_cooperation(months, "France")
    xs = [float(x) for x in re.findall(r'<text x="([\d.]+)" y="[\d.]+" class="axis">\d{4}-', svg)]
    assert all(b - a >= 40 for a, b in zip(xs, xs[1:])), "month labels do not overlap"
    assert "<title>2020-01: +1.0 / -0.0</title>" in svg and 'aria-label="France"' in svg
    quads = monthly_quads([("2023-01", {"verbal_conflict": 2, "material_cooperation": 1})], "Chronologie")
    assert quads.count("<rect") == 2 and "2023-01 verbal_conflict: 2" in quads


def test_chart_colours_stand_out_from_the_page():
    """WCAG 2.1: marks that carry meaning 3:1 against the white page (1.4.11), as drawn (a
    translucent stroke is blended with the page), and the axis text 4.5:1 (1.4.3)."""
    svgs = [sparkline([("2023-01", 4.0, 1), ("2023-02", -8.5, 3)], "a"),
            conflict_cooperation([("2023-01", 4.0, -3.0), ("2023-02", 1.0, -8.0)], "a"),
            monthly_quads([("2023-01", {"verbal_cooperation": 2, "material_cooperation": 1, "verbal_conflict": 3,
                                        "material_conflict": 4})], "a"),
            network([("a", "A", "actors/a.html"), ("b", "B", "actors/b.html")], [("a", "b", 3.0, "")], "a")]
    marks = set()
    for svg in svgs:
        for element in re.findall(r"<(?:path|rect|circle|line|polyline)\b[^>]*>", svg):
            for kind, colour in re.findall(r'\b(fill|stroke)="(#[0-9a-fA-F]{6})"', element):
                opacity = re.search(rf'\b{kind}-opacity="([\d.]+)"', element)
                marks.add(_on_white(colour, float(opacity.group(1)) if opacity else 1.0))
    assert len(marks) >= 5
    for colour in marks:
        assert contrast(colour, "#ffffff") >= 3, colour
    css = (REPO / "templates" / "assets" / "briefing.css").read_text("utf-8")
    text = re.search(r"svg \.axis \{[^}]*fill: (#[0-9a-fA-F]{6})", css).group(1)
    assert contrast(text, "#ffffff") >= 4.5, text


def _on_white(colour: str, opacity: float) -> str:
    channels = [round(int(colour[i:i + 2], 16) * opacity + 255 * (1 - opacity)) for i in (1, 3, 5)]
    return "#" + "".join(f"{c:02x}" for c in channels)

"""What's new: the latest period against the one before, from article dates only."""

from dataclasses import replace

from conftest import REPO, brief_of, write
from click.testing import CliRunner

from generator.archive import build_archive
from generator.changes import changes
from generator.cli import main

ATTAQUE = "La Russie a bombardé l'Ukraine. L'armée russe a attaqué Kiev avec des missiles."
ACCORD = "La Russie et l'Ukraine ont signé un accord d'échange de prisonniers."
MALI = "Le Mali a expulsé l'ambassadeur de France."


def test_the_latest_week_against_the_one_before():
    briefs = [
        replace(brief_of(ACCORD, "2023-03-01", reader="rules"), id="avant"),
        replace(brief_of(ATTAQUE, "2023-03-12", reader="rules"), id="maintenant"),
        replace(brief_of(MALI, "2023-03-13", reader="rules"), id="mali"),
        replace(brief_of(MALI, "2023-01-02", reader="rules"), id="vieux"),
    ]
    found = changes(build_archive(briefs), days=7)
    assert (found.start, found.end, found.briefs) == ("2023-03-07", "2023-03-13", 2)
    assert "MLI" not in found.new_actors, "Mali was seen in January"
    moves = {m.actors: m for m in found.moves}
    russia = moves[("RUS", "UKR")]
    assert russia.before > 0 > russia.now, "cooperation the week before, attacks this week"
    assert russia in found.escalating
    assert all(m.now < 0 and m.before == 0 for m in found.appeared)
    assert changes(build_archive(list(reversed(briefs))), days=7) == found, "the order of the briefs does not matter"


def test_period_days_is_read_from_mkdocs_yml_and_checked(tmp_path):
    root = tmp_path / "p"
    write(root / "content" / "a.md", "---\ntitle: A\ndate: 2023-03-12\n---\n\n" + ATTAQUE + "\n")
    config = (REPO / "mkdocs.yml").read_text("utf-8")
    write(root / "mkdocs.yml", config + "\nextra:\n  briefing:\n    period_days: 0\n")
    result = CliRunner().invoke(main, ["build", "--project", str(root)])
    assert result.exit_code == 2 and "period_days" in result.output and "mkdocs.yml" in result.output
    write(root / "mkdocs.yml", config + "\nextra:\n  briefing:\n    period_days: 30\n")
    result = CliRunner().invoke(main, ["build", "--project", str(root)])
    assert result.exit_code == 0, result.output
    page = (root / "site" / "changes.html").read_text("utf-8")
    assert "2023-02-11" in page and "30 jours" in page
    assert "changes.html" in (root / "site" / "feed.xml").read_text("utf-8")
    assert "changes.html" in (root / "site" / "index.html").read_text("utf-8")

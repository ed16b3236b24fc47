"""Load stage: the seed's plain-text format and Markdown with front matter, and clear errors."""

from __future__ import annotations

import pytest

from conftest import SEED, write
from generator.errors import ContentError
from generator.load import load_article, slugify, title_from_text


def test_seed_loads_with_month_date_and_a_title_from_its_first_sentence():
    article = load_article(SEED)
    assert article.date == "2023-03"
    assert article.lang == "fr"
    assert article.text.startswith("Le ministre russe des Affaires étrangères, Sergueï Lavrov")
    assert article.title.startswith("Le ministre russe des Affaires étrangères, Sergueï Lavrov")
    assert len(article.title) <= 91 and article.title.endswith("…")
    assert article.id == "000-e9de8737bb604ee0"


def test_title_is_trimmed_at_a_word_boundary():
    title = title_from_text("Un " + "mot " * 40 + "fin. Deuxième phrase.")
    assert title.endswith("mot…")
    assert title_from_text("Court titre. Suite du texte.") == "Court titre"


def test_markdown_front_matter_fields(tmp_path):
    path = write(tmp_path / "a.md", "---\ntitle: Un titre\ndate: 2017-02-22\nsource: Wikinews\n"
                 "url: https://fr.wikinews.org/wiki/X\nlang: fr\ntags: [sanctions, diplomatie]\n---\n\nLe texte.\n")
    article = load_article(path)
    assert (article.title, article.date, article.source, article.lang) == ("Un titre", "2017-02-22", "Wikinews", "fr")
    assert article.tags == ("diplomatie", "sanctions")
    assert article.text == "Le texte."


def test_markdown_without_title_gets_first_sentence(tmp_path):
    path = write(tmp_path / "b.md", "---\ndate: 2017-02-22\n---\nLa Russie a signé. Autre phrase.\n")
    assert load_article(path).title == "La Russie a signé"


def test_crlf_and_bom_are_normalised(tmp_path):
    path = write(tmp_path / "c.md", "\ufeff---\r\ndate: 2017-02-22\r\n---\r\nLigne un.\r\nLigne deux.\r\n".encode())
    assert load_article(path).text == "Ligne un.\nLigne deux."


@pytest.mark.parametrize(
    ("name", "content", "expected"),
    [
        ("empty.md", "", "c.md: the file is empty"),
        ("blank.md", "  \n\n ", "the file is empty"),
        ("yaml.md", "---\ntitle: [unclosed\ndate: 2017-01-01\n---\ntexte\n", ":2: front matter is not valid YAML"),
        ("list.md", "---\n- a\n- b\n---\ntexte\n", "front matter must be a mapping"),
        ("baddate.md", "---\ndate: 2023-13-45\n---\ntexte\n", "is not a real date"),
        ("alias.md", "---\na: &x [1]\nb: *x\ndate: 2017-01-01\n---\ntexte\n", ":3: YAML aliases"),
        ("pytag.md", "---\ndate: 2017-01-01\nx: !!python/object:os.system {}\n---\ntexte\n", "not valid YAML"),
        ("binary.md", b"\x00\x01\x02", "binary file"),
        ("utf16.md", "---\ndate: 2017-01-01\n---\ncafé\n".encode("utf-16"), "UTF-16"),
    ],
)
def test_bad_input_gives_one_clear_message_naming_the_file(tmp_path, name, content, expected):
    path = write(tmp_path / name, content)
    with pytest.raises(ContentError) as info:
        load_article(path, root=tmp_path)
    message = info.value.message
    assert message.startswith(name), message
    assert expected.replace("c.md", name) in message, message


def test_slugify_keeps_ids_inside_the_output_folder():
    assert slugify("../../etc/passwd") == "etc-passwd"
    assert slugify("Élection présidentielle 2017") == "election-presidentielle-2017"

"""The page's message catalogue (app/labels.py): complete in both languages, and the page's language."""

from __future__ import annotations

import string

from app.labels import LABELS, LANGUAGES, label, page_language


def _fields(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name}


def test_every_label_is_in_every_language_with_the_same_blanks():
    for key, entry in LABELS.items():
        assert set(entry) == set(LANGUAGES), key
        assert _fields(entry["en"]) == _fields(entry["es"]), key
        assert entry["en"] != entry["es"] or key.startswith("language:"), key


def test_the_page_speaks_the_last_questions_language_else_the_browsers():
    assert page_language("es", "en-US") == "es"  # the conversation is in Spanish
    assert page_language("en", "es-ES") == "en"
    assert page_language(None, "es-ES") == "es" and page_language(None, "es_MX") == "es"
    assert page_language(None, "fr-FR") == "en" and page_language(None, None) == "en"  # no catalogue: English
    assert page_language("fr", "es") == "es"


def test_a_label_fills_its_blanks():
    assert label("reading_many", "es", n=3) == "Leyendo 3 pasajes"
    assert label("in_folders", "en", folders="hr, finance") == "In hr, finance"

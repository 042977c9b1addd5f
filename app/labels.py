"""The page's own words around an answer, in the question's language (English, Spanish).

One catalogue: every label the chat shows with an answer (sources, downloads, notes, status
lines, rating) is looked up here by key. The answer's text and Faro's notes inside it come from
rag/prompt.py in the same language.
"""
from __future__ import annotations

LABELS: dict[str, dict[str, str]] = {
    "searching": {"en": "Searching the documents…", "es": "Buscando en los documentos…"},
    "writing": {"en": "Writing the answer: each sentence appears once it is checked against the documents.",
                "es": "Redactando la respuesta: cada frase aparece cuando se ha comprobado con los documentos."},
    "reading_one": {"en": "Reading 1 passage", "es": "Leyendo 1 pasaje"},
    "reading_many": {"en": "Reading {n} passages", "es": "Leyendo {n} pasajes"},
    "sources": {"en": "Sources", "es": "Fuentes"},
    "whole_document": {"en": "whole document", "es": "documento completo"},
    "download": {"en": "Download {name}", "es": "Descargar {name}"},
    "download_unavailable": {"en": "Download unavailable: {reason}", "es": "Descarga no disponible: {reason}"},
    "not_verified": {"en": ":material/warning: Not verified against the passage: check it before relying on it.",
                     "es": ":material/warning: No comprobado con el pasaje: revíselo antes de fiarse de él."},
    "note": {"en": "Note: {note}", "es": "Nota: {note}"},
    "note:older version": {"en": "older version", "es": "versión anterior"},
    "note:documents disagree": {"en": "documents disagree", "es": "los documentos no coinciden"},
    "note:removed: it does not support the sentence that cited it": {
        "en": "removed: it does not support the sentence that cited it",
        "es": "retirada: no respalda la frase que la citaba"},
    "found_by_search": {"en": "Found by searching the answer's own words: the model was not shown this passage.",
                        "es": "Encontrado al buscar las palabras de la respuesta: el modelo no leyó este pasaje."},
    "not_found": {"en": "Faro did not find this in the documents.",
                  "es": "Faro no lo encontró en los documentos."},
    "left_out_one": {"en": "Left out: 1 sentence the documents do not support",
                     "es": "Omitida: 1 frase que los documentos no respaldan"},
    "left_out_many": {"en": "Left out: {n} sentences the documents do not support",
                      "es": "Omitidas: {n} frases que los documentos no respaldan"},
    "searched_as": {"en": "Searched as", "es": "Buscado como"},
    "searched_only": {"en": "Searched only: {scope}", "es": "Solo se buscó en: {scope}"},
    "rated_up": {"en": ":material/thumb_up: Rated helpful", "es": ":material/thumb_up: Valorada como útil"},
    "rated_down": {"en": ":material/thumb_down: Rated not helpful", "es": ":material/thumb_down: Valorada como no útil"},
    "rated_thanks": {"en": "{thumb}: thanks, your rating is recorded.", "es": "{thumb}: gracias, su valoración queda registrada."},
    "rated_thanks_comment": {"en": "{thumb}: thanks, your rating is recorded with your comment.",
                             "es": "{thumb}: gracias, su valoración queda registrada con su comentario."},
    "comment": {"en": "Comment (optional)", "es": "Comentario (opcional)"},
    "comment_hint": {"en": "What was wrong or missing? Press Enter to send.",
                     "es": "¿Qué estaba mal o faltaba? Pulse Intro para enviarlo."},
}


def label(key: str, language: str = "en", **values) -> str:
    """The label `key` in `language` (English when the catalogue has no such language)."""
    entry = LABELS[key]
    return entry.get(language, entry["en"]).format(**values)


def note_label(note: str, language: str) -> str:
    """A citation's note from rag (written in English) in `language`."""
    entry = LABELS.get(f"note:{note}")
    return entry.get(language, note) if entry else note

"""The page's own words around an answer, in the question's language (English, Spanish).

One catalogue: every label the chat shows with an answer (sources, downloads, notes, status
lines, rating) is looked up here by key, in the answer's language. The page around the answers
(title, sidebar, input, sign-in) uses the same catalogue in the page's language: the last
question's, or before any question the browser's (`page_language`). The answer's text and Faro's
notes inside it come from rag/answer/prompt.py in the same language. The admin pages stay in English.
"""

from __future__ import annotations

LABELS: dict[str, dict[str, str]] = {
    "searching": {"en": "Searching the documents…", "es": "Buscando en los documentos…"},
    "writing": {
        "en": "Writing the answer: each sentence appears once it is checked against the documents.",
        "es": "Redactando la respuesta: cada frase aparece cuando se ha comprobado con los documentos.",
    },
    "checking": {
        "en": "Checking the whole answer against the documents…",
        "es": "Comprobando la respuesta completa con los documentos…",
    },
    "reading_one": {"en": "Reading 1 passage", "es": "Leyendo 1 pasaje"},
    "reading_many": {"en": "Reading {n} passages", "es": "Leyendo {n} pasajes"},
    "sources": {"en": "Sources", "es": "Fuentes"},
    "whole_document": {"en": "whole document", "es": "documento completo"},
    "page": {"en": "page", "es": "página"},
    "pages": {"en": "pages", "es": "páginas"},
    "download": {"en": "Download {name}", "es": "Descargar {name}"},
    "download_unavailable": {"en": "Download unavailable: {reason}", "es": "Descarga no disponible: {reason}"},
    "not_verified": {
        "en": ":material/warning: Not verified against the passage: check it before relying on it.",
        "es": ":material/warning: No comprobado con el pasaje: revíselo antes de fiarse de él.",
    },
    "note": {"en": "Note: {note}", "es": "Nota: {note}"},
    "note:older version": {"en": "older version", "es": "versión anterior"},
    "note:documents disagree": {"en": "documents disagree", "es": "los documentos no coinciden"},
    "note:removed: it does not support the sentence that cited it": {
        "en": "removed: it does not support the sentence that cited it",
        "es": "retirada: no respalda la frase que la citaba",
    },
    "found_by_search": {
        "en": "Found by searching the answer's own words: the model was not shown this passage.",
        "es": "Encontrado al buscar las palabras de la respuesta: el modelo no leyó este pasaje.",
    },
    "left_out_one": {
        "en": "Left out: 1 sentence the documents do not support",
        "es": "Omitida: 1 frase que los documentos no respaldan",
    },
    "left_out_many": {
        "en": "Left out: {n} sentences the documents do not support",
        "es": "Omitidas: {n} frases que los documentos no respaldan",
    },
    "searched_as": {"en": "Searched as", "es": "Buscado como"},
    "searched_only": {"en": "Searched only: {scope}", "es": "Solo se buscó en: {scope}"},
    "rated_up": {"en": ":material/thumb_up: Rated helpful", "es": ":material/thumb_up: Valorada como útil"},
    "rated_down": {
        "en": ":material/thumb_down: Rated not helpful",
        "es": ":material/thumb_down: Valorada como no útil",
    },
    "rated_thanks": {
        "en": "{thumb}: thanks, your rating is recorded.",
        "es": "{thumb}: gracias, su valoración queda registrada.",
    },
    "rated_thanks_comment": {
        "en": "{thumb}: thanks, your rating is recorded with your comment.",
        "es": "{thumb}: gracias, su valoración queda registrada con su comentario.",
    },
    "comment": {"en": "Comment (optional)", "es": "Comentario (opcional)"},
    "comment_hint": {
        "en": "What was wrong or missing? Press Enter to send.",
        "es": "¿Qué estaba mal o faltaba? Pulse Intro para enviarlo.",
    },
    # The page around the answers.
    "title": {"en": "Ask Faro", "es": "Pregunte a Faro"},
    "tagline": {
        "en": "Answers from your company's documents, with citations.",
        "es": "Respuestas de los documentos de su empresa, con citas.",
    },
    "ask_placeholder": {
        "en": "Ask a question about company policy",
        "es": "Haga una pregunta sobre las normas de la empresa",
    },
    "documents": {"en": "Documents", "es": "Documentos"},
    "in_folders": {"en": "In {folders}", "es": "En {folders}"},
    "updated": {"en": "Updated {when}", "es": "Actualizado: {when}"},
    "no_documents": {"en": "No documents yet.", "es": "Aún no hay documentos."},
    "slow": {
        "en": "Answers take about a minute on this server; the passages found show at once.",
        "es": "En este servidor las respuestas tardan alrededor de un minuto; "
        "los pasajes encontrados se muestran al instante.",
    },
    "new_conversation": {"en": "New conversation", "es": "Nueva conversación"},
    "new_conversation_hint": {
        "en": "This clears the questions and answers on this page.",
        "es": "Esto borra las preguntas y respuestas de esta página.",
    },
    "clear_conversation": {"en": "Clear the conversation", "es": "Borrar la conversación"},
    "search_in": {"en": "Search in", "es": "Buscar en"},
    "folders": {"en": "Folders", "es": "Carpetas"},
    "all_folders": {"en": "All folders", "es": "Todas las carpetas"},
    "folders_help": {"en": "A folder includes its subfolders.", "es": "Una carpeta incluye sus subcarpetas."},
    "doc_types": {"en": "Document types", "es": "Tipos de documento"},
    "all_types": {"en": "All types", "es": "Todos los tipos"},
    "languages": {"en": "Languages", "es": "Idiomas"},
    "all_languages": {"en": "All languages", "es": "Todos los idiomas"},
    "language:en": {"en": "English", "es": "Inglés"},
    "language:es": {"en": "Spanish", "es": "Español"},
    "ask_hint": {
        "en": 'Ask about a policy, e.g. "How many vacation days can I carry over to next year?"',
        "es": 'Pregunte por una norma, p. ej. "¿Cuántos días de vacaciones puedo pasar al año siguiente?"',
    },
    "try_these": {
        "en": "Ask about a policy in your own words, or try one of these:",
        "es": "Pregunte por una norma con sus propias palabras, o pruebe una de estas:",
    },
    "signed_in_as": {"en": "Signed in as **{name}**", "es": "Sesión iniciada como **{name}**"},
    "sign_in": {"en": "Sign in", "es": "Iniciar sesión"},
    "sign_out": {"en": "Sign out", "es": "Cerrar sesión"},
    "sign_in_title": {"en": "Sign in to Faro", "es": "Iniciar sesión en Faro"},
    "sign_in_sso": {
        "en": "Sign in with your company account to ask about policies.",
        "es": "Inicie sesión con su cuenta de la empresa para preguntar por las normas.",
    },
    "user_name": {"en": "User name", "es": "Usuario"},
    "password": {"en": "Password", "es": "Contraseña"},
    "wrong_password": {"en": "Wrong user name or password.", "es": "Usuario o contraseña incorrectos."},
    "session_ended": {
        "en": "Your sign-in has ended: the account was removed or its password changed. Sign in again.",
        "es": "Su sesión ha terminado: la cuenta se eliminó o cambió su contraseña. Inicie sesión de nuevo.",
    },
}

LANGUAGES = ("en", "es")


def page_language(last_question_language: str | None, browser_locale: str | None) -> str:
    """The page's language: the last question's, else the browser's ("es-ES" -> es), else English."""
    if last_question_language in LANGUAGES:
        return last_question_language
    code = (browser_locale or "").split("-")[0].split("_")[0].lower()
    return code if code in LANGUAGES else "en"


def label(key: str, language: str = "en", **values) -> str:
    """The label `key` in `language` (English when the catalogue has no such language)."""
    entry = LABELS[key]
    return entry.get(language, entry["en"]).format(**values)


def note_label(note: str, language: str) -> str:
    """A citation's note from rag (written in English) in `language`."""
    entry = LABELS.get(f"note:{note}")
    return entry.get(language, note) if entry else note

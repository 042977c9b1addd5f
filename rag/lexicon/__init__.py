"""Faro's lexicon: every word its rules look for, kept in one place and keyed by language.

Faro reads questions, answers and documents in English and Spanish with deterministic rules: which
language a text is in, which words say nothing, which number a word stands for, whether a question
leans on earlier turns. The words those rules look for live here, one file per language
(rag/lexicon/en.py, rag/lexicon/es.py), each holding every list under the same name. A rule that
needs one language's words reads that file (`en.POINTERS`); a rule for either language reads both
(`both("STOP_WORDS")`). The rules themselves, and the regular expressions that encode grammar
rather than list words, stay in the modules that use them.

Conventions: words are lower case and accent-folded ("dias", "segun"), as the rules compare them,
unless a list's comment says otherwise. A list named *_PATTERNS is joined into a regular
expression: its items are regex alternatives ("cu[áa]ndo" with or without its accent,
"supersed(?:es|ed|ing)"), so a dot must be escaped. A word the same in both languages ("no") may
be in both files. Where a list has no words in one language, that file holds it empty.

To add a word, put it in the list of its language, spelled as the list's comment says. To add a
list, add it to both files under one name and say here who reads it. To add a language, add a
file with every list (the English one translated) and add it to `LANGUAGES`; the rules that read
one language's words, language detection (rag/text/language.py), the stemmer and the user-facing text
(rag/answer/prompt.py, app/labels.py) need it too.

Who reads which list:

- rag/text/language.py: LANGUAGE_HINTS (detect_language), STOP_WORDS (the keyword index, content words).
- rag/text/figures.py: NUMBER_WORDS, MONTHS, WEEKDAYS, FRAMING. rag/text/content_words.py: FRAMING, SAME_MEANING.
- ingest/versions.py: MONTHS, MONTH_VARIANTS (effective dates), REPLACES_PATTERNS.
- rag/answer/conflicts.py: AMOUNT_WORDS, UNIT_PATTERNS, UNIT_NAMES, UNIT_PREFIXES.
- rag/answer/question.py: QUESTION_WORD_PATTERNS (per language), FRAMING, ASKING_STEMS, FRAME_STEMS,
  REFERRING_STEMS, NEGATION_PATTERNS, CLAUSE_PATTERNS, WITHOUT_PATTERNS, NEEDS_PATTERNS, PARTICLES,
  BOUND_PHRASES, YES_NO.
- rag/answer/rewrite.py: LANGUAGE_MARKERS (English), QUESTION_STARTS (English), YES_NO, REPLY_WORDS.
- rag/ops/passages.py: YES_NO. rag/answer/prompt.py: NO_ANSWER_PHRASES.
- rag/search/follow_up.py: FOLLOW_UP_OPENERS, LEAD_IN_PATTERNS, BACK_REFERENCES, FOLLOW_UP_ENDINGS,
  ALSO_WORDS, POINTERS (per language), SAME_WORDS, DEMONSTRATIVES, TIME_WORDS, FORWARD_IT
  (English), LO_NOT_CLITIC (Spanish), FUNCTION_WORDS.
- rag/text/naming.py: AND_WORDS, OF_WORDS, DOCUMENT_KINDS, VERSION_WORD_PATTERNS.
- rag/text/sections.py: SECTION_WORDS.
- rag/answer/sentences.py: ABBREVIATION_PATTERNS, DOCUMENT_PART_PATTERNS, GOES_ON_PATTERNS.
"""

from __future__ import annotations

from rag.lexicon import en, es

LANGUAGES = {"en": en, "es": es}


def both(name: str):
    """The list `name` of every language together: the union of sets, the entries of dicts (a key
    in several languages keeps its first place), the items of tuples in order, each once."""
    lists = [getattr(module, name) for module in LANGUAGES.values()]
    if isinstance(lists[0], (set, frozenset)):
        return set().union(*lists)
    if isinstance(lists[0], dict):
        merged = {}
        for entries in lists:
            merged.update(entries)
        return merged
    return tuple(dict.fromkeys(item for items in lists for item in items))

"""Numbered parts of a document that a question names: "What does section 4.1 say about receipts?",
"What is the goal of VA's strategy 1.2.3?".

Policies number their headings and people quote the number. The keyword index cuts "4.1" into
"4" and "1", which any list or figure holds, and a question's vector hardly weighs it, so the
passage under the heading asked about ranked behind passages that share the question's other
words. A number is read as a part's number when a word that names a part comes before it
("section", "strategy", "apartado": lexicon SECTION_WORDS) or when it is three single digits
("1.2.3": no figure is written so). A passage names that part where it holds the number at the
start of a line or after such a word, and not as the start of a deeper number: "4.1" is not
"4.1.2", nor "14.1".
"""

from __future__ import annotations

import re

from rag.lexicon import both
from rag.text.language import fold

_WORDS = "|".join(sorted(both("SECTION_WORDS"), key=len, reverse=True))
_NUMBER = r"\d{1,3}(?:\.\d{1,3})+"
_AFTER = r"(?![.,]?\d)"  # not the start of a deeper or longer number
_NAMED = re.compile(rf"(?:\b(?:{_WORDS})(?:es|s)?\s+|§\s*)({_NUMBER}){_AFTER}")
# Alone, three levels of single digits: "1.2.3" (not a date, "31.12.24", nor an address, "192.168.1.1").
_DEEP = re.compile(rf"(?<![\d.,])(\d\.\d\.\d){_AFTER}")


def section_numbers(question: str) -> list[str]:
    """The numbers of the document parts a question names, in order: "Strategy 1.2" -> ["1.2"]."""
    text = fold(question)
    found = [m.group(1) for m in _NAMED.finditer(text)] + [m.group(1) for m in _DEEP.finditer(text)]
    return list(dict.fromkeys(found))


def names_section(text: str, number: str) -> bool:
    """Whether a passage (its heading or its text) holds the part numbered `number`, as a heading
    or a reference: "4.1 Receipts", "STRATEGY 1.2.3: …", "under section 4.1"."""
    n = re.escape(number)
    return re.search(rf"(?:^[ \t•*\-–]*|\b(?:{_WORDS})(?:es|s)?\s+|§\s*){n}{_AFTER}", fold(text), re.M) is not None

"""A second look for a sentence that none of the model's passages supports.

The model saw k passages, found by the question. A question and the passage that answers it can
share no words ("Can I pay to get a few extra days off?" and "9. Buying additional holiday"), so
the passage that backs a sentence is sometimes not among them, and verification would flag a
sentence the documents do say, or decline the answer. A sentence, unlike a question, speaks the
document's language: the index is searched with the sentence itself, and a passage found that
way is cited only if it passes the same check as any other (figures beside their words, most
words or the meaning), and two more:

- it is the passage most about the sentence: none of the model's passages and none found holds
  more of its words. "Probation lasts three months" is not backed by "a check-in after three
  months" in the new starters' section when the probation section, which says six, holds more
  of the sentence. A passage in the other language shares hardly any of its words, so there
  it must be the closest in meaning instead (the embedder's cosine, across both languages);
- the sentence repeats no word of what the question asks that no document holds, in any form
  ("dogs" for "Can I bring my dog?"): no passage can vouch for that, wherever it is found. A
  sentence that states a rule and then applies it to such a word ("…not on personal cloud
  storage, such as Dropbox") is looked for by its rule alone, and checked as a rule.

What may be found is what the question's own search could have found: the same access filters,
the relevance floor, and no passage of a superseded version (the old rule must not come back by
this door: "carry over up to 5 days" is the 2023 policy's). Sentences that only restate the
question, or whose figures a passage about the same thing contradicts, are not looked up.
"""

from __future__ import annotations

from collections.abc import Callable

from rag.answer.verify import Verified, Verifier
from rag.search.retrieve import relevant
from rag.text.figures import WORD
from rag.text.language import fold, other_language, stems_in_any
from rag.types import Hit


def second_look(
    checked: Verified,
    search: Callable[[str], list[Hit]],
    verifier: Verifier,
    language: str,
    question: str,
    given: list[Hit],
    min_score: float,
) -> list[Hit]:
    """Passages, not among `given`, that support a sentence of `checked` the given ones did not:
    at most one per such sentence, the one verification picks among the sentence's own hits."""
    have = {h.chunk.chunk_id for h in given}
    unknown = stems_in_any(sorted(verifier.unknown(question)))
    found: list[Hit] = []
    for sentence in checked.sentences:
        if not sentence.claims or sentence.supported or sentence.echo or sentence.contradicted:
            continue
        looked_for = sentence.text
        if unknown & stems_in_any(WORD.findall(fold(sentence.text))):
            # Only a rule applied to what the question named is looked for: by the rule's own words.
            if sentence.rule is None:
                continue
            looked_for = sentence.rule
        hits = [
            h for h in relevant(search(looked_for), min_score) if h.chunk.chunk_id not in have and not h.superseded_by
        ]
        if not hits:
            continue
        alone = verifier.verify(sentence.text, hits, language, question)
        if not alone.verified:
            continue
        # Most about it: holding most of its words; in another language, which shares none of
        # them, closest in meaning.
        overlaps = verifier.overlaps(looked_for, language, given + hits)
        similarities = verifier.similarities(sentence.text, given + hits)
        for n in sorted(alone.verified):
            hit, i = hits[n - 1], len(given) + n - 1
            foreign = other_language(hit.chunk.language, language)
            if (similarities[i] >= max(similarities)) if foreign else (overlaps[i] >= max(overlaps)):
                found.append(hit)
                have.add(hit.chunk.chunk_id)
    return found

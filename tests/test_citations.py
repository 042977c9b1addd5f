"""Markers the model writes are checked against the passages; broken ones never reach a reader."""

from rag.answer.citations import cited_numbers, clean_markers, filter_stream
from rag.types import Chunk, Hit


def _hits(n: int) -> list[Hit]:
    return [
        Hit(
            Chunk(
                chunk_id=f"c{i}",
                source=f"doc{i}.pdf",
                title=f"Doc {i}",
                text=f"text {i}",
                position=0,
                doc_hash="h",
                page=i,
            ),
            score=0.9,
            rank=i,
        )
        for i in range(1, n + 1)
    ]


def test_markers_outside_the_passages_are_dropped():
    assert clean_markers("Carry over 8 days [1]. Ask HR [4].", 3) == "Carry over 8 days [1]. Ask HR."


def test_marker_lists_are_split_and_filtered():
    assert clean_markers("Yes [1, 2, 9].", 2) == "Yes [1][2]."
    assert cited_numbers("a [2][1] b [2]") == [2, 1]


def test_stream_filter_handles_markers_split_across_pieces():
    pieces = ["You may carry ", "over 8 days [", "1", "]. Beyond that [", "5] nothing", " [2"]
    out = "".join(filter_stream(iter(pieces), 2))
    assert out == "You may carry over 8 days [1]. Beyond that  nothing [2"


def test_stream_filter_passes_ordinary_brackets_through():
    pieces = ["See [the ", "annex] and [1]", "."]
    assert "".join(filter_stream(iter(pieces), 1)) == "See [the annex] and [1]."


def test_citations_in_words_become_markers():
    assert clean_markers("Six months. This is supported by passage 1.", 2) == "Six months. This is supported by [1]."
    assert cited_numbers(clean_markers("Dos días (pasaje 2).", 2)) == [2]
    assert clean_markers("As passage 7 says.", 2) == "As says."

"""The keyword index: SQLite FTS5 over stemmed chunk text, in the manifest's own database.

It finds what embeddings miss: form numbers ("FIN-220"), acronyms, amounts, rare names. It lives
in the manifest's SQLite file so that a document's keyword rows change in the same transaction
as its manifest row (see `Manifest.transaction`): the manifest and the keyword index cannot
disagree, whatever happens to the process.

Each chunk is stored once in `chunks` (text, the metadata filters need and a copy of its vector) and its stems in the
FTS5 table `chunk_terms` under the same rowid. Stems are computed in Python (rag.text.language), with
accents folded, in the document's language; questions are stemmed in every language.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING

from rag.index import migrations
from rag.index.filters import Filters
from rag.text.language import exact_terms, query_stems, spelled_codes, stems
from rag.text.sections import names_section, section_numbers
from rag.types import Chunk

if TYPE_CHECKING:
    import numpy as np

SCHEMA = """
CREATE TABLE IF NOT EXISTS chunks (
    id          INTEGER PRIMARY KEY,
    chunk_id    TEXT NOT NULL UNIQUE,
    source      TEXT NOT NULL,
    position    INTEGER NOT NULL,
    title       TEXT NOT NULL,
    section     TEXT NOT NULL,
    text        TEXT NOT NULL,
    doc_hash    TEXT NOT NULL,
    page        INTEGER,
    page_end    INTEGER,
    language    TEXT NOT NULL,
    doc_type    TEXT NOT NULL,
    folder      TEXT NOT NULL,
    vector      BLOB,           -- the chunk's embedding (float32), a copy of Chroma's
    access      TEXT NOT NULL DEFAULT ''  -- who may read it (rag/people/access.py); '' = no one
);
CREATE INDEX IF NOT EXISTS chunks_source ON chunks (source);
CREATE INDEX IF NOT EXISTS chunks_folder ON chunks (folder);
CREATE VIRTUAL TABLE IF NOT EXISTS chunk_terms USING fts5(
    terms, head, tokenize = 'unicode61 remove_diacritics 2'
);
CREATE VIRTUAL TABLE IF NOT EXISTS chunk_vocab USING fts5vocab(chunk_terms, 'row');
CREATE TABLE IF NOT EXISTS vector_sums (  -- per language: how many vectors, and their sum (float64)
    language    TEXT PRIMARY KEY,
    n           INTEGER NOT NULL,
    total       BLOB NOT NULL
);
"""
_CHUNK_COLUMNS = (
    "chunk_id, source, position, title, section, text, doc_hash, page, page_end, language, doc_type, folder, access"
)
# bm25 column weights: body terms count fully, the repeated title/heading terms half.
_BM25 = "bm25(chunk_terms, 1.0, 0.5)"
# In a large index a question word found in more than this many chunks, and in more than 5% of
# them, is left out of the match: its idf adds little, and scoring its postings cost the keyword
# stage 80-180 ms at 100,000 chunks (bench/bench_scale.py). Small indexes are never pruned.
_COMMON_DOCS = 2000
_COMMON_SHARE = 0.05


@dataclass(frozen=True)
class KeywordHit:
    chunk: Chunk
    score: float  # bm25, higher is better
    rank: int
    exact: bool  # the chunk holds every identifier ('FIN-220') and numbered part ('section 4.1') the question names


def _row_chunk(row) -> Chunk:
    cid, source, position, title, section, text, doc_hash, page, page_end, language, _, _, access = row
    return Chunk(
        chunk_id=cid,
        source=source,
        title=title,
        text=text,
        position=position,
        doc_hash=doc_hash,
        page=page or None,
        page_end=page_end or None,
        section=section,
        language=language,
        access=access,
    )


def _phrase(terms: str) -> str:
    return '"' + terms.replace('"', "") + '"'


class KeywordIndex:
    """FTS5 keyword search over the chunks of indexed documents; writes join the caller's transaction."""

    def __init__(self, db: sqlite3.Connection):
        self._db = db
        db.executescript(SCHEMA)
        migrations.keyword_table(db, lambda rows: self._shift_sums(rows, +1))

    # --- writes (the caller commits: see Manifest.transaction) -------------------------------
    def replace_source(self, source: str, chunks: Iterable[Chunk], vectors: Iterable | None = None) -> None:
        """Make the index hold exactly these chunks for `source`, with their vectors where given.

        The vectors are a copy of what Chroma holds, kept next to the chunks' filter columns: an
        exact search within a narrow filter reads 1,000 of them in a few ms, where Chroma's `get`
        takes 30-50 ms (bench/bench_scale.py).
        """
        import numpy as np

        self.delete_source(source)
        chunks = list(chunks)
        blobs = (
            [np.asarray(v, dtype=np.float32).tobytes() for v in vectors]
            if vectors is not None
            else [None] * len(chunks)
        )
        self._shift_sums([(c.language, blob) for c, blob in zip(chunks, blobs, strict=True)], +1)
        for c, blob in zip(chunks, blobs, strict=True):
            cur = self._db.execute(
                f"INSERT INTO chunks ({_CHUNK_COLUMNS}, vector) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
                (
                    c.chunk_id,
                    c.source,
                    c.position,
                    c.title,
                    c.section,
                    c.text,
                    c.doc_hash,
                    c.page,
                    c.page_end,
                    c.language,
                    c.doc_type,
                    c.folder,
                    c.access,
                    blob,
                ),
            )
            language = c.language or "en"
            self._db.execute(
                "INSERT INTO chunk_terms (rowid, terms, head) VALUES (?, ?, ?)",
                (cur.lastrowid, " ".join(stems(c.text, language)), " ".join(stems(f"{c.title} {c.section}", language))),
            )

    def delete_source(self, source: str) -> None:
        self._shift_sums(
            self._db.execute("SELECT language, vector FROM chunks WHERE source = ?", (source,)).fetchall(), -1
        )
        self._db.execute("DELETE FROM chunk_terms WHERE rowid IN (SELECT id FROM chunks WHERE source = ?)", (source,))
        self._db.execute("DELETE FROM chunks WHERE source = ?", (source,))

    def clear(self) -> None:
        self._db.execute("DELETE FROM vector_sums")
        self._db.execute("DELETE FROM chunk_terms")
        self._db.execute("DELETE FROM chunks")

    def _shift_sums(self, rows: Iterable[tuple[str, bytes | None]], sign: int) -> None:
        """Add (sign +1) or take away (-1) these (language, vector) rows from the per-language sums."""
        import numpy as np

        change: dict[str, list] = {}
        for language, blob in rows:
            if blob is not None:
                entry = change.setdefault(language or "en", [0, 0.0])  # as stemming reads it
                entry[0] += 1
                entry[1] = entry[1] + np.frombuffer(blob, dtype=np.float32).astype(np.float64)
        for language, (n, total) in change.items():
            row = self._db.execute("SELECT n, total FROM vector_sums WHERE language = ?", (language,)).fetchone()
            old_n, old_total = (row[0], np.frombuffer(row[1], dtype=np.float64)) if row else (0, 0.0)
            new_n = old_n + sign * n
            if new_n <= 0:
                self._db.execute("DELETE FROM vector_sums WHERE language = ?", (language,))
            else:
                self._db.execute(
                    "INSERT OR REPLACE INTO vector_sums (language, n, total) VALUES (?, ?, ?)",
                    (language, new_n, np.asarray(old_total + sign * total, dtype=np.float64).tobytes()),
                )

    # --- reads ----------------------------------------------------------------------------------
    def language_means(self, prior_chunks: int = 0) -> dict[str, "np.ndarray"]:
        """The mean vector of each language's chunks. With prior_chunks > 0 each mean is drawn
        towards the mean of all chunks as if that many chunks of it were added: a language with a
        handful of chunks gets a mean that stands for the corpus rather than for their topic."""
        import numpy as np

        rows = [
            (language, n, np.frombuffer(total, dtype=np.float64))
            for language, n, total in self._db.execute("SELECT language, n, total FROM vector_sums")
        ]
        if not rows:
            return {}
        overall = sum(total for _, _, total in rows) / sum(n for _, n, _ in rows)
        return {
            language: ((total + prior_chunks * overall) / (n + prior_chunks)).astype(np.float32)
            for language, n, total in rows
        }

    def ids_by_source(self) -> dict[str, set[str]]:
        out: dict[str, set[str]] = {}
        for source, cid in self._db.execute("SELECT source, chunk_id FROM chunks"):
            out.setdefault(source, set()).add(cid)
        return out

    def count(self) -> int:
        return self._db.execute("SELECT COUNT(*) FROM chunks").fetchone()[0]

    def chunks(self, ids: Iterable[str]) -> dict[str, Chunk]:
        """Stored chunks by id (for hits the other index found)."""
        return {row[0]: _row_chunk(row) for row in self._rows_for(f"SELECT {_CHUNK_COLUMNS} FROM chunks c", ids)}

    def around(self, source: str, first: int, last: int) -> dict[int, Chunk]:
        """The chunks of one document at positions first..last, by position (a passage's neighbours)."""
        rows = self._db.execute(
            f"SELECT {_CHUNK_COLUMNS} FROM chunks c WHERE c.source = ? AND c.position BETWEEN ? AND ?",
            (source, first, last),
        ).fetchall()
        return {row[2]: _row_chunk(row) for row in rows}

    def vectors(self, ids: Iterable[str]) -> dict[str, "np.ndarray"]:
        """The stored vectors of these chunks, by id; chunks indexed before the copy are left out."""
        import numpy as np

        rows = self._rows_for("SELECT c.chunk_id, c.vector FROM chunks c", ids, "c.vector IS NOT NULL")
        return {cid: np.frombuffer(blob, dtype=np.float32) for cid, blob in rows}

    def _rows_for(
        self, select: str, ids: Iterable[str], where: str = "1", params: list | None = None
    ) -> Iterator[tuple]:
        """Rows of `select` (over chunks c) for these chunk ids and `where`, 500 ids a statement."""
        ids = list(ids)
        for i in range(0, len(ids), 500):
            part = ids[i : i + 500]
            yield from self._db.execute(
                f"{select} WHERE c.chunk_id IN ({','.join('?' * len(part))}) AND {where}", [*part, *(params or [])]
            ).fetchall()

    def sources_without_vectors(self) -> set[str]:
        """Documents whose rows lack the vector copy (indexed before it existed)."""
        return {r[0] for r in self._db.execute("SELECT DISTINCT source FROM chunks WHERE vector IS NULL")}

    def passing(self, ids: list[str], filters: Filters) -> set[str]:
        """Which of these chunk ids the filters accept."""
        where, params = filters.sql()
        return {r[0] for r in self._rows_for("SELECT c.chunk_id FROM chunks c", ids, where, params)}

    def matching(self, filters: Filters, limit: int) -> list[str] | None:
        """Every chunk id the filters accept, or None when there are more than `limit`."""
        where, params = filters.sql()
        ids = [
            r[0]
            for r in self._db.execute(f"SELECT c.chunk_id FROM chunks c WHERE {where} LIMIT ?", [*params, limit + 1])
        ]
        return ids if len(ids) <= limit else None

    def folders(self, filters: Filters | None = None) -> list[str]:
        return self._distinct("folder", filters)

    def labels(self) -> list[str]:
        """The access labels the indexed chunks carry."""
        return self._distinct("access")

    def facets(self, filters: Filters | None = None) -> dict[str, list[str]]:
        """What a search can be narrowed to: the indexed folders, document types and languages
        (of the chunks `filters` lets through: a user's access, so no forbidden folder is named)."""
        return {
            "folders": [f for f in self.folders(filters) if f],
            "doc_types": self._distinct("doc_type", filters),
            "languages": self._distinct("language", filters),
        }

    def _distinct(self, column: str, filters: Filters | None = None) -> list[str]:
        where, params = (filters or Filters()).sql()
        return [
            r[0]
            for r in self._db.execute(
                f"SELECT DISTINCT c.{column} FROM chunks c WHERE {where} ORDER BY c.{column}", params
            )
        ]

    def search(self, question: str, n: int, filters: Filters | None = None) -> list[KeywordHit]:
        """The n chunks whose stems best match the question's (bm25), best first."""
        # Each code as typed ("MH370") and as documents mostly write it ("FIN220", "FIN 220" as
        # FIN-220); "FIN 220" is never "FIN" alone, which is no identifier.
        typed, spelled = spelled_codes(question, glued=False), spelled_codes(question)
        terms = self._distinctive(list(dict.fromkeys(query_stems(typed) + query_stems(spelled))))
        # A numbered part asked about ("strategy 1.2.3") is matched as the phrase its number is
        # indexed as ("1 2 3"), which weighs far more than its digits one by one.
        numbers = section_numbers(question)
        parts = [" ".join(n.split(".")) for n in numbers]
        if not terms and not parts:
            return []
        match = " OR ".join(_phrase(t) for t in terms + parts)
        where, params = (filters or Filters()).sql()
        # Rank on rowids alone, then read the n winners: sorting every match with its text is slow.
        rows = self._db.execute(
            f"SELECT t.id, {', '.join('c.' + col.strip() for col in _CHUNK_COLUMNS.split(','))}, t.rank FROM ("
            f"  SELECT chunk_terms.rowid AS id, {_BM25} AS rank FROM chunk_terms"
            f"  JOIN chunks c ON c.id = chunk_terms.rowid WHERE chunk_terms MATCH ? AND {where}"
            f"  ORDER BY rank LIMIT ?"
            f") t JOIN chunks c ON c.id = t.id ORDER BY t.rank",
            [match, *params, n],
        ).fetchall()
        ways = [w for w in dict.fromkeys([tuple(exact_terms(typed)), tuple(exact_terms(spelled))]) if w]
        exact_rows = self._exact(ways, numbers, rows)
        return [
            KeywordHit(chunk=_row_chunk(r[1:-1]), score=-float(r[-1]), rank=i, exact=r[0] in exact_rows)
            for i, r in enumerate(rows, start=1)
        ]

    def known(self, terms: list[str], access: tuple[str, ...] | None = None) -> set[str]:
        """The terms (stems) that occur anywhere in the index, or, given `access` labels, in a
        chunk those labels may read: whether a word is known must not tell a user what a document
        they may not read contains."""
        terms = sorted(set(terms))
        if not terms:
            return set()
        rows = self._db.execute(f"SELECT term FROM chunk_vocab WHERE term IN ({','.join('?' * len(terms))})", terms)
        known = {r[0] for r in rows}
        if access is None:
            return known
        where, params = Filters(access=access).sql()
        return {
            t
            for t in sorted(known)
            if self._db.execute(
                "SELECT 1 FROM chunk_terms JOIN chunks c ON c.id = chunk_terms.rowid "
                f"WHERE chunk_terms MATCH ? AND {where} LIMIT 1",
                [_phrase(t), *params],
            ).fetchone()
        }

    def in_source(self, source: str, terms: list[str]) -> set[str]:
        """The terms (stems) that occur in some chunk of `source`, its headings included."""
        ids = [r[0] for r in self._db.execute("SELECT id FROM chunks WHERE source = ?", (source,))]
        if not ids:
            return set()
        marks = ",".join("?" * len(ids))
        return {
            t
            for t in sorted(set(terms))
            if self._db.execute(
                f"SELECT 1 FROM chunk_terms WHERE chunk_terms MATCH ? AND rowid IN ({marks}) LIMIT 1",
                [_phrase(t), *ids],
            ).fetchone()
        }

    def _distinctive(self, terms: list[str]) -> list[str]:
        """The question's stems that occur in the index, without the very common ones of a large
        index (at least the two rarest are kept)."""
        if not terms:
            return []
        df = dict(
            self._db.execute(
                f"SELECT term, doc FROM chunk_vocab WHERE term IN ({','.join('?' * len(terms))})", terms
            ).fetchall()
        )
        present = [t for t in terms if t in df]
        if not present or max(df.values()) <= _COMMON_DOCS:
            return present
        limit = max(_COMMON_DOCS, _COMMON_SHARE * self.count())
        return [t for t in present if df[t] <= limit] or sorted(present, key=lambda t: df[t])[:2]

    def _exact(self, ways: list[tuple[str, ...]], numbers: list[str], rows: list) -> set[int]:
        """Which of these rows (rowid, then the chunk's columns) contain every identifier the
        question names, each as a phrase, in one of the `ways` it may be written, and name every
        numbered part it asks about (`section_numbers`), as a heading or a reference."""
        if not (ways or numbers) or not rows:
            return set()
        ids = [r[0] for r in rows]
        if ways:
            match = " OR ".join("(" + " AND ".join(f"terms : {_phrase(t)}" for t in way) + ")" for way in ways)
            found = self._db.execute(
                f"SELECT rowid FROM chunk_terms WHERE chunk_terms MATCH ? AND rowid IN ({','.join('?' * len(ids))})",
                [match, *ids],
            )
            ids = [r[0] for r in found]
        if numbers:  # the heading path ("4. Claims > 4.2 Approval") read line by line, then the text
            texts = {r[0]: f"{r[5].replace(' > ', chr(10))}\n{r[6]}" for r in rows}
            ids = [i for i in ids if all(names_section(texts[i], n) for n in numbers)]
        return set(ids)

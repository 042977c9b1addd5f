"""The soak's query worker: a separate process, like the Streamlit page, with its own Chroma client.

    python -m bench.soak_query_worker CONFIG_JSON

Started by bench/soak_watch.py (cwd: the soak's work folder). It builds the services once, then
runs the retriever's search() over the questions in a loop, every `interval` seconds, until the
soak asks for its final probe (by writing the `probe` file), `max_queries` or `max_seconds`.
CONFIG_JSON keys: data_dir, docs_dir, out, questions, probe, recent, k, interval, vis_every,
max_queries, max_seconds.

It appends one JSON object a line to `out`:
- {"event": "ready", t, load_s, count}: models loaded, and the chunk count it sees;
- {"event": "q", t, src, lat, [err], [count | count_err]}: one query (count every 10th);
- {"event": "vis", t, items: [[source, indexed_at, visible, error], ...]}: every `vis_every`
  queries, can vector search reach each of the recently indexed files listed in `recent`;
- {"event": "probe", t, count, sources_asked, sources_in_metadata, sources_vector_visible,
  invisible, probe_errors, hit_sources, query_errors, [err]}: the final probe of the files named
  in the `probe` file.
"""

from __future__ import annotations

import json
import os
import sys
import time


class QueryWorker:
    """The long-running reader: services built once, its own collection and a fixed query vector."""

    def __init__(self, cfg: dict, out) -> None:
        self.cfg, self.out = cfg, out
        t0 = time.time()
        from rag.index.store import open_client
        from rag.services import build_services
        from rag.settings import Settings

        settings = Settings(data_dir=cfg["data_dir"], docs_dir=cfg["docs_dir"])
        self.services = build_services(settings)
        self.probe_vec = self.services.embedder.embed_query("policy")
        self.col = open_client(settings).get_collection(settings.collection)
        self.emit(event="ready", t=time.time(), load_s=time.time() - t0, count=self.services.store.count())
        with open(cfg["questions"], encoding="utf-8") as fh:
            self.questions = [json.loads(line)["question"] for line in fh if line.strip()]

    def emit(self, **kw) -> None:
        self.out.write(json.dumps(kw) + "\n")

    def visible(self, src: str) -> tuple[bool, str | None]:
        """Can vector search in this process reach any chunk of `src`? (filtered query, n_results=1)"""
        try:
            got = self.col.query(query_embeddings=[self.probe_vec], n_results=1, where={"source": src}, include=[])
            return bool(got["ids"][0]), None
        except Exception as exc:
            return False, f"{type(exc).__name__}: {exc}"[:300]

    def query_loop(self) -> None:
        """Search the questions in turn until the probe is asked for, or the bounds are reached."""
        cfg = self.cfg
        deadline = time.time() + cfg["max_seconds"]
        i = 0
        while i < cfg["max_queries"] and time.time() < deadline and not os.path.exists(cfg["probe"]):
            q = self.questions[i % len(self.questions)]
            i += 1
            rec = {"event": "q", "t": time.time()}
            t = time.perf_counter()
            try:
                hits = self.services.retriever.search(q, cfg["k"])
                rec["src"] = [h.chunk.source for h in hits]
            except Exception as exc:
                rec["err"] = f"{type(exc).__name__}: {exc}"[:400]
                rec["src"] = []
            rec["lat"] = time.perf_counter() - t
            if i % 10 == 1:
                try:
                    rec["count"] = self.services.store.count()
                except Exception as exc:
                    rec["count_err"] = f"{type(exc).__name__}: {exc}"[:400]
            self.emit(**rec)
            if i % cfg["vis_every"] == 0:
                self.emit_visibility()
            time.sleep(cfg["interval"])

    def emit_visibility(self) -> None:
        """Which of the recently indexed files (the bench keeps the list) can vector search reach?"""
        try:
            with open(self.cfg["recent"], encoding="utf-8") as fh:
                recent = json.load(fh)
        except (OSError, ValueError):
            recent = []
        vis = []
        for src, indexed_at in recent:
            ok, err = self.visible(src)
            vis.append([src, indexed_at, ok, err])
        self.emit(event="vis", t=time.time(), items=vis)

    def wait_for_probe_request(self) -> None:
        """The bench asks for the final probe once folder == index (bounded by max_seconds)."""
        for _ in range(int(self.cfg["max_seconds"])):
            if os.path.exists(self.cfg["probe"]):
                break
            time.sleep(1)

    def final_probe(self) -> None:
        """What does this long-running client see of the files the bench names?"""
        probe = {"event": "probe", "t": time.time()}
        try:
            with open(self.cfg["probe"], encoding="utf-8") as fh:
                spec = json.load(fh)
            probe["count"] = self.services.store.count()
            n_meta, n_vec, errors, invisible = 0, 0, [], []
            for src in spec["sources"]:
                try:
                    n_meta += bool(self.col.get(where={"source": src}, include=[], limit=1)["ids"])
                except Exception as exc:
                    errors.append(f"get {type(exc).__name__}: {exc}"[:300])
                ok, err = self.visible(src)
                n_vec += ok
                if err:
                    errors.append("query " + err)
                if not ok:
                    invisible.append(src)
            probe["sources_asked"] = len(spec["sources"])
            probe["sources_in_metadata"] = n_meta
            probe["sources_vector_visible"] = n_vec
            probe["invisible"] = invisible
            probe["probe_errors"] = errors
            srcs, qerr = [], []
            for q in self.questions:
                try:
                    srcs.extend(h.chunk.source for h in self.services.retriever.search(q, self.cfg["k"]))
                except Exception as exc:
                    qerr.append(f"{type(exc).__name__}: {exc}"[:400])
            probe["hit_sources"] = srcs
            probe["query_errors"] = qerr
        except Exception as exc:
            probe["err"] = f"{type(exc).__name__}: {exc}"[:400]
        self.emit(**probe)


def main(argv: list[str] | None = None) -> int:
    cfg = json.loads((sys.argv[1:] if argv is None else argv)[0])
    with open(cfg["out"], "a", buffering=1) as out:
        worker = QueryWorker(cfg, out)
        worker.query_loop()
        worker.wait_for_probe_request()
        worker.final_probe()
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""`faro`: the command line. Each sub-command parses its arguments and calls one function."""

from __future__ import annotations

import argparse
import json
import logging
import os
import subprocess
import sys
import time
from pathlib import Path

from app.logs import LOG_FORMAT
from rag.errors import FaroError, UsageError
from rag.settings import Settings, load_settings
from rag.text.textfiles import read_text


def _services(settings: Settings, *, ingesting: bool = False):
    from rag.services import build_services

    return build_services(settings, ingesting=ingesting)


def cmd_ingest(args, settings: Settings) -> int:
    from ingest.pipeline import Ingestor

    s = _services(settings, ingesting=True)
    ingestor = Ingestor(settings, s.embedder, s.store, s.manifest)

    def show(result) -> None:
        if not args.json:
            extra = f" ({result.chunks} chunks)" if result.status in ("added", "updated") else ""
            reason = f": {result.reason}" if result.reason else ""
            print(
                f"{result.status:9} {result.source}{extra}{reason}",
                file=sys.stderr if result.status == "failed" else sys.stdout,
            )

    from rag.index.lock import writer_lock

    paths = [Path(p) for p in args.paths] or [settings.docs_dir]
    with writer_lock(settings.data_dir, "faro ingest", wait=None):
        report = ingestor.ingest(paths, on_file=show)
    if args.json:
        print(json.dumps(report.to_json(), ensure_ascii=False))
    else:
        r = report.to_json()
        print(
            f"{r['added']} added, {r['updated']} updated, {r['unchanged']} unchanged, {r['failed']} failed "
            f"- {r['pages']} pages, {r['chunks']} chunks in {r['seconds']} s"
        )
    return 1 if report.count("failed") and args.strict else 0


def cmd_reindex(args, settings: Settings) -> int:
    from ingest.reindex import reindex

    folder = Path(args.folder) if args.folder else settings.docs_dir
    report = reindex(
        settings,
        folder,
        full=args.full,
        wait=args.wait,
        allow_empty=args.allow_empty,
        allow_mass_delete=args.allow_mass_delete,
    )
    summary = report.to_json()
    summary["folder"] = str(folder.resolve())
    if args.report:
        Path(args.report).write_text(json.dumps(summary, ensure_ascii=False, indent=2), encoding="utf-8")
    for f in summary["files"]:
        if f["status"] != "unchanged":
            reason = f": {f['reason']}" if f["reason"] else ""
            print(f"{f['status']:9} {f['source']}{reason}", file=sys.stderr if f["status"] == "failed" else sys.stdout)
    counts = ", ".join(
        f"{summary[k]} {k}"
        for k in ("added", "updated", "renamed", "deleted", "unchanged", "repaired", "relabelled", "failed")
    )
    print(f"reindex {summary['folder']}: {counts} in {summary['seconds']} s")
    return 1 if summary["failed"] else 0


def cmd_watch(args, settings: Settings) -> int:
    import signal
    import threading

    from ingest.watch import FolderWatcher

    folder = Path(args.folder) if args.folder else settings.docs_dir
    stop = threading.Event()
    # SIGTERM (systemd) and Ctrl-C stop the watcher once the file in progress is done (well within 10 s).
    signal.signal(signal.SIGTERM, lambda *_: stop.set())
    signal.signal(signal.SIGINT, lambda *_: stop.set())
    FolderWatcher(_services(settings, ingesting=True), folder).run(stop)
    return 0


def cmd_status(args, settings: Settings) -> int:
    from rag.people.access import readers
    from rag.services import open_manifest

    manifest = open_manifest(settings)
    summary = manifest.summary()
    docs = [r.to_json() for r in manifest.all()]
    if args.json:
        print(json.dumps({**summary, "documents_list": docs}, ensure_ascii=False))
        return 0
    print(
        f"{summary['documents']} documents, {summary['chunks']} chunks, {summary['failed']} failed, "
        f"{summary['pending']} pending (index at {settings.data_dir})"
    )
    for d in docs:
        when = time.strftime("%Y-%m-%d %H:%M", time.localtime(d["indexed_at"]))
        detail = (
            f"{d['chunks']} chunks, effective {d['effective']} ({d['dated_by']}), readable by {readers(d['access'])}"
            if d["status"] == "indexed"
            else d["error"]
        )
        print(f"{d['status']:8} {when} {d['source']}: {detail}")
    return 0


def _filters(args):
    from rag.index.filters import Filters

    def split(values):
        return tuple(v.strip().lower().lstrip(".") for x in values or [] for v in x.split(",") if v.strip())

    return Filters(
        doc_types=split(args.type), folders=tuple(f.strip("/") for f in args.folder or []), languages=split(args.lang)
    )


def _as(args, s):
    """The user named by --as, or None: the server's own view of everything."""
    return s.user_named(args.as_user) if args.as_user else None


def cmd_search(args, settings: Settings) -> int:
    s = _services(settings)
    k = args.k or settings.top_k
    filters = s.filters_for(_as(args, s), _filters(args))
    if args.queries:
        try:
            lines = read_text(Path(args.queries), "the queries file").splitlines()
        except OSError as exc:
            raise FaroError(f"{args.queries}: cannot read the queries file ({exc.strerror or exc})") from exc
        for q in (ln.strip() for ln in lines):
            if q:
                hits = s.retriever.search(q, k, filters, mode=args.mode)
                if args.as_user:  # each search made as someone is theirs in the audit, one by one or in a file
                    s.audit().question(_as(args, s), q, sorted({h.chunk.source for h in hits}), via="cli")
                print(json.dumps({"query": q, "results": [h.to_json() for h in hits]}, ensure_ascii=False))
        return 0
    if not (args.question or "").strip():
        raise UsageError("give a question, or --queries FILE")
    from rag.answer.stream import asked

    hits = s.retriever.search(asked(args.question), k, filters, mode=args.mode)
    if args.as_user:
        s.audit().question(_as(args, s), args.question, sorted({h.chunk.source for h in hits}), via="cli")
    for h in hits:
        if args.json:
            print(json.dumps(h.to_json(), ensure_ascii=False))
        else:
            where = h.chunk.location
            how = " ".join(
                x
                for x in (
                    f"vector #{h.dense_rank}" if h.dense_rank else "",
                    f"keyword #{h.keyword_rank}" if h.keyword_rank else "",
                    "exact" if h.exact else "",
                    f"also in {', '.join(h.duplicates)}" if h.duplicates else "",
                )
                if x
            )
            print(f"{h.rank}. {h.score:.3f} {h.chunk.source} {where} ({how})\n   {h.chunk.text[:200]!r}")
    return 0


def cmd_ask(args, settings: Settings) -> int:
    from rag.answer.stream import AnswerStream

    s = _services(settings)
    user = _as(args, s)
    stream = AnswerStream(args.question, s, args.k, _filters(args), user=user)
    for piece in stream:
        if not args.json:
            print(piece, end="", flush=True)
    answer = stream.answer
    if user is not None:
        s.record_question(user, answer, via="cli")
    if args.json:
        out = answer.to_json()
        if s.generator_note:
            out["generator_note"] = s.generator_note
        print(json.dumps(out, ensure_ascii=False))
        return 0
    print()
    if stream.revised:
        # A later check changed sentences already printed (a passage found for one of them).
        print(f"\nChecked answer:\n{answer.text}")
    if s.generator_note:
        print(f"note: {s.generator_note}", file=sys.stderr)
    for sentence in answer.unsupported:
        print(f"left out, not found in the documents: {sentence}")
    for c in answer.citations:
        where = c.chunk.location
        flags = ", ".join(x for x in (c.note, "" if c.verified else "not verified") if x)
        print(f"[{c.marker}] {c.chunk.title} - {c.chunk.source}, {where}" + (f" ({flags})" if flags else ""))
    return 0


def cmd_eval(args, settings: Settings) -> int:
    from rag.ops.eval_questions import load_questions
    from rag.ops.evaluate import evaluate, format_report
    from rag.ops.evaluate_answers import load_drafts

    questions = load_questions(Path(args.questions))
    s = _services(settings)
    if s.store.count() == 0:
        raise FaroError("the index is empty: run `faro ingest FOLDER` first")
    modes = tuple(m.strip() for m in args.modes.split(",") if m.strip()) if args.modes else (settings.retrieval,)
    for m in modes:
        if m not in ("hybrid", "dense", "keyword"):
            raise UsageError(f"--modes: unknown mode {m!r} (hybrid, dense, keyword)")
    rows = Path(args.rows) if args.rows else settings.data_dir / "eval" / f"rows-{time.strftime('%Y%m%d-%H%M%S')}.jsonl"
    replay = load_drafts(Path(args.replay)) if args.replay else None
    report = evaluate(
        s, questions, k=args.k, modes=modes, answers=args.answers or replay is not None, rows_path=rows, replay=replay
    )
    print(json.dumps(report, ensure_ascii=False, indent=2) if args.json else format_report(report))
    return 0


def _serve(cmd: list[str], env: dict[str, str]) -> int:
    """Run a server as our child and stop it when we are stopped: SIGTERM (systemd, kill) and
    SIGINT are passed on, so stopping `faro ui` or `faro chroma` never leaves the port served."""
    import signal

    child = subprocess.Popen(cmd, env=env)

    def pass_on(signum, _frame):
        child.send_signal(signum)

    for signum in (signal.SIGTERM, signal.SIGINT, signal.SIGHUP):
        signal.signal(signum, pass_on)
    try:
        return child.wait()
    finally:
        if child.poll() is None:  # we are going for another reason: do not leave it behind
            child.terminate()
            try:
                child.wait(timeout=10)
            except subprocess.TimeoutExpired:
                child.kill()


def cmd_ui(args, settings: Settings) -> int:
    page = Path(__file__).parent / "server.py"  # the chat page, and the routes of its sign-in cookie
    cmd = [
        sys.executable,
        "-m",
        "streamlit",
        "run",
        str(page),
        "--server.headless",
        "true",
        "--browser.gatherUsageStats",
        "false",
        "--client.toolbarMode",
        "minimal",  # no "Deploy" or developer menu on a company tool
        # No watching of source files for changes: a development aid that, after every script run,
        # walked every loaded module's path on the server's event loop (a third of the server's
        # time with 20 people asking at once; bench/bench_page_load.py).
        "--server.fileWatcherType",
        "none",
        # No full garbage collection after every script run: with the models' objects in memory
        # it held every other session for tens of milliseconds per run (Python's own GC still runs).
        "--runner.postScriptGC",
        "false",
        "--server.port",
        str(args.port),
        "--server.address",
        args.address,
    ]
    # Streamlit reads its own options from STREAMLIT_*; we only pass them to the child.
    # FORWARDED_ALLOW_IPS: uvicorn must not swap the TCP peer for an X-Forwarded-For value; with
    # FARO_AUTH=header the page believes the user header only from FARO_TRUSTED_PROXIES peers.
    env = dict(os.environ, STREAMLIT_BROWSER_GATHER_USAGE_STATS="false", FORWARDED_ALLOW_IPS="")
    print(f"Faro is at http://{args.address}:{args.port}", flush=True)
    return _serve(cmd, env)


def cmd_chroma(args, settings: Settings) -> int:
    settings.chroma_dir.mkdir(parents=True, exist_ok=True)
    chroma = Path(sys.executable).parent / "chroma"
    cmd = [
        str(chroma),
        "run",
        "--path",
        str(settings.chroma_dir),
        "--host",
        args.host,
        "--port",
        str(settings.chroma_port),
    ]
    env = dict(os.environ, ANONYMIZED_TELEMETRY="False")
    env.setdefault("RUST_LOG", "warn")  # at INFO it logs every request: megabytes an hour
    print(
        f"Chroma for Faro at http://{args.host}:{settings.chroma_port}, data in {settings.chroma_dir}. "
        f"Point every Faro process at it: FARO_CHROMA_HOST={args.host} FARO_CHROMA_PORT={settings.chroma_port}",
        flush=True,
    )
    return _serve(cmd, env)


def cmd_doctor(args, settings: Settings) -> int:
    from rag.ops.doctor import run_checks

    ok = True
    for check in run_checks(settings):
        ok &= check.ok or not check.essential
        mark = "ok  " if check.ok else ("FAIL" if check.essential else "warn")
        print(f"[{mark}] {check.name}: {check.detail}")
    return 0 if ok else 1


def cmd_users(args, settings: Settings) -> int:
    from rag.people.auth import UsersFile

    users = UsersFile(settings.users_path)
    if args.action == "list":
        for a in sorted(users.accounts().values(), key=lambda a: a.name.lower()):
            print(f"{a.name}\t{','.join(a.groups) or '-'}\t{'password' if a.password_hash else 'no password'}")
        return 0
    if not args.name:
        raise UsageError(f"faro users {args.action}: give a user name")
    if args.action == "remove":
        if not users.remove(args.name):
            raise FaroError(f"no user {args.name} in {settings.users_path}")
        print(f"removed {args.name}")
        return 0
    if args.action == "add" and users.find(args.name) is not None:  # before asking for a password
        raise FaroError(f"{args.name} already has an account: use `faro users set {args.name}` to change it")
    if args.action == "set" and users.find(args.name) is None:
        raise FaroError(f"no user {args.name} in {settings.users_path} (`faro users add {args.name}` creates one)")
    password = None
    if args.password_stdin:
        password = sys.stdin.readline().rstrip("\n")
    elif args.action == "add" and not args.no_password:
        import getpass

        password = getpass.getpass(f"Password for {args.name}: ")
        if password != getpass.getpass("Again: "):
            raise FaroError("the passwords differ")
    groups = [g.strip() for g in args.groups.split(",") if g.strip()] if args.groups is not None else None
    account = (users.add if args.action == "add" else users.change)(args.name, password=password, groups=groups)
    print(f"{account.name}: groups {','.join(account.groups) or '-'} ({settings.users_path})")
    return 0


def cmd_audit(args, settings: Settings) -> int:
    from rag.people.audit import parse_since
    from rag.services import audit_log

    log = audit_log(settings)
    if args.action == "purge":
        print(f"deleted {log.purge()} entries older than {settings.audit_retention_days} days")
        return 0
    if args.action == "verify":
        entries, head, problems = log.verify()
        for problem in problems:
            print(f"audit: {problem}", file=sys.stderr)
        print(f"audit log {'TAMPERED WITH' if problems else 'intact'}: {entries} entries, head {head or '-'}")
        return 1 if problems else 0
    text = log.export_csv(parse_since(args.since) if args.since else None)
    if args.output:
        Path(args.output).write_text(text, encoding="utf-8")
        print(f"{text.count(chr(10)) - 1} entries written to {args.output}", file=sys.stderr)
    else:
        sys.stdout.write(text)
    return 0


def _filter_arguments(q: argparse.ArgumentParser) -> None:
    q.add_argument("--type", action="append", metavar="EXT", help="only these file types, e.g. pdf or pdf,docx")
    q.add_argument("--folder", action="append", metavar="DIR", help="only documents under this folder (repeatable)")
    q.add_argument("--lang", action="append", metavar="LANG", help="only documents in this language: en, es")
    q.add_argument(
        "--as",
        dest="as_user",
        metavar="USER",
        help="only what this user of the users file may read (FARO_ACCESS_FILE); default: everything",
    )


def build_parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(
        prog="faro", description="Answers policy questions from your own documents, with citations."
    )
    p.add_argument("-v", "--verbose", action="store_true", help="log what happens per file")
    sub = p.add_subparsers(dest="command", required=True)

    q = sub.add_parser("ingest", help="index files and folders (PDF, DOCX, MD, TXT)")
    q.add_argument("paths", nargs="*", help="files or folders; default FARO_DOCS_DIR")
    q.add_argument("--json", action="store_true", help="print the summary as JSON")
    q.add_argument("--strict", action="store_true", help="exit 1 when any file failed")
    q.set_defaults(func=cmd_ingest)

    q = sub.add_parser("reindex", help="make the index equal a folder (the nightly job)")
    q.add_argument("folder", nargs="?", help="default FARO_DOCS_DIR")
    q.add_argument("--full", action="store_true", help="rebuild every vector (e.g. after changing FARO_EMBED_MODEL)")
    q.add_argument("--report", metavar="FILE", help="also write the summary as JSON to FILE")
    q.add_argument(
        "--wait",
        type=float,
        default=None,
        metavar="SECONDS",
        help="wait at most this long for another writer (default: wait as long as it takes)",
    )
    q.add_argument(
        "--allow-empty",
        action="store_true",
        help="let an empty folder empty the index (refused by default: an unmounted share looks empty)",
    )
    q.add_argument(
        "--allow-mass-delete",
        action="store_true",
        help="let this pass delete more than FARO_REINDEX_MAX_DELETE_SHARE of the indexed documents",
    )
    q.set_defaults(func=cmd_reindex)

    q = sub.add_parser("watch", help="keep the index equal to a folder as files change")
    q.add_argument("folder", nargs="?", help="default FARO_DOCS_DIR")
    q.set_defaults(func=cmd_watch)

    q = sub.add_parser("status", help="what is indexed, what failed and when")
    q.add_argument("--json", action="store_true")
    q.set_defaults(func=cmd_status)

    q = sub.add_parser("search", help="show the passages retrieved for a question")
    q.add_argument("question", nargs="?")
    q.add_argument("-k", type=_count, default=0, help="how many passages (default FARO_TOP_K)")
    q.add_argument("--json", action="store_true", help="JSON lines: rank, score, source, page, section, chunk_id, text")
    q.add_argument("--queries", metavar="FILE", help="one question per line; one JSON object per question")
    q.add_argument(
        "--mode",
        choices=("hybrid", "dense", "keyword"),
        default=None,
        help="which index to search (default FARO_RETRIEVAL, hybrid)",
    )
    _filter_arguments(q)
    q.set_defaults(func=cmd_search)

    q = sub.add_parser("ask", help="answer a question with citations")
    q.add_argument("question")
    q.add_argument("-k", type=_count, default=0, help="passages given to the model (default FARO_TOP_K)")
    q.add_argument("--json", action="store_true", help="print the answer as one JSON object")
    _filter_arguments(q)
    q.set_defaults(func=cmd_ask)

    q = sub.add_parser("eval", help="measure retrieval (and answers) on a questions file")
    q.add_argument("questions", help="JSON lines: id, question, expected_sources [{source, page}], answerable")
    q.add_argument("-k", type=_count, default=5, help="passages judged (hit@k, page recall, the gate); default 5")
    q.add_argument("--modes", default="", help="comma-separated: hybrid,dense,keyword (default FARO_RETRIEVAL)")
    q.add_argument(
        "--answers", action="store_true", help="also generate answers: citation precision, abstention, latency"
    )
    q.add_argument("--rows", metavar="FILE", help="per-question rows (JSON lines); default data/eval/rows-TIME.jsonl")
    q.add_argument(
        "--replay",
        metavar="FILE",
        help="answers from fixed drafts instead of the model: the rows of an "
        "earlier --answers run, or hand-written drafts by kind (sample_corpus/reference_drafts.jsonl); "
        "measures the gate, versions and verification free of the model's luck",
    )
    q.add_argument("--json", action="store_true", help="print the report as JSON")
    q.set_defaults(func=cmd_eval)

    q = sub.add_parser("users", help="the local users file: sign-in passwords and groups")
    q.add_argument(
        "action",
        choices=("add", "set", "remove", "list"),
        help="add (asks for a password), set (change groups or password), remove, list",
    )
    q.add_argument("name", nargs="?")
    q.add_argument("--groups", help="comma-separated groups, e.g. hr,faro-admins")
    q.add_argument("--password-stdin", action="store_true", help="read the password from the first line of stdin")
    q.add_argument(
        "--no-password",
        action="store_true",
        help="add without a password: groups only, for users who sign in by OIDC or a proxy",
    )
    q.set_defaults(func=cmd_users)

    q = sub.add_parser("audit", help="the audit trail: export it as CSV, apply retention now, or verify its hash chain")
    q.add_argument("action", choices=("export", "purge", "verify"))
    q.add_argument("--since", metavar="DATE", help="export entries from this date on (YYYY-MM-DD, UTC)")
    q.add_argument("--output", metavar="FILE", help="write the CSV here instead of to stdout")
    q.set_defaults(func=cmd_audit)

    q = sub.add_parser("ui", help="serve the chat in the browser")
    q.add_argument("--port", type=int, default=8501)
    q.add_argument("--address", default="localhost", help="use 0.0.0.0 to serve other machines")
    q.set_defaults(func=cmd_ui)

    q = sub.add_parser(
        "chroma", help="serve the index with a Chroma server, for the watcher, nightly job and page at once"
    )
    q.add_argument("--host", default="127.0.0.1")
    q.set_defaults(func=cmd_chroma)

    q = sub.add_parser("doctor", help="check the index, the embedding model and the generator")
    q.set_defaults(func=cmd_doctor)
    return p


def _count(text: str) -> int:
    """A number of passages: a whole number, 1 or more."""
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a whole number") from None
    if value < 1:
        raise argparse.ArgumentTypeError(f"must be 1 or more, not {value}")
    return value


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    logging.basicConfig(
        level=logging.INFO if args.verbose else logging.WARNING,
        format=LOG_FORMAT,
        stream=sys.stderr,
    )
    try:
        settings = load_settings()
        return args.func(args, settings)
    except FaroError as exc:
        print(f"faro: {exc}", file=sys.stderr)
        return exc.exit_code  # 1, or 2 for a command line Faro cannot act on (rag/errors.py)
    except KeyboardInterrupt:
        return 130


if __name__ == "__main__":
    sys.exit(main())

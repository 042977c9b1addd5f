"""One exception family. Each says what went wrong and what to do next.

The CLI prints a FaroError as one line on stderr and exits non-zero; the page shows it with
st.error. Anything else is a bug and is allowed to surface as a traceback.
"""


class FaroError(Exception):
    """Base of every error Faro expects and explains."""


class ConfigError(FaroError):
    """A setting is missing or has a value Faro cannot use."""


class UnreadableFile(FaroError):
    """A file cannot be indexed: encrypted, corrupt, empty, no text layer, unsupported type."""

    def __init__(self, path: str, reason: str):
        super().__init__(f"{path}: {reason}")
        self.path = path
        self.reason = reason


class EmbedderUnavailable(FaroError):
    """The embedding model cannot be loaded."""


class RerankerUnavailable(FaroError):
    """The configured reranking model cannot be loaded."""


class StoreError(FaroError):
    """The vector store cannot be opened or used."""


class GeneratorUnavailable(FaroError):
    """The language model server or the embedded model cannot answer."""

"""Looking after Faro rather than answering: `faro doctor`'s health checks and `faro eval`'s
measurement of retrieval and answers (its questions, passage judgements and statistics).
"""

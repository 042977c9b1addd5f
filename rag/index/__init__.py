"""The index on disk and its one writer: rag/index/documents.py (DocumentIndex) writes the vector
store, the manifest and the keyword table in a crash-safe order; filters narrow a search; the lock
keeps one writer at a time; migrations bring an older Faro's files up to date.
"""

"""The models Faro runs, each behind a seam the rest of Faro sees instead of the library: the
embedder (vectors), the generator (Ollama, an OpenAI-compatible server, or the embedded llama.cpp
model assembled from its packages) and the cross-encoder reranker.
"""

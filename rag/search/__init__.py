"""From a question to passages: keyword and vector search fused, the documents it names first,
near-duplicates folded, a short passage widened with its neighbours, and the word rules that
recognise a follow-up question.
"""

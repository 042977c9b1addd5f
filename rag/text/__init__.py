"""Rules over words, read the same way everywhere: a text's language, folding and stems, figures,
content words, the words to highlight, document names, and reading a text file. Pure functions
of text and the lexicon: no model, no index.
"""

"""The Arabic text layer: normalisation for matching, tokens with offsets, sentences, clitics.

Nothing here alters the text a document holds; normalised forms are for matching only.
"""

from rawi.arabic.clitics import segment, strip_proclitics
from rawi.arabic.normalize import normalize, normalize_with_map
from rawi.arabic.sentences import split_paragraphs, split_sentences
from rawi.arabic.tokens import Token, tokenize

__all__ = [
    "Token", "normalize", "normalize_with_map", "segment", "split_paragraphs", "split_sentences",
    "strip_proclitics", "tokenize",
]

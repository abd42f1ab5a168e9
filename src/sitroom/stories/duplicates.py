"""Near-duplicate reports (syndicated copies of one wire story, re-published pages): MinHash over
word shingles of the body, with LSH bands stored in the database so that finding the candidates
for a new document is a few indexed lookups, whatever the size of the store."""

from __future__ import annotations

import hashlib
import re
import struct

import numpy as np
from datasketch import MinHash

PERMUTATIONS = 128
BANDS, ROWS = 16, 8  # 16 x 8 = 128; pairs above ~0.7 Jaccard meet in some band
SHINGLE = 5  # words per shingle
THRESHOLD = 0.8  # estimated Jaccard similarity above which a report is a copy
MIN_SHINGLES = 20  # below this a text is too short to call a copy of anything
_WORD = re.compile(r"\w+")


def shingles(text: str) -> set[bytes]:
    """Overlapping runs of `SHINGLE` lower-cased words."""
    words = _WORD.findall(text.lower())
    return {" ".join(words[i : i + SHINGLE]).encode() for i in range(len(words) - SHINGLE + 1)}


def signature(text: str) -> np.ndarray | None:
    """The MinHash signature of a body, or None when it is too short to compare."""
    grams = shingles(text)
    if len(grams) < MIN_SHINGLES:
        return None
    minhash = MinHash(num_perm=PERMUTATIONS, seed=1)
    minhash.update_batch(list(grams))
    return minhash.hashvalues.astype(np.uint64)


def to_blob(values: np.ndarray) -> bytes:
    """Signature as bytes for the store."""
    return values.astype("<u8").tobytes()


def from_blob(blob: bytes) -> np.ndarray:
    """Signature back from the store."""
    return np.frombuffer(blob, dtype="<u8")


def bands(values: np.ndarray) -> list[tuple[int, int]]:
    """(band number, key) pairs: two signatures share a key when a whole band agrees."""
    keys = []
    for band in range(BANDS):
        chunk = values[band * ROWS : (band + 1) * ROWS].astype("<u8").tobytes()
        digest = hashlib.blake2b(chunk, digest_size=8).digest()
        keys.append((band, struct.unpack("<q", digest)[0]))
    return keys


def similarity(a: np.ndarray, b: np.ndarray) -> float:
    """Estimated Jaccard similarity of the two shingle sets."""
    return float(np.mean(a == b))

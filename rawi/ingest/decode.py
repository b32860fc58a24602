"""Bytes to text: binary sniffing and encoding detection tuned for Arabic news.

Order: byte-order marks (UTF-8, UTF-16, UTF-32); UTF-16 without a BOM (NUL bytes that
decode to plausible text); refusal of binary data (known magic numbers, NUL bytes,
control characters); strict UTF-8, or UTF-8 with a few broken bytes replaced by U+FFFD
(one in 500 at most; counted in ``doc.meta["replaced_chars"]``); then the Arabic legacy
code pages. Generic detectors
(charset-normalizer included) often take Windows-1256 for another code page, so the
legacy step decodes with cp1256, ISO-8859-6 and the detector's guess, and keeps the one
whose letters are most Arabic (cp1256 on a tie); the detector's guess wins only when no
Arabic reading is plausible. A text is plausible when it has almost no control or
unassigned characters and has spaces between its words.
"""

from __future__ import annotations

import codecs
import re
import unicodedata

from rawi.ingest.errors import IngestError

_BOMS = (  # longest first: the UTF-32 LE mark starts with the UTF-16 LE one
    (codecs.BOM_UTF32_LE, "utf-32"), (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16"),
)
_MAGIC = (
    b"%PDF", b"PK\x03\x04", b"\x89PNG", b"GIF87a", b"GIF89a", b"\xff\xd8\xff", b"\x7fELF", b"\x1f\x8b",
    b"BZh", b"7z\xbc\xaf", b"Rar!", b"ID3", b"OggS", b"fLaC", b"\xd0\xcf\x11\xe0", b"MZ\x90\x00",
    b"\x00\x00\x01\x00", b"SQLite format 3", b"\xca\xfe\xba\xbe", b"wOFF", b"wOF2",
)
_CONTROL_BYTES = bytes(b for b in range(32) if b not in (9, 10, 12, 13, 27)) + b"\x7f"
_LEGACY = ("cp1256", "iso8859-6")  # the Arabic code pages tried on every non-UTF-8 input
_META_CHARSET = re.compile(rb"""<meta[^>]{0,200}?charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.I)


def canonical(name: str) -> str:
    """Python's canonical spelling of an encoding name; ``unknown_encoding`` when it has none."""
    try:
        return codecs.lookup(name).name
    except LookupError:
        raise IngestError("unknown_encoding", f"unknown encoding {name!r}") from None


def sniff_binary(data: bytes) -> None:
    """Raise ``binary`` for data that is plainly not text (checked after UTF-16 is ruled out)."""
    head = data[:65536]
    for magic in _MAGIC:
        if head.startswith(magic):
            raise IngestError("binary", f"binary data (starts like a {magic[:4]!r} file)")
    if b"\x00" in head:
        raise IngestError("binary", "binary data (NUL bytes)")
    controls = sum(head.count(bytes([b])) for b in _CONTROL_BYTES)
    if head and controls / len(head) > 0.02:
        raise IngestError("binary", f"binary data ({controls} control bytes in the first {len(head)})")


def decode(data: bytes, *, encoding: str | None = None, html: bool = False) -> tuple[str, str]:
    """``(text, encoding_used)`` for ``data``; ``encoding`` forces one. Raises ``IngestError``."""
    if encoding:
        name = canonical(encoding)
        try:
            text = data.decode(name)
        except UnicodeDecodeError as e:
            raise IngestError("undecodable", f"not valid {name}: byte {e.start} ({e.reason})") from None
        return text.removeprefix("\ufeff"), name
    for bom, name in _BOMS:
        if data.startswith(bom):
            try:
                return data.decode(name).removeprefix("\ufeff"), name
            except UnicodeDecodeError as e:
                raise IngestError("undecodable", f"starts with a {name} byte-order mark but is not "
                                                 f"valid {name}: byte {e.start}") from None
    head = data[:65536]
    # UTF-16 without a BOM: NUL bytes (ASCII spaces, digits) or, in pure Arabic, 0x06 every other byte
    if b"\x00" in head or head.count(b"\x06") * 4 > len(head):
        found = _utf16_without_bom(data)
        if found:
            return found
    sniff_binary(data)
    if html:
        declared = _declared_charset(data)
        if declared:
            try:
                return data.decode(declared), declared
            except UnicodeDecodeError:
                pass  # a wrong declaration is common; detect instead
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    text = data.decode("utf-8", errors="replace")
    if text.count("\ufffd") <= max(2, len(text) // 500) and plausible(text):
        # UTF-8 with a few broken bytes (a cut multi-byte character, a stray byte): read as
        # UTF-8 with U+FFFD for them, rather than as a legacy code page (mojibake)
        return text, "utf-8"
    return _legacy(data)


def _declared_charset(data: bytes) -> str | None:
    m = _META_CHARSET.search(data[:8192])
    if not m:
        return None
    try:
        return codecs.lookup(m.group(1).decode("ascii")).name
    except (LookupError, UnicodeDecodeError):
        return None


def _utf16_without_bom(data: bytes) -> tuple[str, str] | None:
    if len(data) % 2:
        return None
    best = None
    for name in ("utf-16-le", "utf-16-be"):
        try:
            text = data.decode(name)
        except UnicodeDecodeError:
            continue
        if "\x00" in text or not plausible(text):
            continue
        score = _script_score(text)
        if best is None or score > best[0]:
            best = (score, text, name)
    return (best[1], best[2]) if best else None


def _legacy(data: bytes) -> tuple[str, str]:
    candidates = list(_LEGACY)
    guess = _detector_guess(data)
    if guess and guess not in candidates:
        candidates.append(guess)
    readings = []
    for name in candidates:
        try:
            text = data.decode(name)
        except UnicodeDecodeError:
            continue
        if plausible(text):
            readings.append((name, text, arabic_ratio(text)))
    arabic = [r for r in readings if r[0] in _LEGACY and r[2] >= 0.5]
    if arabic:
        top = max(r[2] for r in arabic)
        # the most Arabic reading; cp1256 (listed first) wins a near tie
        name, text, _ = next(r for r in arabic if r[2] >= top - 0.01)
        return text, name
    for name, text, _ in readings:
        if name == guess:
            return text, name
    raise IngestError("undecodable", "not UTF-8, and no Arabic or detected encoding gives readable text "
                                     "(force one with --encoding)")


def _detector_guess(data: bytes) -> str | None:
    try:
        from charset_normalizer import from_bytes
    except ImportError:  # pragma: no cover - a declared dependency
        return None
    best = from_bytes(data[:200_000]).best()
    if best is None:
        return None
    try:
        return codecs.lookup(best.encoding).name
    except LookupError:
        return None


def arabic_ratio(text: str) -> float:
    """The share of the letters of ``text`` that are Arabic script."""
    letters = arabic = 0
    for c in text[:100_000]:
        if c.isalpha():
            letters += 1
            o = ord(c)
            if 0x0600 <= o <= 0x06FF or 0x0750 <= o <= 0x077F or 0xFB50 <= o <= 0xFDFF or 0xFE70 <= o <= 0xFEFF:
                arabic += 1
    return arabic / letters if letters else 0.0


def _script_score(text: str) -> float:
    """How much of ``text`` is ordinary Arabic or Latin text (letters, digits, spaces, punctuation)."""
    sample = text[:20_000]
    good = sum(1 for c in sample if c.isspace() or c.isdigit() or c in ".,;:!?'\"()-،؛؟«»"
               or (c.isalpha() and (ord(c) < 0x250 or 0x0600 <= ord(c) <= 0x06FF)))
    return good / len(sample) if sample else 0.0


def plausible(text: str) -> bool:
    """Readable text: few control/unassigned/private-use characters, spaces between words."""
    sample = text[:20_000]
    if not sample.strip():
        return True
    bad = 0
    for c in sample:
        if c in "\t\n\r\f\x1b":
            continue
        cat = unicodedata.category(c)
        if cat in ("Cc", "Cn", "Co", "Cs") or c == "\ufffd":
            bad += 1
    if bad / len(sample) > 0.01:
        return False
    words = sample.split()
    if len(sample) > 40 and sum(map(len, words)) / max(len(words), 1) > 20:
        return False  # no spaces between "words": not a natural-language text
    return _script_score(sample) >= 0.75

"""The one error ingestion raises: a code naming the reason and a human message."""

from __future__ import annotations

# Every code ``IngestError`` may carry, with what it means (shown by ``rawi extract --help`` readers).
CODES: dict[str, str] = {
    "missing": "the path does not exist",
    "unreadable": "the path exists but cannot be read as a file (a folder, no permission)",
    "empty": "the input holds no text (nothing, or only whitespace)",
    "binary": "the input is not text (NUL bytes, control characters, a known binary format)",
    "too_large": "the input is larger than the size limit (Settings.max_bytes, --max-mb)",
    "undecodable": "the bytes do not decode to text in the forced or any detected encoding",
    "unknown_encoding": "the forced encoding name is not one Python knows",
    "no_main_text": "an HTML page (or a text) with no article text left after cleaning",
    "bad_input": "a batch record or argument that cannot be read (bad JSON, missing field, bad date)",
}


class IngestError(ValueError):
    """An input that cannot become a document; ``code`` names the reason (one of ``CODES``)."""

    def __init__(self, code: str, message: str):
        self.code = code
        self.message = message
        super().__init__(message)

    def to_dict(self) -> dict[str, str]:
        return {"code": self.code, "message": self.message}

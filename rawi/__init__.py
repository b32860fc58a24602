"""rawi (راوي, "the narrator"): Arabic news turned into sourced, structured knowledge."""

import logging

from rawi.document import Document

__version__ = "0.1.0"
__all__ = ["Document", "__version__"]

logging.getLogger(__name__).addHandler(logging.NullHandler())

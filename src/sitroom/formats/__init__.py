"""Output formats shared by every front end: JSON Lines, JSON, CSV, tables (`writers`) and
PLOVER JSON (`plover`)."""

from sitroom.formats.plover import to_plover
from sitroom.formats.writers import FORMATS, Column, entity, field, json_text, stream, write

__all__ = ["FORMATS", "Column", "entity", "field", "json_text", "stream", "to_plover", "write"]

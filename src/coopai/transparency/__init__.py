"""Transparency: UK Algorithmic Transparency Recording Standard (ATRS) records from an
assessment, as JSON and CSV, with the standard's field list kept as content.

The record's JSON Schema is in `coopai.transparency.record_schema` (not imported here, so
`python -m coopai.transparency.record_schema` can rewrite the shipped file cleanly).
Pure Python with no web framework, like the other engines: the command line, the web
app's register and any API build the same record from the same code.
"""

from coopai.transparency.atrs import (
    AtrsRecord,
    RecordContext,
    RecordError,
    RecordMetadata,
    build_record,
    owner_fields,
)
from coopai.transparency.export import bundle_json_data, safe_cell, to_csv, to_json_data
from coopai.transparency.standard import Field, Section, Standard, load_standard

__all__ = [
    "AtrsRecord",
    "Field",
    "RecordContext",
    "RecordError",
    "RecordMetadata",
    "Section",
    "Standard",
    "build_record",
    "bundle_json_data",
    "load_standard",
    "owner_fields",
    "safe_cell",
    "to_csv",
    "to_json_data",
]

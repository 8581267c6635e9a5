"""The store: an embedded DuckDB file of articles and every record found in them.

Open it with :class:`Store`; write with :meth:`Store.write` / :meth:`Store.write_many`;
read with the functions of :mod:`selon.store.queries`; export with
:func:`selon.store.export.export`.
"""

from __future__ import annotations

from selon.store.db import DEFAULT_PATH, Store
from selon.store.keys import name_key
from selon.store.rows import WriteItem
from selon.store.schema import SCHEMA_VERSION

__all__ = ["DEFAULT_PATH", "SCHEMA_VERSION", "Store", "WriteItem", "name_key"]

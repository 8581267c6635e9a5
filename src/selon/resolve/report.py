"""Read-side views of resolution: flagged entities in the shape the CLI, the API and the
export print."""

from __future__ import annotations

from typing import Any

from selon.store import resolution as rs
from selon.store.db import Store

FLAG_KEYS = ("list", "entry_id", "entry_name", "programme", "score", "reason",
             "reason_code")


def flagged_entities(store: Store, *, type_: str | None = None, limit: int | None = None,
                     canonical_ids: list[str] | None = None) -> list[dict[str, Any]]:
    """Flagged canonical entities: ``{name, type, spellings, flags: [{list, entry_id,
    entry_name, programme, score, reason}]}``, highest score first."""
    out = []
    for row in rs.flagged(store, canonical_ids):
        if type_ and row["type"] != type_:
            continue
        out.append({"name": row["name"], "type": row["type"],
                    "spellings": sorted(row["spellings"]),
                    "flags": [{k: f[k] for k in FLAG_KEYS} for f in row["flags"]]})
        if limit is not None and len(out) >= limit:
            break
    return out

"""FollowTheMoney entities, one JSON object a line (OpenSanctions' format). Persons and
organisations (any schema that is a LegalEntity) are kept; other schemata (addresses,
sanctions, ownership links) are read but not screened."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from followthemoney import model

from selon.errors import InputError
from selon.resolve.watchlists.model import Entry


def _props(obj: dict[str, Any], *names: str) -> list[str]:
    props = obj.get("properties") or {}
    out: list[str] = []
    for name in names:
        values = props.get(name) or []
        out.extend(str(v).strip() for v in values if str(v).strip())
    return list(dict.fromkeys(out))


def read_ftm(path: Path, text: str) -> list[Entry]:
    entries = []
    for line_no, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        try:
            obj = json.loads(line)
        except json.JSONDecodeError as exc:
            raise InputError(f"line {line_no}: not JSON ({exc.msg}); nothing was loaded",
                             source=str(path)) from exc
        if not isinstance(obj, dict) or "schema" not in obj or "id" not in obj:
            raise InputError(f"line {line_no}: a FollowTheMoney entity needs 'id' and "
                             "'schema'; nothing was loaded", source=str(path))
        schema = model.get(str(obj["schema"]))
        if schema is None:
            raise InputError(f"line {line_no}: unknown FollowTheMoney schema "
                             f"{obj['schema']!r}; nothing was loaded", source=str(path))
        if not schema.is_a("LegalEntity"):
            continue
        names = _props(obj, "name", "alias", "previousName", "weakAlias")
        if not names:
            raise InputError(f"line {line_no}: entity {obj['id']} has no name; nothing was "
                             "loaded", source=str(path))
        programme = ", ".join(_props(obj, "program", "programId", "topics")) or None
        entries.append(Entry(
            entry_id=str(obj["id"]), schema="Person" if schema.is_a("Person") else
            "Organization", name=names[0], names=names, programme=programme,
            countries=_props(obj, "nationality", "citizenship", "country"),
            birth_dates=_props(obj, "birthDate"), positions=_props(obj, "position")))
    if not entries:
        raise InputError("no persons or organisations in this FollowTheMoney file; nothing "
                         "was loaded", source=str(path))
    return entries

"""One listed person or organisation, whatever list it came from."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass
class Entry:
    entry_id: str          # the list's own id: UN REFERENCE_NUMBER, OFAC ent_num, FtM id
    schema: str            # Person or Organization (FollowTheMoney schema names)
    name: str
    names: list[str] = field(default_factory=list)  # name first, then aliases
    programme: str | None = None
    countries: list[str] = field(default_factory=list)
    birth_dates: list[str] = field(default_factory=list)
    positions: list[str] = field(default_factory=list)


@dataclass
class ListData:
    format: str            # un-xml, ofac-csv, ftm-jsonl
    entries: list[Entry]
    warnings: list[str] = field(default_factory=list)

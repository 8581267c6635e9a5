"""The UN Security Council consolidated list (XML): INDIVIDUAL and ENTITY records."""

from __future__ import annotations

from pathlib import Path

from lxml import etree

from selon.errors import InputError
from selon.resolve.watchlists.model import Entry

_NAME_PARTS = ("FIRST_NAME", "SECOND_NAME", "THIRD_NAME", "FOURTH_NAME")
# UN_LIST_TYPE → the sanctions regime and the resolution that set it up
_REGIMES = {
    "DPRK": "DPRK 1718", "Al-Qaida": "ISIL (Da'esh) and Al-Qaida 1267", "Iraq": "Iraq 1518",
    "Libya": "Libya 1970", "DRC": "DRC 1533", "Taliban": "Taliban 1988",
    "Somalia": "Al-Shabaab 751", "CAR": "Central African Republic 2127", "Yemen": "Yemen 2140",
    "South Sudan": "South Sudan 2206", "Mali": "Mali 2374", "Haiti": "Haiti 2653",
    "Sudan": "Sudan 1591", "GB": "Guinea-Bissau 2048",
}


def _text(node: etree._Element, tag: str) -> str:
    return " ".join((node.findtext(tag) or "").split())


def _values(node: etree._Element, tag: str) -> list[str]:
    return [" ".join(v.split()) for n in node.iter(tag) for v in n.itertext() if v.strip()]


def read_un(path: Path, data: bytes) -> list[Entry]:
    parser = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False)
    try:
        root = etree.fromstring(data, parser)
    except etree.XMLSyntaxError as exc:
        raise InputError(f"malformed XML ({exc}); nothing was loaded", source=str(path)) from exc
    if root.tag != "CONSOLIDATED_LIST":
        raise InputError(f"XML with root <{root.tag}> is not a UN consolidated list "
                         "(<CONSOLIDATED_LIST>); nothing was loaded", source=str(path))
    entries = []
    for node in root.iter("INDIVIDUAL", "ENTITY"):
        ref = _text(node, "REFERENCE_NUMBER") or _text(node, "DATAID")
        name = " ".join(p for p in (_text(node, t) for t in _NAME_PARTS) if p)
        if not name:
            raise InputError(f"entry {ref or '?'} has no name; nothing was loaded",
                             source=str(path))
        names = [name]
        original = _text(node, "NAME_ORIGINAL_SCRIPT")
        if original:
            names.append(original)
        for alias in node.iter("INDIVIDUAL_ALIAS", "ENTITY_ALIAS"):
            alias_name = _text(alias, "ALIAS_NAME")
            if alias_name and _text(alias, "QUALITY").lower() != "low":
                names.append(alias_name)
        births = []
        for dob in node.iter("INDIVIDUAL_DATE_OF_BIRTH"):
            value = _text(dob, "DATE") or _text(dob, "YEAR")
            if value:
                births.append(value)
        nationality = node.find("NATIONALITY")
        countries = _values(nationality, "VALUE") if nationality is not None else []
        designation = node.find("DESIGNATION")
        entries.append(Entry(
            entry_id=ref, schema="Person" if node.tag == "INDIVIDUAL" else "Organization",
            name=name, names=list(dict.fromkeys(names)),
            programme=_programme(_text(node, "UN_LIST_TYPE")), countries=countries,
            birth_dates=births,
            positions=_values(designation, "VALUE") if designation is not None else []))
    if not entries:
        raise InputError("no INDIVIDUAL or ENTITY in this UN list; nothing was loaded",
                         source=str(path))
    return entries


def _programme(list_type: str) -> str | None:
    if not list_type:
        return None
    return f"UN {_REGIMES.get(list_type, list_type)}"

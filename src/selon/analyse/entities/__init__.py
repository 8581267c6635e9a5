"""Entities: names, their types and in-article coreference (the selon_entities component)."""

"""Attributions: who said what, according to whom (the selon_attributions component)."""

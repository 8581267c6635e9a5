"""Quantities: numbers, what they count and their role (the selon_quantities component)."""

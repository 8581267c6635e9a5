"""The analyse stage: one spaCy pipeline per language plus selon's own components."""

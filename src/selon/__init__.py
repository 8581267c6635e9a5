"""selon: who said what, according to whom, with the span it came from."""

__version__ = "0.1.0"

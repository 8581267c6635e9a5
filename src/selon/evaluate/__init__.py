"""Evaluations of selon's components against published reference corpora."""

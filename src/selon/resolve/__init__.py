"""Resolve: mentions become canonical entities across articles, scripts and spelling
conventions, and canonical entities are screened against watchlists."""

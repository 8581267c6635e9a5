"""The ingest stage: a source becomes an Article (text, metadata, language, id)."""

from selon.ingest.files import article_from_path, article_from_text

__all__ = ["article_from_path", "article_from_text"]

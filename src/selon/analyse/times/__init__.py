"""Time expressions resolved against the publication date (the selon_times component)."""

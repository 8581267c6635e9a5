"""Lines: body, headings, credits and boilerplate (the selon_lines component)."""

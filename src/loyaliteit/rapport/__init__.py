"""Rendering: one `Analyse` model, several faces (terminal, JSON, ...)."""

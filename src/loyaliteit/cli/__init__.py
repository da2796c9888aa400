"""The `loyaliteit` command: a thin face over `loyaliteit.analyse.analyse`."""

from .app import app, main

__all__ = ["app", "main"]

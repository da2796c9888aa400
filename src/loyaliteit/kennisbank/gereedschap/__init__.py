"""Tooling for the knowledge engineer: lint (`controleer`), the examples as tests
(`toets`), the generated overview, JSON Schemas and a new extension folder.

These sit on top of the whole pipeline (`toets` runs cases through `analyse`); the
pipeline itself never imports them.
"""

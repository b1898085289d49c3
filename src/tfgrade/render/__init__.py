"""Renderers: pure functions from a Report (or many) to text."""

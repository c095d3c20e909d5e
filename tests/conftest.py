"""Shared fixtures. Keep this small: helpers that make objects live in tests/factories.py."""

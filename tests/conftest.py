"""Shared fixtures. The memorable fixture agencies live in tests/world.py."""

from tests.world import world

__all__ = ["world"]

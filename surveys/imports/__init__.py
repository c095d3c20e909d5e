"""Conversions of uploaded files into normalised response rows. Pure: no database access."""

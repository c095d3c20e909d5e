"""Small pieces shared by several domain apps (no models, no views)."""

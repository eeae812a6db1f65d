"""See selectors/__init__.py."""

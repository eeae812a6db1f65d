"""See actions/__init__.py."""

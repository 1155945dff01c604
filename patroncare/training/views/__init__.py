"""Thin views of the practice room, one module per area."""

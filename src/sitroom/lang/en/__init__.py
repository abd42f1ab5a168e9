"""English word lists and trigger tables."""

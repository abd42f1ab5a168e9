"""Language data: word lists and trigger tables, one subpackage per language."""

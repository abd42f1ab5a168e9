"""English word lists and trigger tables, as data files read through importlib.resources.

``from sitroom.lang.en import words`` gives every shared list as a frozenset (or a read-only
mapping where a number goes with each word); the files' syntax is in this folder's README.md.
"""

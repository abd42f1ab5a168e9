"""The dashboard's templates and static files (scripts, styles, vendored libraries, the map).

Nothing here loads from the network: `static/vendor/` holds pinned copies made by
`scripts/vendor_web.py`, each with its licence.
"""

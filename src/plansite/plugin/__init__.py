"""The MkDocs glue: the ``plansite`` plugin, the macros of hand-written pages, the atomic build."""

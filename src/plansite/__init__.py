"""Core of the plan-tracking site: load → validate → model → status → render.

Nothing in this package knows which plan it serves: every name, number and
target comes from the data folder (``PLAN_DATA_DIR``, default ``data``).
"""

__all__ = ["__version__"]
__version__ = "0.1.0"

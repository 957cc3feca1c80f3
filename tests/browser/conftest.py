"""The browser tests' fixtures (defined in browsing.py, registered here)."""

from browsing import browser, mobile_tab, pages, tab  # noqa: F401

from _site import built_site, served_site  # noqa: F401

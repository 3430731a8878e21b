"""The visits page: coverage of the NPM's four-year mandate (a page package; pages/visits/page.py registers it)."""

"""Recommendation fulfilment: the page, its URL parameters, its datasets and its cards."""

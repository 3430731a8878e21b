"""Data and methods: every dataset, definitions, data notes, methods, the release and how to cite."""

"""Case outcomes: what happens to torture complaints in the criminal process, year by year."""

"""UPR briefing: one printable page for international partners (English first)."""

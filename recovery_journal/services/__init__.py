"""Use cases over the domain: plain Python, no Qt, no SQL."""

"""Domain data and the interfaces the store implements. Plain Python only."""

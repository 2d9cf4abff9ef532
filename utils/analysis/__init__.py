"""Pure pandas: indicators, votes, milestones, the overview, and privacy."""

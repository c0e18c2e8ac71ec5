"""Newer curated banks as reviewable updates: the baseline the database last took in, and the three-way
review (base, ours, theirs) that takes upstream changes without overwriting the team's own edits."""

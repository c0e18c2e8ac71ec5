"""Linting draft replies and saved replies from files, as `replycoach check` does: which files, which flags a
team wants (selection, config file, disable comments) and the report formats. Plain Python, no Flask."""

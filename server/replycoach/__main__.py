"""`python -m replycoach` runs the command line."""

from replycoach.cli import main

main()

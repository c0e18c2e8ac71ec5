"""`python -m replycoach` runs the command line."""

from .cli import main

main()

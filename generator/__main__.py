"""`python -m generator` runs the briefing command line."""

from .cli import main

main()

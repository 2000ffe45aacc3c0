"""`python -m automation` is the `mes-optout` command."""

from automation.cli.main import main

main(prog_name="mes-optout")

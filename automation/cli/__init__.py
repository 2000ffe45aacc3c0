"""The command line: its commands and options, the language they speak, and the demo.
Each command hands its work to a room below; nothing here walks the site."""

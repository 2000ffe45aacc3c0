"""`mes-optout init`: the conversation that writes a household file, a person at a time,
with the same checks the loader makes."""

"""A local, stateful imitation of Mon espace santé, faithful to ../shared/screens.md."""

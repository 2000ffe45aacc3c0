"""What a run is told: the household file, the settings from the environment, and the
rule for which site address may be used."""

"""The one run path every command takes: its context (built once), pre-flight (settings,
address, the look at the site), the household runner, progress, and exit statuses."""

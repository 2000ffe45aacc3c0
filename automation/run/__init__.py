"""The one run path every command takes: pre-flight (settings, address, the look at the
site), the household runner, its progress on the terminal, and exit statuses."""

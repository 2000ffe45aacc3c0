"""The runtime around the flows: settings, household, browser, code readers, evidence,
journal, runner, command line, logging."""

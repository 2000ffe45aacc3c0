"""The browser: Chromium found and started once a run, a fresh context per member that
reaches only the site's own origins, traces, and Ctrl-C kept out of Playwright's loop."""

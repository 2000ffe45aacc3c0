"""The runtime around the flows, in rooms: `cli` (commands), `init` (the conversation),
`config` (household file, settings, site address), `run` (the one run path), `codes`
(code readers), `browser` (Chromium and contexts), `output` (journal, evidence, report,
logs); `messages` is what every room says, in French or English."""

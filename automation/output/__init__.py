"""What a run leaves behind, private to the user: the journal, the evidence folders, the
report, the folder lock and the logs (secrets redacted)."""

"""Where codes come from when nobody types them: a Maildir, an IMAP mailbox, a command,
and the rules that tell which message carries which code."""

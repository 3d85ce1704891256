"""The encrypted vault: age-encrypted backups of Myflix's settings and state."""

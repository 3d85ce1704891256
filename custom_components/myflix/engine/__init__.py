"""Decisions and file work: pure Python, clock and I/O injected. No Home Assistant here."""

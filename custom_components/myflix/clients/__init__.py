"""Async protocol clients for the backends Myflix drives. No Home Assistant here."""

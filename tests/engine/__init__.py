"""Tests of the pure engines."""

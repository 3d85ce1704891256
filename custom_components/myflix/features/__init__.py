"""Myflix's capabilities, one package each.

A package holds what one capability adds to Home Assistant: its runtime, its
adapters over the clients, its entities, its actions and its options page.
HA's platform files, ``services.py`` and ``__init__.py`` gather from here.
"""

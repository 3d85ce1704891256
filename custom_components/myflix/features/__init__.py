"""Myflix's capabilities, one package each.

A package holds what one capability adds to Home Assistant: its runtime, its
adapters over the clients, its entities, its actions and its options page.
Its ``feature.py`` describes all of it in one ``Feature``; ``catalog.py``
lists them, and the integration's root files gather from that list.
"""

"""The history: what Myflix changed on its own and why, searched and taken back.

The records themselves are written by each feature through the base module
``history.py``; this package answers from them and runs the undo.
"""

"""Faithful local fakes of every Myflix backend, shared by the tests and the demo."""

"""The simulator's ``/api/v2`` handlers, one module per API area."""

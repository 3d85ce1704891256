"""Self-healing of stuck downloads and cleaning: the healer's glue, entities, actions."""

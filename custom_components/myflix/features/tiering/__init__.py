"""Storage tiering between a hot and an archive disk: runs, entities, actions, options."""

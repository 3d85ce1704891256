"""OpenAPI contract tests of the Radarr/Sonarr clients and simulators."""

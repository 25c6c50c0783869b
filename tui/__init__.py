"""The application: CLI entry point, app factory, screens and stylesheet."""

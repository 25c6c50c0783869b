"""What a meeting is meant to be: the agenda model, its YAML loader and the built-in templates."""

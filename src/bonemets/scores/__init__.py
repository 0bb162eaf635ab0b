"""Published scores, one module each, named for the score."""

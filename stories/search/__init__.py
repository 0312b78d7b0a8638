"""Full-text search over public stories: one service, a backend per database."""

"""Training runs as plain Python (sessions yielding records, bounded history) and their worker."""

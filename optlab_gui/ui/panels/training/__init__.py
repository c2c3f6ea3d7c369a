"""The training panel's views: modes, surface, loss, optimizer lanes, inspector and formula."""

"""One module per page type; each holds its page, its chart and its JSON endpoints."""

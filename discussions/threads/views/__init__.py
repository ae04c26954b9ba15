"""Public forum views: parse the request, call one selector or service, respond."""

"""The JSON API: token and session auth, one error format, OpenAPI; mounts each app's router."""

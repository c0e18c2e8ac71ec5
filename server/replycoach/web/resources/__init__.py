"""The resources of API v1, one module each with its request and response schemas."""

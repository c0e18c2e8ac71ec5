"""The HTTP service: Reply Coach's engine and phrase bank over a JSON API; see `app.create_app`."""

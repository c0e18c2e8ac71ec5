"""End-to-end and unit tests of the browser extension (extension/)."""

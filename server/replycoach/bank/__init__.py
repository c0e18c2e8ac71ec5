"""The phrase bank: its data model (model), file format (files, schema) and compiled form (compiled)."""

"""The phrase bank as data: its model, the one entry schema (load, validate, dump), bank folders (files),
export, the generated table, and the loader that validates a folder completely (loader, which runs each
entry's examples through the engine)."""

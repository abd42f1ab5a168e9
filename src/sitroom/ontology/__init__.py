"""The PLOVER ontology: event types, modes, contexts and sectors."""

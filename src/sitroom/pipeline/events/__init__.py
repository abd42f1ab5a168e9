"""Events: PLOVER event coding of each sentence — triggers, roles, modifiers, assembly."""

from sitroom.pipeline.events.coder import code_sentence, find_events

__all__ = ["code_sentence", "find_events"]

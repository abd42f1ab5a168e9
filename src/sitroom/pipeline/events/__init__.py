"""Events: PLOVER event coding of each sentence — triggers, roles, modifiers, assembly.

`lexicon` reads the trigger tables of `sitroom.lang.en`; `triggers` finds the candidates of a
sentence; `roles` and `entities` fill in who acts on whom; `modifiers` adds negation,
hypothesis, future, date, place, mode and context; `coder` assembles the events.
"""

from sitroom.pipeline.events.coder import code_sentence, find_events

__all__ = ["code_sentence", "find_events"]

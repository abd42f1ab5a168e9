"""Re-coding stored documents from their stored text, through the same runner as `ingest`.

A document is re-coded when the analysis version it was stored with differs from the store's
(an older sitroom, or other user knowledge files), or always with `everything`. Each document
is replaced in one transaction with the same id, so an interrupted run leaves every document
either as it was or re-coded, and running again finishes the rest. Stories and happenings are
brought up to date afterwards, as after an ingest.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator

from sitroom.options import Options
from sitroom.records import Document, Failure
from sitroom.runners.local import Summary, analyze_stream, place_in_stories, say_waiting
from sitroom.runners.progress import progress_bar
from sitroom.store import Store
from sitroom.store.stored import load_document, stale_ids


def reanalyze(
    store: Store,
    options: Options,
    everything: bool = False,
    on_failure: Callable[[Failure], None] | None = None,
    progress: bool | None = None,
) -> Summary:
    """Re-code the stored documents that need it (or all) and replace their records.

    Args:
        store: the database; documents are re-coded to its `analysis_version`.
        options: runner settings (workers, batch size, model, user knowledge files).
        everything: re-code every document, not only those of another analysis version.
        on_failure: called with each document that could not be re-coded (it stays as it was).
        progress: force the progress bar on or off (default: on when stderr is a terminal).

    Returns:
        The counts; `updated` is the number of documents re-coded.
    """
    summary = Summary()
    ids = stale_ids(store, everything)

    def stored() -> Iterator[Document]:
        for document_id in ids:
            document = load_document(store, document_id)
            if document is not None:
                yield document

    with (
        store.writer_lock(options.lock_timeout, say_waiting),  # one writer at a time
        progress_bar(description="reanalyze", total=len(ids), enabled=progress) as bar,
    ):
        for result in analyze_stream(stored(), options):
            if isinstance(result, Failure):
                summary.failures.append(result)
                if on_failure:
                    on_failure(result)
            elif store.save(result, replace=everything) != "unchanged":
                summary.updated += 1
            else:
                summary.unchanged += 1
            bar.update()
    # Stories and happenings follow the re-coded records, as after an ingest.
    place_in_stories(store, progress)
    return summary

"""Asking the remote record sources away from the UI thread.

The local records are on screen at once; this asks the remote sources in a
worker thread and hands the answer back to the UI thread with a signal, so
that a slow or silent source never holds up the window.
"""

from __future__ import annotations

from concurrent.futures import Future, ThreadPoolExecutor

from PySide6.QtCore import QObject, Signal

from kccdesk.services.recorder import CallRecorder, Lookup


class RemoteLookups(QObject):
    arrived = Signal(str, object)  # call id, the Lookup with the remote records

    def __init__(self, recorder: CallRecorder, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._recorder = recorder
        self._executor = ThreadPoolExecutor(max_workers=2, thread_name_prefix="remote-records")

    def start(self, call_id: str, lookup: Lookup) -> None:
        future = self._executor.submit(self._recorder.fetch_remote, lookup)
        future.add_done_callback(lambda done: self._deliver(call_id, done))

    def _deliver(self, call_id: str, future: Future[Lookup]) -> None:
        if future.cancelled():
            return
        try:
            self.arrived.emit(call_id, future.result())
        except RuntimeError:  # the window closed while the source was asked
            pass

    def shutdown(self) -> None:
        self._executor.shutdown(wait=False, cancel_futures=True)

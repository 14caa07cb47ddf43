"""The queue consumer's entry point: ``huey_consumer bff.worker.huey``.

Building the app runs every room's ``init_app``, which declares the room's tasks and puts its periodic
and start-up work on the schedule; the tasks then run in this one app.
"""

from bff import create_app
from bff.platform import logs
from bff.queue import huey, on_start, run_tasks_in

app = create_app()
run_tasks_in(app)
on_start(logs.one_line_per_queue_event)

__all__ = ["app", "huey"]

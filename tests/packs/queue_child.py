"""A child process for the killed-worker test, on the database named by DATABASE_URL.

python queue_child.py ask MEETING     asks for a pack of the meeting; prints its id
python queue_child.py state PACK      prints the pack's record, file and tasks as JSON
python queue_child.py slow-worker     `pathfinder worker`, its builds slowed down: each
                                      progress report is printed, then waited on
"""

import json
import sys
import time


def ask(meeting_id: str):
    from pathfinder.governance.models import Meeting
    from pathfinder.reports.actions import request_build

    meeting = Meeting.objects.select_related("body").get(pk=meeting_id)
    pack = request_build(by="test:queue", body=meeting.body, as_at=meeting.date, meeting=meeting)
    print(pack.pk)


def state(pk: str):
    from django_tasks_db.models import DBTaskResult

    from pathfinder.reports.models import BoardPack, PackFile

    pack = BoardPack.objects.get(pk=int(pk))
    files = [bytes(d) for d in PackFile.objects.filter(pack=pack).values_list("data", flat=True)]
    tasks = {
        str(t.id): {"status": t.status, "error": t.exception_class_path, "workers": t.worker_ids}
        for t in DBTaskResult.objects.all()
    }
    print(
        json.dumps(
            {
                "status": pack.status,
                "percent": pack.percent,
                "task_id": pack.task_id,
                "sha256": pack.sha256,
                "size": pack.size,
                "files": [{"size": len(f), "pdf": f.startswith(b"%PDF")} for f in files],
                "tasks": tasks,
            }
        )
    )


def slow_worker():
    from pathfinder import cli
    from pathfinder.reports import document

    build = document.pack_pdf

    def slowly(body_id, as_at, *, progress):
        def report(what, percent):
            progress(what, percent)
            print(f"progress {percent} {what}", flush=True)
            time.sleep(0.5)

        return build(body_id, as_at, progress=report)

    document.pack_pdf = slowly
    cli.main(["worker", "--interval", "0.2"])


if __name__ == "__main__":
    from pathfinder.cli import setup_django

    setup_django()
    command, *args = sys.argv[1:]
    {"ask": ask, "state": state, "slow-worker": slow_worker}[command](*args)

import re
from pathlib import Path

from doithoai.audit.display import EVENT_LABELS

SOURCE = Path(__file__).resolve().parents[2]
EVENT_TYPE = re.compile(r'"([a-z_]+\.[a-z_]+)"')


def test_it_has_a_vietnamese_label_for_every_event_the_code_records():
    recorded: set[str] = set()
    for path in SOURCE.rglob("*.py"):
        if "tests" in path.parts or "migrations" in path.parts:
            continue
        text = path.read_text(encoding="utf-8")
        for line in text.splitlines():
            if "event_type" in line:
                recorded.update(EVENT_TYPE.findall(line))
    # A sanity floor: the scan must find the events of every app, or it proves nothing.
    assert {"village.created", "user.logged_in", "workdays.override_created"} <= recorded
    assert recorded - set(EVENT_LABELS) == set()

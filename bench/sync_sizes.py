"""Bytes on the wire: a "nothing changed" pull, and a day pack of 10 nuggets.

Goals (issue 3): nothing-changed pull <= 1 KB; day pack of 10 nuggets <= 40 KB compressed.
"""

from __future__ import annotations

import gzip
import json
import pathlib
import tempfile

from bench.demo_db import fresh_demo_db


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        session = fresh_demo_db(f"sqlite:///{pathlib.Path(tmp) / 'sizes.db'}")
        from sqlmodel import select

        from mmapp import db
        from mmapp.demo.seed import DEMO_LEARNER
        from mmapp.models import User
        from mmapp.sync import changes

        session.close()
        with db.session_scope() as s:
            user = s.exec(select(User).where(User.email == DEMO_LEARNER[0])).one()
            first = changes.pull(session=s, user=user, cursor_token=None, page_size=10)
            full, cursor = first.model_dump(mode="json"), first.cursor
            while True:
                page = changes.pull(session=s, user=user, cursor_token=cursor, page_size=10)
                cursor = page.cursor
                if not page.has_more:
                    break
            idle = changes.pull(session=s, user=user, cursor_token=cursor, page_size=10)
            idle = idle.model_dump(mode="json")
        db.get_engine().dispose()

    def sizes(obj) -> tuple[int, int]:
        raw = json.dumps(obj, separators=(",", ":")).encode()
        return len(raw), len(gzip.compress(raw, 6))

    pack = sizes(full["nuggets"])
    nothing = sizes(idle)
    print("\n== Sync sizes (bytes) ==")
    print(f"{'payload':40} {'raw':>8} {'gzip':>8} {'goal':>10}")
    print(f"{'day pack: 10 nuggets with quizzes':40} {pack[0]:8,d} {pack[1]:8,d} {'<= 40,960':>10}")
    print(f"{'pull when nothing changed':40} {nothing[0]:8,d} {nothing[1]:8,d} {'<= 1,024':>10}")


if __name__ == "__main__":
    main()

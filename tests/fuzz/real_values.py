"""Real values from the seeded database, by field name, and the callers that send them."""

from __future__ import annotations

import io
import uuid
import zipfile
from typing import Any

from hypothesis import strategies as st

from mmapp.cohorts import mentoring_outcomes
from mmapp.progress import analytics, review_analytics
from tests.fuzz.world import ACCOUNTS, World

MISSING = object()  # "no real value for this field": the schema decides
# Who sends a request ("bad": a malformed, expired or revoked token).
CALLERS = ["learner", "coach"] * 2 + ["learner2", "coach2", "admin", "anonymous", "bad"]
TIMEZONES = [
    "Europe/London", "UTC", "America/St_Johns", "Pacific/Chatham", "Asia/Kathmandu",
    "Etc/GMT+12", "Etc/GMT-14", "Mars/Olympus", "../../etc/passwd", "Europe/London\x00",
    "/etc/localtime", "EUROPE/LONDON", "posixrules", "Europe/", ".", "x" * 65,
]  # fmt: skip
HHMM = ["07:30", "00:00", "23:59", "12:00", "24:00", "7:30", "07:60", "", "07:30:00"]
DATES = ["2026-11-21", "2026-11-23", "2027-02-28", "1970-01-01", "2199-12-31", "2200-01-01",
         "1969-12-31", "0001-01-01", "9999-12-31", "2026-02-29", "2026-13-01"]  # fmt: skip
MOMENTS = [
    "2026-11-21T08:10:00+00:00", "2026-11-21T09:00:00Z", "2026-11-28T07:30:00+01:00",
    "2026-11-20T23:59:59.999999-14:00", "1970-01-01T00:00:00Z", "2199-12-31T23:59:59Z",
    "2200-01-01T00:00:00+00:00", "1970-01-01T00:00:00+00:01", "0001-01-01T00:00:00+14:00",
    "9999-12-31T23:59:59-14:00", "2026-11-21T08:10:00", "2026-11-21", "1763715000",
]  # fmt: skip
EXPIRY = [None, 0, 1_795_000_000_000, -1, 2**63 - 1, 2**63, 10**30]
VERSION_SHIFT = st.sampled_from([0, 0, 0, 1, -1])
EVENT_TYPES = [
    "nugget_started",
    "step_done",
    "quiz_answered",
    "nugget_completed",
    "review_answered",
    "review_too_easy",
]
# Front matter (YAML) that is not what a nugget file holds, each broken its own way.
ODD_YAML = [
    "", "[[[", "- - -", "[" * 5000, "{a: " * 3000, "title: a\x00b", "title: bell\x07",
    "slug: a\nslug: b", "minutes: !!python/object/apply:os.getcwd []", "quiz: &q [*q]",
    "quiz: [&a [x, x, x, x, x, x, x, x, x], " + ", ".join(  # a billion laughs
        f"&{k} [{', '.join(['*' + p] * 9)}]" for p, k in zip("abcdefg", "bcdefgh", strict=True)
    ) + "]",
]  # fmt: skip
BIG_DIGITS = ["99999999999999999999999", "-1", "", "١٢٣", "1e5", "0", "18446744073709551616"]


def _pairs(good: list[Any], odd: list[Any]) -> Any:
    return lambda _: (good, odd)


# Field name -> (real values, near misses) for the seeded world `w`.
POOLS: dict[str, Any] = {
    "device_id": lambda w: ([*w.devices.values()], ["device-fuzz-brand-new", "short"]),
    "email": lambda w: (w.emails, ["Other-Coach@Example.ORG", "nobody@example.org", "@"]),
    "invite_code": lambda w: (w.invite_codes, ["commute1", " OTHER1 ", "NOPE"]),
    "cohort_id": lambda w: (w.cohorts, []),
    # Members and sharees first: removing them is what succeeds.
    "user_id": lambda w: (
        [w.users[n] for n in ("learner", "learner2", "coach3")],
        [*w.users.values()],
    ),
    "message_id": lambda w: (w.messages, []),
    "nugget_id": lambda w: ([n["id"] for n in w.nuggets], []),
    "skill_id": lambda w: (w.skill_ids, []),
    "achievement_id": lambda w: (w.achievements, []),
    "credential_id": lambda w: (w.credentials, [str(uuid.UUID(int=7)), "not-a-uuid"]),
    "token": lambda w: (w.profile_tokens, ["x" * 43, "", "%00"]),
    "slug": lambda w: ([*w.slugs, *w.skills], ["fuzz-new-nugget", "-", "A"]),
    "table": _pairs(
        [*analytics.TABLES, *review_analytics.TABLES, *mentoring_outcomes.TABLES],
        ["secrets", ""],
    ),
    "reviews_after": _pairs([0, 1, 2], [-1, 2**53 + 1, 10**30]),
    "timezone": _pairs(TIMEZONES[:7], TIMEZONES[7:]),
    "endpoint": lambda w: (
        [s["endpoint"] for s in w.subscriptions],
        ["https://fcm.googleapis.com/fcm/send/x", "https://127.0.0.1:1/push/x"],
    ),
    "time": _pairs(HHMM[:4], HHMM[4:]),
    "quiet_start": _pairs(HHMM[:4], HHMM[4:]),
    "quiet_end": _pairs(HHMM[:4], HHMM[4:]),
    "start_date": _pairs(DATES[:5], DATES[5:]),
    "release_at": _pairs(MOMENTS[:6], MOMENTS[6:]),
    "due_at": _pairs(MOMENTS[:6], MOMENTS[6:]),
    "client_ts": _pairs(MOMENTS[:6], MOMENTS[6:]),
    "again": _pairs(["true", "false", "1", "0"], ["yes", "maybe", ""]),
    "weekday": _pairs(list(range(7)), [7, -1]),
    "weekdays": _pairs([[0, 1, 2, 3, 4], [5], [0, 2, 4], list(range(7))], [[], [7], [0, 0]]),
    "slugs": lambda w: ([w.slugs[:1], w.slugs[1:3], w.slugs[:4]], [[w.slugs[0]] * 2, []]),
    "request_id": lambda w: (w.requests, []),
    "session_id": lambda w: (w.sessions, []),
    "action_id": lambda w: (w.actions, []),
    "due_on": _pairs(DATES[:3], DATES[3:]),
    "mentor_id": lambda w: ([w.users["coach"], w.users["coach3"]], [w.users["learner"]]),
    "start_at": lambda w: (w.slot_starts, [*MOMENTS[6:], "2026-11-21T09:07:00Z"]),
    "start": _pairs(["07:00", "12:00"], HHMM[4:]),
    "end": _pairs(["12:30", "18:00"], ["06:00", *HHMM[4:]]),
    "need": _pairs(["How do I start?", "Feedback to my boss"], ["", " ", "x" * 281]),
    "locale": _pairs(["de", "en", None, "de-AT"], ["fr", "", "x" * 36, "en_", "*"]),
}


class Values:
    """Draws real values (and near misses of them) for fields known by name."""

    def __init__(self, world: World) -> None:
        self.world = world
        self.devices = list(world.devices.values())

    def caller(self, draw: Any) -> tuple[str, dict[str, str]]:
        """Who sends the request, and its Authorization header."""
        name = draw(st.sampled_from(CALLERS))
        if name == "anonymous":
            return name, {}
        if name != "bad":
            return name, self.world.auth(name)
        real = self.world.tokens["learner"]
        header = draw(
            st.sampled_from(
                [f"Bearer {t}" for t in self.world.bad_tokens]
                + ["Bearer", "Bearer ", "Basic dXNlcjpwYXNz", "Bearer " + "a" * 5000]
                + [f"Bearer {real}x", f"Bearer {real[:-1]}", "Bearer \t", f"Token {real}"]
            )
        )
        return name, {"Authorization": header}

    def tied(self, draw: Any, key: str, ctx: dict, strategy: st.SearchStrategy[Any]) -> Any:
        """A value drawn once per request for `key`: later fields mostly reuse it."""
        if key in ctx and draw(st.integers(0, 3)) > 0:
            return ctx[key]
        ctx[key] = draw(strategy)
        return ctx[key]

    def real(self, draw: Any, name: str, schema: dict[str, Any], ctx: dict) -> Any:
        """A real value for field `name` (an object's schema title counts first)."""
        w = self.world
        title = schema.get("title", "")
        if title == "TokenIn":
            return self.sign_in(draw, ctx["clean"])
        if title == "PushIn":
            device = w.devices.get(ctx["caller"], w.devices["learner"])
            events = [self.event(draw, ctx) for _ in range(draw(st.integers(0, 4)))]
            if events and not ctx["clean"] and draw(st.integers(0, 29)) == 0:
                events = [events[0] | {"event_id": self.fresh_id()} for _ in range(201)]
            return {"device_id": device, "events": events}  # 200 events at most
        if title == "EventIn":
            return self.event(draw, ctx)
        if title == "NuggetIn":
            return self.nugget(draw, ctx)
        if title == "SubscriptionIn":  # browsers send expirationTime as ms, or null
            sub = draw(st.sampled_from(w.subscriptions))
            return sub | draw(st.sampled_from([{}, *({"expirationTime": t} for t in EXPIRY)]))
        if title == "ReminderPlanIn":
            return self.plan(draw, ctx["clean"])
        if title == "DeleteAccountIn":  # the caller's own password, now and then a wrong one
            who = ctx["caller"]
            wrong = who not in ACCOUNTS or (not ctx["clean"] and draw(st.integers(0, 7)) == 0)
            password = "wrong-password" if wrong else ACCOUNTS[who][1]
            return {"password": password, "confirm": draw(st.sampled_from([True, True, False]))}
        if name == "name" and ctx.get("in") == "path":  # /media/u/{name}
            good, odd = w.media, [w.media[0].upper(), "0" * 24 + ".webp"]
        elif name in POOLS:
            good, odd = POOLS[name](w)
        elif name == "cursor":
            return self.tied(draw, name, ctx, self.cursor(ctx.get("clean", False)))
        else:
            return MISSING
        choices = st.sampled_from(good if ctx.get("clean") or not odd else good + odd)
        if name == "email" and ctx.get("in") == "body":
            return draw(choices)
        return self.tied(draw, name, ctx, choices)

    def sign_in(self, draw: Any, clean: bool) -> dict[str, Any]:
        """Real credentials for a real or new device, or a wrong password."""
        who = draw(st.sampled_from(list(ACCOUNTS)))
        email, password, _ = ACCOUNTS[who]
        wrong = not clean and draw(st.integers(0, 4)) == 0
        device = draw(
            st.sampled_from(
                [self.world.devices[who], "device-fuzz-fresh-1", *self.world.devices.values()]
            )
        )
        body = {"email": email, "password": "wrong-password" if wrong else password}
        return body | {"device_id": device, "device_label": draw(st.sampled_from(["", "Phone"]))}

    def cursor(self, clean: bool) -> st.SearchStrategy[str]:
        """A real cursor, or one with a part swapped for a hostile number."""

        @st.composite
        def tampered(draw: Any) -> str:
            parts = draw(st.sampled_from(self.world.cursors)).split(".")
            index = draw(st.integers(0, len(parts) - 1))
            parts[index] = draw(st.sampled_from(BIG_DIGITS))
            return ".".join(parts)

        real = st.sampled_from(self.world.cursors)
        return real if clean else st.one_of(real, tampered())

    def event(self, draw: Any, ctx: dict) -> dict[str, Any]:
        """A learner event whose payload fits its nugget, or nearly does."""
        w = self.world
        mine = w.nuggets_of.get(ctx["caller"]) or w.nuggets
        stray = not ctx["clean"] and draw(st.integers(0, 9)) == 0  # not assigned to the caller
        nugget = draw(st.sampled_from(w.nuggets if stray else mine))
        kind = draw(st.sampled_from(EVENT_TYPES))
        device = w.devices.get(ctx["caller"], w.devices["learner"])
        seq = ctx.get("seq", w.next_seq.get(device, 1))
        ctx["seq"] = seq + (1 if ctx["clean"] else draw(st.sampled_from([1, 1, 1, 2, 0])))
        if not ctx["clean"] and draw(st.integers(0, 9)) == 0:
            return dict(draw(st.sampled_from(w.sent_events)))  # a resend, or a reused id
        event = {
            "event_id": self.fresh_id() if ctx["clean"] else str(draw(st.uuids())),
            "device_seq": seq if ctx["clean"] or draw(st.integers(0, 9)) else 2**53,
            "type": kind,
            "nugget_id": nugget["id"],
            "nugget_version": nugget["version"]
            + (0 if ctx["clean"] else draw(st.sampled_from([0, 0, 0, 1, -1]))),
            "payload": self.payload(draw, nugget, kind, ctx["clean"]),
            "client_ts": draw(st.sampled_from(MOMENTS[:4] if ctx["clean"] else MOMENTS)),
        }
        return event

    def fresh_id(self) -> str:
        """An event id not sent before (Hypothesis would draw the same uuids again)."""
        self.world.ids_made += 1
        return str(uuid.UUID(int=(0xF022 << 112) + self.world.ids_made))

    def payload(self, draw: Any, nugget: dict[str, Any], kind: str, clean: bool) -> dict[str, Any]:
        """What an event of `kind` holds for this nugget (sometimes just out of range)."""
        off = not clean and draw(st.integers(0, 7)) == 0
        if kind in ("nugget_started", "nugget_completed"):
            return {"step": 0} if off else {}
        if kind == "step_done":
            steps = len(nugget["practice_steps"])
            return {"step": steps if off else draw(st.integers(0, steps - 1))}
        item = draw(st.sampled_from(nugget["quiz"]))
        if kind == "review_too_easy":
            return (
                {"item_id": item["id"], "answer": {"text": "x"}} if off else {"item_id": item["id"]}
            )
        if item["kind"] == "short_answer":
            answer: dict[str, Any] = {
                "text": draw(st.sampled_from(item["accepted_answers"] + ["x"]))
            }
        else:
            count = len(item["options"])
            single = item["kind"] != "multiple_choice"
            picks = draw(
                st.lists(
                    st.integers(0, count - 1),
                    min_size=1,
                    max_size=1 if single else count,
                    unique=True,
                )
            )
            answer = {"choices": [count] if off else picks}
        body = {"item_id": item["id"], "answer": answer}
        return body | ({"correct": draw(st.booleans())} if draw(st.booleans()) else {})

    def nugget(self, draw: Any, ctx: dict) -> dict[str, Any]:
        """An authored nugget; its slug mostly the one in the path (a new slug creates one)."""
        w = self.world
        data = dict(draw(st.sampled_from(w.authored)))
        slug = ctx.get("slug")
        if slug is not None and draw(st.integers(0, 4)):
            mine = [a for a in w.authored if a["slug"] == slug]
            data = dict(mine[0]) if mine else data | {"slug": slug}
        if not ctx["clean"] and draw(st.integers(0, 3)) == 0:
            field = draw(st.sampled_from(sorted(data)))
            data[field] = draw(st.sampled_from([None, "", "x" * 20001, [], [{}], 0, "\ud800", 16]))
        return data

    def plan(self, draw: Any, clean: bool) -> dict[str, Any]:
        """A reminder plan with real slots, zone and quiet hours."""
        slot = st.tuples(st.integers(0, 6), st.sampled_from(HHMM[:4]))
        slots = draw(st.lists(slot, max_size=5, unique=clean))
        quiet = draw(st.sampled_from([{}, {"quiet_start": "22:00", "quiet_end": "06:30"}]))
        return {
            "enabled": draw(st.booleans()),
            "timezone": draw(st.sampled_from(TIMEZONES[:7] if clean else TIMEZONES)),
            "slots": [{"weekday": d, "time": t} for d, t in slots],
            "daily_goal_minutes": draw(st.sampled_from([5, 10, 120] + ([] if clean else [4, 121]))),
        } | quiet

    def raw_body(self, draw: Any, media_type: str, clean: bool) -> str | bytes:
        """A Markdown file or a zip archive: real, changed, cut short, or not one at all."""
        w = self.world
        if media_type == "text/markdown":
            text = draw(st.sampled_from(w.markdown))
            if clean:  # as exported, or under a new slug (the import creates a nugget)
                return text.replace("slug: ", "slug: fuzz-md-", 1) if draw(st.booleans()) else text
            way = draw(st.integers(0, 3))
            if way == 0:
                return text[: draw(st.integers(0, len(text)))]
            if way == 1:
                return draw(st.text(max_size=200))
            odd = draw(st.sampled_from(ODD_YAML))
            if way == 2:  # odd front matter over real sections
                return f"---\n{odd}\n---\n{text.split(chr(10) + '---' + chr(10), 1)[-1]}"
            return text.replace("---\n", f"---\n{odd}\n", 1)  # an odd line among real ones
        data = draw(st.sampled_from(w.archives))
        if clean:
            return data
        way = draw(st.integers(0, 3))
        if way == 0:
            return data[: draw(st.integers(0, len(data)))]
        if way == 1:  # flip bytes: a corrupt header, deflate stream or CRC
            out = bytearray(data)
            for _ in range(draw(st.integers(1, 4))):
                at = draw(st.integers(0, len(out) - 1))
                out[at] ^= draw(st.integers(1, 255))
            return bytes(out)
        if way == 2:
            return draw(st.binary(max_size=200))
        name = draw(st.sampled_from(["skill.yaml", "nuggets/01-x.md", "../evil.md", "a/" * 40]))
        odd = draw(st.sampled_from(ODD_YAML))
        return odd_archive(name, odd if name == "skill.yaml" else f"---\n{odd}\n---\n")


def odd_archive(name: str, text: str) -> bytes:
    """A zip whose one file is named `name` and holds `text`."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr(name, text.encode("utf-8", "surrogatepass"))
    return out.getvalue()

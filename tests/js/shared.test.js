// What the pages and the service worker share (assets/js/mm-shared.js).
import { expect, test } from "bun:test";

const shared = require("../../assets/js/mm-shared.js");

test("VAPID keys: unpadded base64url to bytes and back", () => {
  const key = new Uint8Array(65).map((_, i) => (i * 37 + 4) % 256); // a P-256 point's length
  const text = shared.bytesToB64(key.buffer);
  expect(text).not.toMatch(/[=+/]/);
  expect(text.length).toBe(87);
  expect([...shared.b64ToBytes(text)]).toEqual([...key]);
});

test("iPadOS counts as iOS; standalone from the media query or Safari's flag", () => {
  expect(
    shared.isIos({ userAgent: "Mozilla/5.0 (Macintosh)", platform: "MacIntel", maxTouchPoints: 5 }),
  ).toBe(true);
  expect(
    shared.isIos({ userAgent: "Mozilla/5.0 (Macintosh)", platform: "MacIntel", maxTouchPoints: 0 }),
  ).toBe(false);
  const media = (matches) => () => ({ matches });
  expect(shared.isStandalone({ standalone: true }, media(false))).toBe(true);
  expect(shared.isStandalone({}, media(false))).toBe(false);
});

test("an HTTP error carries the server's reason and code", () => {
  const e = new shared.HttpError(422, { error: "too_many_events", reason: "A batch holds at most 3 events" });
  expect([e.status, e.body.error, e.message]).toEqual([
    422,
    "too_many_events",
    "A batch holds at most 3 events",
  ]);
  expect(new shared.HttpError(502, null).message).toBe("HTTP 502");
});

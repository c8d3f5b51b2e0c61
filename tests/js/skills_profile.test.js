// "Your skills profile" (mm-views.js profileView) and credentials kept for offline
// (mm-media.js credentialImageUrls, credentialDocPlan; mm-views.js credentialRows).
import { describe, expect, test } from "bun:test";

const views = require("../../assets/js/mm-views.js");
const media = require("../../assets/js/mm-media.js");

const cred = (id) => ({
  id,
  name: `Badge ${id}`,
  skill: "Charts",
  issued_at: "2026-03-05T09:00:00Z",
  revoked: false,
  revoked_reason: null,
  verify_url: `https://mm.example.org/badges/${id}`,
  image_url: `https://mm.example.org/badges/achievements/ach-${id}.png`,
  issuer_name: "Micromastery",
});

describe("skills profile", () => {
  test("private until a link is kept; a link made elsewhere is shared without a URL", () => {
    expect(views.profileView(null)).toEqual({ shared: false, url: "", busy: false, error: "", notice: "" });
    const mine = { url: "https://mm.example.org/p/tok", shared_at: "2026-03-05T09:00:00Z" };
    expect(views.profileView(mine, { notice: "Link copied." })).toMatchObject({
      shared: true,
      url: mine.url,
      notice: "Link copied.",
    });
    expect(views.profileView({ url: "", shared_at: mine.shared_at }, { busy: true })).toMatchObject({
      shared: true,
      url: "",
      busy: true,
    });
  });

  test("the preview opens the link's path on this phone's own origin", () => {
    expect(views.pathOf("https://mm.example.org/p/abc_-1")).toBe("/p/abc_-1");
    expect(views.pathOf("http://localhost:3000/badges/x.png")).toBe("/badges/x.png");
    expect(views.pathOf("/p/abc")).toBe("/p/abc");
  });
});

describe("credentials offline", () => {
  test("badge images are fetched from this origin, by the public URL's path", () => {
    const progress = { credentials: [cred("a"), cred("b")] };
    expect(media.credentialImageUrls(progress, "http://127.0.0.1:8123")).toEqual([
      "http://127.0.0.1:8123/badges/achievements/ach-a.png",
      "http://127.0.0.1:8123/badges/achievements/ach-b.png",
    ]);
    expect(media.credentialImageUrls(undefined, "http://x")).toEqual([]);
    expect(views.credentialRows([cred("a")])[0].image_url).toBe("/badges/achievements/ach-a.png");
  });

  test("documents: fetch the new ones, keep the listed ones, drop the rest", () => {
    const kept = { a: { id: "a-doc" }, gone: { id: "gone-doc" } };
    const plan = media.credentialDocPlan(kept, { credentials: [cred("a"), cred("b")] });
    expect(plan).toEqual({ fetch: ["b"], keep: { a: { id: "a-doc" } } });
    expect(media.credentialDocPlan(undefined, { credentials: [cred("a")] })).toEqual({
      fetch: ["a"],
      keep: {},
    });
    expect(media.credentialDocPlan(kept, null)).toEqual({ fetch: [], keep: {} });
  });
});

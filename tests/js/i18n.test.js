// The phone's two languages (assets/js/mm-i18n.js): the view models read their words
// from the catalogue in use, plurals pick the language's form, a message the catalogue
// lacks stays English, and the language follows the browser's list when it can.
import { afterAll, describe, expect, test } from "bun:test";

process.env.TZ = "UTC";
const I18n = require("../../assets/js/mm-i18n.js");
const views = require("../../assets/js/mm-views.js");
const reviews = require("../../assets/js/mm-reviews.js");
const { NOW, device, session, outboxRow } = require("./fixtures.js");

// A small German catalogue of real msgids, in the shape /i18n/de.json has.
const GERMAN = {
  locale: "de",
  messages: {
    Done: "Erledigt",
    "{minutes} min · {skill}": "{minutes} Min. · {skill}",
    "{done} of {total} done": "{done} von {total} erledigt",
    "Next in your cohort's sequence": "Als Nächstes in der Reihenfolge deiner Kohorte",
    "{weekday} {day} {month}": "{weekday}, {day}. {month}",
    tomorrow: "morgen",
  },
  plurals: {
    "{n} answer waiting to sync": {
      one: "{n} Antwort wartet auf Synchronisierung",
      other: "{n} Antworten warten auf Synchronisierung",
    },
  },
};

const pending = (count) =>
  views.syncView({
    rows: Array.from({ length: count }, (_, i) => outboxRow(i + 1)),
    lastSync: null,
    result: null,
    session: session(),
    online: true,
  });

describe("in German", () => {
  afterAll(() => I18n.setCatalogue(null)); // back to English: the other files expect it

  test("Today's view model comes out in German", () => {
    I18n.setCatalogue(GERMAN);
    const view = views.todayView(device(), null, NOW);
    expect(view.items[0].meta).toBe("10 Min. · Listening");
    expect(view.items[2].status).toBe("Erledigt");
    expect(view.headline).toBe("1 von 3 erledigt");
    expect(view.picks[0].reason).toBe("Als Nächstes in der Reihenfolge deiner Kohorte");
  });

  test("a plural picks the German form for 1 and for 2", () => {
    I18n.setCatalogue(GERMAN);
    expect(pending(1).label).toBe("1 Antwort wartet auf Synchronisierung");
    expect(pending(2).label).toBe("2 Antworten warten auf Synchronisierung");
  });

  test("a message the catalogue lacks stays English", () => {
    I18n.setCatalogue(GERMAN);
    expect(pending(0).label).toBe("Not synced yet");
    expect(views.todayView({ nuggets: [], attempts: [], progress: null }, null, NOW).empty_heading).toBe(
      "No nuggets yet",
    );
  });

  test("dates use the language's own names", () => {
    I18n.setCatalogue(GERMAN);
    expect(reviews.dueLabel("2026-03-10", "2026-03-11")).toBe("morgen · Mi, 11. Mär");
    I18n.setCatalogue(null);
    expect(reviews.dueLabel("2026-03-10", "2026-03-11")).toBe("tomorrow · Wed 11 Mar");
  });
});

describe("the language", () => {
  test("is the first of the browser's list the app speaks, else English", () => {
    expect(I18n.negotiate(["fr-FR", "de-AT"])).toBe("de");
    expect(I18n.negotiate(["fr"])).toBe("en");
  });

  test("is English again once the catalogue is reset", () => {
    I18n.setCatalogue(null);
    expect(I18n.locale()).toBe("en");
    expect(pending(1).label).toBe("1 answer waiting to sync");
  });
});

describe("switching languages", () => {
  test("a catalogue that arrives after a newer choice does not win", async () => {
    let release;
    const realFetch = globalThis.fetch;
    globalThis.fetch = () =>
      new Promise((resolve) => {
        release = () => resolve({ ok: true, json: async () => GERMAN });
      });
    try {
      const german = I18n.use("de"); // slow: the first visit, before the precache
      await I18n.use("en"); // the learner picks English before it arrives
      release();
      await german;
      expect(I18n.locale()).toBe("en");
      expect(I18n.t("Done")).toBe("Done");
    } finally {
      globalThis.fetch = realFetch;
      I18n.setCatalogue(null);
    }
  });
});

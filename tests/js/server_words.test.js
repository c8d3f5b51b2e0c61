// Words the server computes for the phone (mmapp/schemas/words.py `Words`): a skill's
// level and next step, the standing statement, the default scale. The phone caches
// them, so it words them with its own catalogue (the language may change offline), and
// falls back to the server's English field when a pull from before has no words.
import { afterAll, describe, expect, test } from "bun:test";

process.env.TZ = "UTC";
const I18n = require("../../assets/js/mm-i18n.js");
const views = require("../../assets/js/mm-views.js");
const audit = require("../../assets/js/mm-audit.js");
const { serverWords } = require("../../assets/js/mm-progress.js");
const { NOW, device, standingRow } = require("./fixtures.js");

// The German of /work/wt/brief/de-servertext.json for these msgids, as /i18n/de.json has it.
const GERMAN = {
  locale: "de",
  messages: {
    Started: "Begonnen",
    "Not started": "Nicht begonnen",
    "{name}: level {current} → {target} by {by}; {done} of {total} nuggets, recall {recall} %":
      "{name}: Stufe {current} → {target} bis {by}; {done} von {total} Nuggets, Abruf {recall} %",
    "{day} {month}": "{day}. {month}",
    "{day} {month} {year}": "{day}. {month} {year}",
    "Not yet": "Noch nicht",
    "I know what it is": "Ich weiß, worum es geht",
    "I can do it with help": "Ich kann es mit Hilfe",
    "I can do it on my own": "Ich kann es selbstständig",
    "I can teach it": "Ich kann es anderen beibringen",
  },
  plurals: {
    "Finish {n} more nugget": { one: "Schließ noch {n} Nugget ab", other: "Schließ noch {n} Nuggets ab" },
  },
};

const progressWith = (skill) =>
  device({ progress: { ...device().progress, skills: [{ ...device().progress.skills[0], ...skill }] } });
const withStanding = (rows) => device({ progress: { ...device().progress, standing: rows } });

describe("server words on the phone", () => {
  afterAll(() => I18n.setCatalogue(null)); // back to English: the other files expect it

  test("the next step and the level come out in German", () => {
    I18n.setCatalogue(GERMAN);
    const skill = views.progressView(device(), NOW).skills[0];
    expect(skill.next_step).toBe("Schließ noch 1 Nugget ab");
    expect(skill.level_label).toBe("Begonnen");
    const two = progressWith({ next_step_words: { ...device().progress.skills[0].next_step_words, n: 2 } });
    expect(views.progressView(two, NOW).skills[0].next_step).toBe("Schließ noch 2 Nuggets ab");
  });

  test("without the words (a pull from before) the server's English stays", () => {
    I18n.setCatalogue(GERMAN);
    const old = progressWith({ next_step_words: undefined });
    expect(views.progressView(old, NOW).skills[0].next_step).toBe("Finish 1 more nugget");
    const mastered = progressWith({ level: "mastered", next_step: "", next_step_words: null });
    expect(views.progressView(mastered, NOW).skills[0].next_step).toBe("");
  });

  test("in English the words read exactly as the server's English", () => {
    I18n.setCatalogue(null);
    const skill = views.progressView(device(), NOW).skills[0];
    expect([skill.level_label, skill.next_step]).toEqual(["Started", "Finish 1 more nugget"]);
    expect(serverWords(standingRow().statement_words, "")).toBe(standingRow().statement);
  });

  test("the standing statement and its day in German, else the English field", () => {
    I18n.setCatalogue(GERMAN);
    const notes = audit.progressNotes(audit.standingNow(withStanding([standingRow()]), null));
    expect(notes.listening.goal).toBe("Listening: Stufe 2 → 3 bis 15. Mai; 1 von 2 Nuggets, Abruf 93 %");
    const old = withStanding([standingRow({ statement_words: undefined })]);
    expect(audit.progressNotes(audit.standingNow(old, null)).listening.goal).toBe(standingRow().statement);
    const far = { ...standingRow().statement_words, days: { by: { date: "2028-02-01", year: true } } };
    expect(serverWords(far, "")).toMatch(/ bis 1\. Feb\.? 2028; /); // Intl: "Feb." or "Feb"
  });

  test("the default scale the server sends is worded here; a skill's own words stay", () => {
    I18n.setCatalogue(GERMAN);
    const [row] = audit.standingNow(withStanding([standingRow()]), null);
    expect(row.scale[0]).toBe("Noch nicht");
    const own = ["Neu", "Kenne es", "Mit Hilfe", "Allein", "Lehre es"];
    const [mine] = audit.standingNow(withStanding([standingRow({ scale: own })]), null);
    expect(mine.scale).toEqual(own);
  });
});

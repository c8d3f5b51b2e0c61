// The language picked in Settings (mm-bridge.js `setLanguage`): shown at once, kept
// as pending for the account while offline, sent by the next sync (mm-sync.js); and
// the `mm_i18n` var says which language was chosen (mm-i18n.js `publish`).
const { afterAll, afterEach, beforeAll, beforeEach, describe, expect, test } = require("bun:test");
const { session } = require("./fixtures.js");

const I18N = require("../../assets/js/mm-i18n.js");
require("../../assets/js/mm-shared.js");
require("../../assets/js/mm-sync-rules.js");

// The on-device store, in memory: the calls mm-sync.js and mm-bridge.js make.
function memoryStore() {
  const stores = { kv: new Map(), nuggets: new Map(), attempts: new Map(), outbox: new Map() };
  const handle = (name) => ({
    get: (key) => ({ result: stores[name].get(key) }),
    getAll: () => ({ result: [...stores[name].values()] }),
    put: (value, key) => stores[name].set(key === undefined ? value.id || value.event_id : key, value),
    delete: (key) => stores[name].delete(key),
    clear: () => stores[name].clear(),
  });
  const all = () => Object.fromEntries(Object.keys(stores).map((n) => [n, handle(n)]));
  return {
    stores,
    req: async (r) => r.result,
    get: async (name, key) => stores[name].get(key),
    all: async (name) => [...stores[name].values()],
    put: async (name, value, key) => handle(name).put(value, key),
    del: async (name, key) => stores[name].delete(key),
    tx: async (_names, _mode, fn) => fn(all()),
    async forAccount(who, _names, fn) {
      const now = stores.kv.get("session");
      if (!who || !now || now.token !== who.token) return false;
      const result = await fn(all());
      return result === undefined ? true : result;
    },
  };
}

// The network: the service worker's precache answers /i18n/*.json even offline;
// the API answers only while `online`, /me/locale with `localeStatus`.
const net = { online: true, localeStatus: 200, requests: [] };
const GERMAN = { locale: "de", messages: { "Choose a day.": "Wähle einen Tag." }, plurals: {} };
function fakeFetch(url, init = {}) {
  net.requests.push({ url, method: init.method || "GET", headers: init.headers || {}, body: init.body });
  if (url === "/i18n/de.json") return Promise.resolve(Response.json(GERMAN));
  if (!net.online) return Promise.reject(new TypeError("Failed to fetch"));
  if (url === "/api/v1/me/locale") return Promise.resolve(Response.json({}, { status: net.localeStatus }));
  if (url.startsWith("/api/v1/sync/pull"))
    return Promise.resolve(Response.json({ nuggets: [], tombstones: [], cursor: "c-1", has_more: false }));
  return Promise.resolve(Response.json({ error: "not_found" }, { status: 404 }));
}
const localeCalls = () => net.requests.filter((r) => r.url === "/api/v1/me/locale");

const saved = {};
let store;
let bridge;
beforeAll(() => {
  saved.fetch = globalThis.fetch;
  saved.localStorage = globalThis.localStorage;
  globalThis.fetch = fakeFetch;
  const items = new Map();
  globalThis.localStorage = {
    getItem: (k) => (items.has(k) ? items.get(k) : null),
    setItem: (k, v) => items.set(k, String(v)),
    removeItem: (k) => items.delete(k),
  };
  self.mmStore = memoryStore();
  self.mmMedia = { sync: async () => true };
  require("../../assets/js/mm-sync.js");
  bridge = require("../../assets/js/mm-bridge.js");
});
afterAll(() => {
  // Other test files read English: leave the catalogue as it was.
  globalThis.localStorage.removeItem("mm_locale");
  I18N.setCatalogue(null);
  globalThis.fetch = saved.fetch;
  globalThis.localStorage = saved.localStorage;
  delete self.mmStore;
  delete self.mmMedia;
});

beforeEach(() => {
  store = memoryStore();
  self.mmStore = store;
  store.stores.kv.set("session", session());
  Object.assign(net, { online: true, localeStatus: 200, requests: [] });
});
afterEach(async () => {
  await I18N.choose(null);
});

describe("setLanguage", () => {
  test("offline: shown at once, kept as pending, sent by the next sync", async () => {
    net.online = false;
    await bridge.setLanguage("de");
    expect(I18N.locale()).toBe("de");
    expect(I18N.t("Choose a day.")).toBe("Wähle einen Tag.");
    expect(I18N.chosen()).toBe("de");
    expect(localeCalls()).toHaveLength(1); // tried, no answer
    expect(store.stores.kv.get("locale_pending")).toEqual({ locale: "de" });

    net.online = true;
    const result = await self.mmSync.sync("online");
    expect(result.ok).toBe(true);
    const [, sent] = localeCalls();
    expect(sent.method).toBe("PUT");
    expect(JSON.parse(sent.body)).toEqual({ locale: "de" });
    expect(sent.headers.Authorization).toBe("Bearer t-1");
    expect(sent.headers["Accept-Language"]).toBe("de");
    expect(store.stores.kv.has("locale_pending")).toBe(false);
  });

  test("online: sent at once; the next sync sends nothing more", async () => {
    await bridge.setLanguage("de");
    expect(localeCalls()).toHaveLength(1);
    expect(store.stores.kv.has("locale_pending")).toBe(false);
    await self.mmSync.sync("manual");
    expect(localeCalls()).toHaveLength(1);
  });

  test('"" follows the browser again: the account gets null', async () => {
    await bridge.setLanguage("de");
    await bridge.setLanguage("");
    expect(I18N.chosen()).toBe(null);
    expect(globalThis.localStorage.getItem("mm_locale")).toBe(null);
    expect(JSON.parse(localeCalls()[1].body)).toEqual({ locale: null });
  });

  test("a server failing keeps it pending; a 4xx refusal drops it", async () => {
    net.localeStatus = 503;
    await bridge.setLanguage("en");
    expect(store.stores.kv.get("locale_pending")).toEqual({ locale: "en" });
    net.localeStatus = 422;
    await self.mmSync.sync("manual");
    expect(localeCalls()).toHaveLength(2);
    expect(store.stores.kv.has("locale_pending")).toBe(false);
  });

  test("an expired sign-in keeps it for the next sign-in's sync", async () => {
    net.localeStatus = 401;
    await bridge.setLanguage("de");
    expect(store.stores.kv.get("locale_pending")).toEqual({ locale: "de" });
  });

  test("signed out: shown on this phone only", async () => {
    store.stores.kv.delete("session");
    await bridge.setLanguage("de");
    expect(I18N.locale()).toBe("de");
    expect(localeCalls()).toHaveLength(0);
    expect(store.stores.kv.has("locale_pending")).toBe(false);
  });
});

describe("publish", () => {
  test("the mm_i18n var carries the catalogue and the choice", async () => {
    const seen = [];
    const refs = { _client_state_setMm_i18n: (value) => seen.push(value) };
    await I18N.attach(refs);
    expect(seen.at(-1)).toMatchObject({ locale: "en", chosen: "" });
    await I18N.choose("de");
    expect(seen.at(-1)).toMatchObject({ locale: "de", chosen: "de", messages: GERMAN.messages });
    await I18N.choose(null);
    expect(seen.at(-1).chosen).toBe("");
  });
});

// Micromastery helpers the pages and the service worker share (the worker loads this
// file with importScripts): the API's address and its errors, the names both sides
// must agree on (Web Lock, Background Sync tag, caches, channel, messages) and the
// base64url keys of Web Push. One home, so the page and the worker never drift.
(() => {
  "use strict"; // i18n: not text
  const { t } = self.mmI18n || require("./mm-i18n.js");
  const API = "/api/v1";

  const NAMES = {
    syncLock: "mm-sync", // one flusher across tabs and the worker
    syncTag: "mm-outbox", // Background Sync registration
    mediaCache: "mm-media", // pictures in nuggets; emptied on sign-out
    shellCachePrefix: "mm-shell-", // + the build's precache version
    runtimeCache: "mm-runtime", // hashed build files not precached
    accountChannel: "mm-account", // "signed_out" to the other tabs
  };

  // postMessage types between the worker and its pages.
  const MESSAGES = { synced: "SYNCED", skipWaiting: "SKIP_WAITING", version: "VERSION", claim: "CLAIM" };

  // Sync results that are no failure to retry later (the worker's Background Sync
  // succeeds on them; another run, or the learner, has to act instead).
  const QUIET_REASONS = ["signed_out", "expired", "other_tab", "deleted"];

  // Why the last account left, kept in kv "farewell" (where it was deleted: "here" or
  // "elsewhere"), and what the sign-in page then says, in the language shown then.
  const FAREWELL = { here: "here", elsewhere: "elsewhere" };
  function farewellText(kept) {
    if (kept === FAREWELL.here) return t("Your account and its data were deleted.");
    if (kept === FAREWELL.elsewhere)
      return t(
        "This account was deleted. Its answers waiting on this phone were not sent and have been removed from it.",
      );
    return kept || ""; // kept by an older version as the English text itself
  }

  class HttpError extends Error {
    constructor(status, body) {
      super(body?.reason || `HTTP ${status}`);
      this.status = status;
      this.body = body || {};
    }
  }

  // The language this phone asks the API for: the server words its error reasons in
  // it and records it as the device's. The one chosen here, else the browser's (the
  // service worker cannot read the choice: it says the browser's).
  const language = () => self.mmI18n?.wanted() || globalThis.navigator?.language || "en";

  // The headers of every API request: the language, and the sign-in token if any.
  function apiHeaders(token, json = true) {
    const headers = { "Accept-Language": language() }; // i18n: not text
    if (json) headers["Content-Type"] = "application/json"; // i18n: not text
    if (token) headers.Authorization = `Bearer ${token}`; // i18n: not text
    return headers;
  }

  // One JSON request to the API; an HTTP error status throws HttpError (with the
  // server's `{error, reason}`), no answer at all throws fetch's TypeError.
  async function call(method, path, token, body, signal) {
    const res = await fetch(API + path, {
      signal,
      method,
      headers: apiHeaders(token),
      body: body === undefined ? undefined : JSON.stringify(body),
      cache: "no-store",
    });
    let data = null;
    try {
      data = await res.json();
    } catch (_e) {
      data = null;
    }
    if (!res.ok) throw new HttpError(res.status, data);
    return data;
  }

  // VAPID keys travel as unpadded base64url; the Push API wants bytes.
  const b64ToBytes = (s) =>
    Uint8Array.from(
      atob(`${s}${"===".slice((s.length + 3) % 4)}`.replace(/-/g, "+").replace(/_/g, "/")),
      (c) => c.charCodeAt(0),
    );
  const bytesToB64 = (buf) =>
    btoa(String.fromCharCode(...new Uint8Array(buf)))
      .replace(/\+/g, "-")
      .replace(/\//g, "_")
      .replace(/=+$/, "");

  // The server's current VAPID public key, as the bytes pushManager.subscribe takes.
  async function serverPushKey() {
    const { public_key } = await call("GET", "/push/vapid-public-key");
    return { text: public_key, bytes: b64ToBytes(public_key) };
  }

  // iPhone and iPad (iPadOS says MacIntel with touch), and running as installed app.
  const isIos = (nav) =>
    /iphone|ipad|ipod/i.test(nav.userAgent) || (nav.platform === "MacIntel" && nav.maxTouchPoints > 1); // i18n: not text
  const isStandalone = (nav, matchMedia) =>
    matchMedia("(display-mode: standalone)").matches || nav.standalone === true; // i18n: not text

  const api = {
    API,
    NAMES,
    MESSAGES,
    QUIET_REASONS,
    FAREWELL,
    farewellText,
    HttpError,
    apiHeaders,
    call,
    b64ToBytes,
    bytesToB64,
    serverPushKey,
    isIos,
    isStandalone,
  };
  if (typeof self !== "undefined") self.mmShared = api;
  if (typeof module === "object" && module?.exports) module.exports = api;
})();

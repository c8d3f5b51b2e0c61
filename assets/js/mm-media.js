// Micromastery pictures on the phone: same-origin images in nuggets are kept in Cache
// Storage (while usage stays under 80% of the quota), so a nugget opens whole in a
// tunnel, and leave with their nugget; so are the badge images of earned credentials,
// and their signed JSON goes to kv. The service worker answers from every cache.
// Run by the sync loop after each pull, in the pages and in the worker.
(() => {
  "use strict"; // i18n: not text
  const S = () => self.mmStore;
  const { NAMES } = self.mmShared || require("./mm-shared.js");
  const IMAGE = /!\[[^\]]*\]\((\/[^)\s]+)|<img[^>]+src=["'](\/[^"']+)["']/g;
  const BUDGET_SHARE = 0.8; // leave a fifth of the quota for answers and nuggets

  function imageUrls(nugget) {
    const text = [
      nugget.context_html,
      nugget.way_in_html,
      nugget.payoff_html,
      ...(nugget.practice_steps || []),
      ...(nugget.quiz || []).flatMap((q) => [q.prompt, q.explanation_html]),
    ].join("\n");
    return [...text.matchAll(IMAGE)].map((m) => new URL(m[1] || m[2], self.location.origin).href);
  }

  // The badge image of each credential the pull listed, on this phone's origin.
  function credentialImageUrls(progress, origin = self.location.origin) {
    return (progress?.credentials || []).map(
      (c) => new URL(c.image_url.replace(/^[a-z]+:\/\/[^/]+/i, ""), origin).href,
    );
  }

  // Which credential documents to fetch, given those kept ({id: document}) and the
  // pull's list; and the kept ones still listed (a deleted credential leaves).
  function credentialDocPlan(kept, progress) {
    const ids = (progress?.credentials || []).map((c) => c.id);
    const keep = Object.fromEntries(ids.filter((id) => kept?.[id]).map((id) => [id, kept[id]]));
    return { fetch: ids.filter((id) => !keep[id]), keep };
  }

  // Keep each earned credential's signed JSON in kv "credential_docs", so "Download
  // JSON" works offline. Resolves false if the account signed out meanwhile.
  async function syncCredentialDocs(session, signal) {
    const progress = await S().get("kv", "progress");
    const plan = credentialDocPlan(await S().get("kv", "credential_docs"), progress);
    const docs = { ...plan.keep };
    for (const id of plan.fetch) {
      const response = await fetch(`/badges/${id}.json`, { signal, cache: "no-store" });
      if (response.ok) docs[id] = await response.json();
    }
    return S().forAccount(session, [], (s) => {
      s.kv.put(docs, "credential_docs");
    });
  }

  async function roomFor() {
    if (!navigator.storage?.estimate) return true;
    const { usage, quota } = await navigator.storage.estimate();
    return !quota || usage < quota * BUDGET_SHARE;
  }

  // Fetch the pictures the phone's nuggets show and drop those none shows any more.
  // Resolves false if the account signed out meanwhile (nothing of it is kept).
  async function syncMedia(session, signal) {
    if (!self.caches) return true;
    const wanted = new Set((await S().all("nuggets")).flatMap(imageUrls));
    for (const url of credentialImageUrls(await S().get("kv", "progress"))) wanted.add(url);
    const cache = await caches.open(NAMES.mediaCache);
    const have = new Set();
    for (const request of await cache.keys()) {
      if (wanted.has(request.url)) have.add(request.url);
      else await cache.delete(request); // its nugget was retracted or replaced
    }
    for (const url of wanted) {
      if (have.has(url)) continue;
      if (!(await roomFor())) return true; // the learner sees usage on the Progress page
      const response = await fetch(url, { signal });
      if (!response.ok) continue;
      await cache.put(url, response);
      // Signed out meanwhile: the sign-out emptied this cache; keep it empty.
      const now = await S().get("kv", "session");
      if (!now || now.token !== session.token) {
        await cache.delete(url);
        return false;
      }
    }
    return syncCredentialDocs(session, signal);
  }

  const api = { imageUrls, credentialImageUrls, credentialDocPlan, sync: syncMedia };
  if (typeof self !== "undefined") self.mmMedia = api;
  if (typeof module === "object" && module?.exports) module.exports = api;
})();

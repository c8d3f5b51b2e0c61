// Micromastery client bridge: turns the on-device store into view models for the
// Reflex pages (pushed into ClientStateVars through Reflex's `refs`) and carries
// out learner actions locally. Nothing here waits on the network.
(function () {
  "use strict";
  const S = () => window.mmStore;
  const V = () => window.mmViews;
  let refs = null;
  let current = { page: null, nuggetId: null };
  // Set once this page starts signing out (or hears another tab did): from then on no
  // view shows the account's data again, whatever refresh was still under way.
  let leaving = false;

  // --- pushing view models into Reflex ClientStateVars ---------------------------
  function setVar(name, value) {
    const cap = name.charAt(0).toUpperCase() + name.slice(1).toLowerCase();
    if (!refs || (leaving && name !== "mm_form")) return;
    const setter = refs["_client_state_set" + cap];
    if (typeof setter === "function") setter(value);
    else refs["_client_state_" + name] = value;
  }

  async function deviceId(fresh) {
    let id = fresh ? null : await S().get("kv", "device_id");
    if (!id) {
      id = "d_" + crypto.randomUUID().replace(/-/g, "");
      await S().put("kv", id, "device_id");
    }
    return id;
  }

  async function refreshSync(result) {
    const rows = await S().all("outbox");
    const session = await S().get("kv", "session");
    const lastSync = await S().get("kv", "last_sync");
    setVar("mm_sync", V().syncView(rows, lastSync, result, session));
  }

  // Read the device while React is still hydrating (nothing writes before the first
  // mount), so the first page paints its nuggets as soon as it mounts. The Today list
  // as last shown to this learner comes first: building it afresh reads every nugget
  // and makes the first Intl date format, ~0.1 s on a slow phone; the fresh one
  // replaces it right after the first paint.
  let early = (async () => {
    const session = await S().get("kv", "session");
    if (!session) return { session, today: null };
    const shown = await S().get("kv", "today_view");
    if (shown && shown.user === session.user.id) return { session, today: shown.view, stale: true };
    return { session, today: await V().todayView(null) };
  })();
  early.catch(() => { early = null; });

  // Run `fn` after the frame that first shows `selector` (or after 1 s without it).
  function afterShown(selector, fn) {
    const go = () => requestAnimationFrame(() => setTimeout(fn, 0));
    if (document.querySelector(selector)) { go(); return; }
    const seen = new MutationObserver(() => {
      if (!document.querySelector(selector)) return;
      seen.disconnect();
      clearTimeout(giveUp);
      go();
    });
    const giveUp = setTimeout(() => { seen.disconnect(); go(); }, 1000);
    seen.observe(document.body, { childList: true, subtree: true });
  }

  // Only while `session`'s account is still the one signed in: the list was built
  // after awaits, and a sign-out in between (in any tab) must not write it back.
  function rememberToday(session, view) {
    if (!session || current.minutes || leaving) return Promise.resolve();
    return S().forAccount(session, [], (s) => { s.kv.put({ user: session.user.id, view }, "today_view"); });
  }

  // Build the Today list afresh, show it, and remember it for the next cold open.
  async function showToday(session) {
    const view = await V().todayView(current.minutes);
    setVar("mm_today", view);
    await rememberToday(session, view);
  }

  async function refreshPage(preread) {
    const session = preread ? preread.session : await S().get("kv", "session");
    setVar("mm_session", V().sessionView(session));
    // Today's list is kept current from every page, so it is right on its first paint:
    // re-sorting after a tap lands would move a different nugget under the thumb.
    const today = (preread && preread.today) || await V().todayView(current.minutes);
    setVar("mm_today", today);
    if (preread && preread.stale) {
      // On Today, only once the remembered list is on screen: React may still be
      // hydrating, and would merge the two updates into one later paint.
      if (current.page === "today") afterShown(".mm-nugget-card", () => showToday(session));
      else showToday(session);
    } else {
      await rememberToday(session, today);
    }
    if (current.page === "progress") setVar("mm_progress", await V().progressView());
    if (current.page === "nugget") setVar("mm_player", await V().playerView(current.nuggetId));
    await refreshSync();
  }

  async function syncAndRefresh(trigger) {
    // The sync loop's onResult listener (below) already refreshes the sync status.
    const result = await window.mmSync.sync(trigger);
    await refreshPage();
    return result;
  }

  // --- page lifecycle -----------------------------------------------------------
  // React Router loads a route's module on first visit; offline that fetch fails and
  // it falls back to a full page load. Import every route module once while online so
  // in-app navigation never needs the network. (The service worker precache covers
  // reloads.)
  let warmed = false;
  function warmRoutes() {
    const manifest = window.__reactRouterManifest;
    if (warmed || !manifest || !navigator.onLine) return;
    warmed = true;
    for (const route of Object.values(manifest.routes)) {
      if (route.module) import(route.module).catch(() => { warmed = false; });
    }
  }

  async function mount(page, reflexRefs) {
    refs = reflexRefs || refs;
    current = { ...current, page };
    // An invite link (/signin?join=CODE): remember the code until the learner is signed in.
    const invited = new URLSearchParams(location.search).get("join");
    if (invited) await S().put("kv", invited, "pending_join");
    if (page === "nugget") {
      current.nuggetId = new URLSearchParams(location.search).get("id");
    }
    const preread = early && await early.catch(() => null);
    early = null;
    const session = preread ? preread.session : await S().get("kv", "session");
    if (!session && page !== "signin") {
      location.replace("/signin");
      return;
    }
    if (session && page === "signin" && !session.expired) {
      location.replace("/");
      return;
    }
    await refreshPage(preread);
    // Warm the other routes in idle time once this page shows its data: on a slow
    // phone, parsing them first delayed the first nugget on screen by ~0.4 s.
    const idle = window.requestIdleCallback || ((fn) => setTimeout(fn, 200));
    idle(warmRoutes, { timeout: 3000 });
    pwa().refresh();
    if (page === "progress") { pwa().storage(); pwa().settings(); }
    if (page === "reminders" && window.mmPush) window.mmPush.refresh();
    if (session) {
      const pending = await S().get("kv", "pending_join");
      if (pending && !session.expired) {
        await S().del("kv", "pending_join");
        await joinCohort(pending);
      }
      syncAndRefresh("mount");
    }
  }

  // --- sign-in, sign-out, joining a cohort (these need the network) -------------
  const field = (id) => (document.getElementById(id) || {}).value || "";

  async function signIn() {
    const email = field("signin-email").trim();
    const password = field("signin-password");
    if (!email || !password) {
      setVar("mm_form", { error: "Enter your email and password.", busy: false });
      return;
    }
    setVar("mm_form", { error: "", busy: true });
    try {
      let device_id = await deviceId();
      const ask = () => window.mmSync.call("POST", "/auth/token", null, {
        email, password, device_id, device_label: navigator.userAgent.slice(0, 120),
      });
      let data;
      try {
        data = await ask();
      } catch (e) {
        // A shared phone: this device id is another account's. Take a new one.
        if (!(e.status === 403 && e.body.error === "device_taken")) throw e;
        device_id = await deviceId(true);
        data = await ask();
      }
      const previous = await S().get("kv", "session");
      if (previous && previous.user.id !== data.user.id) await S().clearAccount();
      await S().put("kv", { token: data.token, user: data.user, device_id, expires_at: data.expires_at }, "session");
      // The coordinator workspace (server-rendered Reflex pages) reads this token.
      if (["coordinator", "admin"].includes(data.user.role)) localStorage.setItem("mm_staff_token", data.token);
      else localStorage.removeItem("mm_staff_token");
      await window.mmSync.sync("signin");
      location.replace("/");
    } catch (e) {
      const msg = e instanceof window.mmSync.HttpError
        ? e.message
        : "Can't reach Micromastery right now. Check your connection and try again.";
      setVar("mm_form", { error: msg, busy: false });
    }
  }

  // A shared phone: nothing of this learner may stay behind for the next person. A
  // sync in flight is stopped (and every later write checks the account first, see
  // mmStore.forAccount), waiting answers are sent if they can be, the token revoked,
  // the account's data and pictures wiped, and the other tabs sent to sign-in.
  async function signOut() {
    leaving = true;
    const session = await S().get("kv", "session");
    if (session) {
      await window.mmSync.stopAndFlush();
      try { await window.mmSync.call("POST", "/auth/signout", session.token); } catch (e) { /* offline: token expires */ }
    }
    await S().clearAccount();
    localStorage.removeItem("mm_staff_token");
    if (self.caches) await caches.delete("mm-media").catch(() => null);
    if (accountChannel) accountChannel.postMessage({ type: "signed_out" });
    location.replace("/signin");
  }

  async function joinCohort(fromLink) {
    const code = (typeof fromLink === "string" ? fromLink : field("join-code")).trim();
    const session = await S().get("kv", "session");
    if (!code) { setVar("mm_form", { error: "Enter the invite code you were given.", busy: false }); return; }
    setVar("mm_form", { error: "", busy: true });
    try {
      const data = await window.mmSync.call("POST", "/cohorts/join", session.token, { invite_code: code });
      await S().put("kv", null, "cursor"); // new cohort: fetch everything again
      setVar("mm_form", { error: "", busy: false, notice: "You joined " + data.cohort.name + "." });
      await syncAndRefresh("join");
    } catch (e) {
      const msg = e instanceof window.mmSync.HttpError ? e.message : "You're offline. Joining a cohort needs a connection.";
      setVar("mm_form", { error: msg, busy: false });
    }
  }

  // --- Today ---------------------------------------------------------------------
  async function setMinutes(n) {
    current.minutes = n || null;
    setVar("mm_today", await V().todayView(current.minutes));
  }

  // --- the nugget player (all local) --------------------------------------------
  async function record(type, attempt, payload) {
    const session = await S().get("kv", "session");
    const event = {
      user_id: session.user.id,
      device_id: session.device_id,
      event_id: crypto.randomUUID(),
      type,
      nugget_id: attempt.nugget_id,
      nugget_version: attempt.version,
      payload: payload || {},
      client_ts: new Date().toISOString(),
    };
    try {
      await S().record(event, attempt);
      setVar("mm_notice", ""); // saved again: any storage warning is over
    } catch (e) {
      const full = e && e.name === "QuotaExceededError";
      setVar("mm_notice", full
        ? "This phone's storage is full, so this answer could not be saved. Free some space, then try again."
        : "This answer could not be saved on the phone: " + (e && e.message));
      throw e;
    }
  }

  // Taps are applied one at a time: each reads the attempt, changes it and writes it
  // back, so two quick taps running together would lose one of them.
  let playerQueue = Promise.resolve();
  function player(action, arg) {
    playerQueue = playerQueue.then(() => applyPlayer(action, arg)).catch((e) => console.error(e));
    return playerQueue;
  }

  async function applyPlayer(action, arg) {
    const id = current.nuggetId;
    const nugget = await S().get("nuggets", id);
    if (!nugget) return;
    let attempt = await S().get("attempts", id);
    const fresh = !attempt || attempt.version !== nugget.version;
    if (fresh) attempt = V().newAttempt(nugget, attempt);
    const step = V().applyAction(nugget, attempt, action, arg);
    if (fresh) await record("nugget_started", attempt, {});
    for (const ev of step.events) await record(ev.type, attempt, ev.payload);
    // record() saves the attempt with each event; save it alone only when none was recorded.
    if (!fresh && !step.events.length) await S().put("attempts", attempt);
    setVar("mm_player", await V().playerView(id));
    if (attempt.completed_at) await showToday(await S().get("kv", "session"));
    await refreshSync();
    if (step.events.length) syncAndRefresh("answer");
  }

  // --- "download my answers": the outbox as a file, for a phone that never reconnects
  async function exportOutbox() {
    const rows = await S().all("outbox");
    const blob = new Blob([JSON.stringify({ exported_at: new Date().toISOString(), events: rows }, null, 2)], { type: "application/json" });
    const a = document.createElement("a");
    a.href = URL.createObjectURL(blob);
    a.download = "micromastery-answers.json";
    a.click();
    setTimeout(() => URL.revokeObjectURL(a.href), 1000);
  }

  // "Wi-Fi only" or "any network" for downloading nuggets.
  async function setDownloads(mode) {
    await S().put("kv", mode === "wifi" ? "wifi" : "any", "downloads");
    await pwa().settings();
    return syncAndRefresh("setting");
  }

  // Another tab signed out: leave this one's screen too (it still shows that account).
  const accountChannel = typeof BroadcastChannel === "function" ? new BroadcastChannel("mm-account") : null;
  if (accountChannel) {
    accountChannel.onmessage = (event) => {
      if (!event.data || event.data.type !== "signed_out" || current.page === "signin") return;
      leaving = true;
      location.replace("/signin");
    };
  }

  window.mmSync && window.mmSync.onResult((result) => refreshSync(result));
  // The service worker synced on its own (Background Sync): show what it stored.
  if ("serviceWorker" in navigator) {
    navigator.serviceWorker.addEventListener("message", (event) => {
      if (event.data && event.data.type === "SYNCED") refreshPage();
    });
  }
  const pwa = () => window.mmPwa || { install() {}, applyUpdate() {}, storage() {}, refresh() {}, settings() {} };
  window.mm = {
    mount, signIn, signOut, joinCohort, setMinutes, player, exportOutbox, setDownloads,
    syncNow: () => syncAndRefresh("manual"),
    setAppState: (s) => setVar("mm_app", s),
    setPushState: (s) => setVar("mm_push", s),
    setForm: (s) => setVar("mm_form", s),
    remindMe: () => window.mmPush.remindMe(),
    stopReminders: () => window.mmPush.stopReminders(),
    saveReminders: () => window.mmPush.saveReminders(),
    toggleDay: (i) => window.mmPush.toggleDay(i),
    install: () => pwa().install(),
    applyUpdate: () => pwa().applyUpdate(),
  };
})();

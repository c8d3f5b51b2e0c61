// Micromastery bridge, part 4 of 4: page lifecycle and `window.mm`, the one object
// the Reflex pages call (mmapp/components/bridge.py: `mm("name", ...)`, and `mount`).
// A page mounts: the bridge takes Reflex's `refs`, sends a signed-out visitor to
// sign-in, paints from the device, warms the other routes, then syncs. Loaded after
// mm-ui.js, mm-auth.js and mm-actions.js, which it puts together.
(() => {
  "use strict"; // i18n: not text
  const S = () => self.mmStore;
  const { MESSAGES } = self.mmShared || require("./mm-shared.js");
  const ui = () => self.mmUi;
  const auth = () => self.mmAuth;
  const actions = () => self.mmActions;
  const pwa = () =>
    self.mmPwa || { install() {}, applyUpdate() {}, storage() {}, refresh() {}, settings() {} };

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
      if (route.module)
        import(route.module).catch(() => {
          warmed = false;
        });
    }
  }

  // "Not now" on Today's audit card: not offered again on this phone for this account.
  async function dismissAudit() {
    const session = await S().get("kv", "session");
    await S().forAccount(session, [], (s) => {
      s.kv.put(true, "audit_offered");
    });
    await ui().showToday(session);
  }

  // The Settings language choice: "" follows the browser, "en" or "de". Shown at once
  // (offline too), kept as pending for the account and sent now, or by the next sync.
  async function setLanguage(value) {
    const locale = self.mmI18n.supported(value) || null;
    const shown = self.mmI18n.choose(locale);
    const session = await S().get("kv", "session");
    if (session) {
      await S().forAccount(session, [], (s) => {
        s.kv.put({ locale }, "locale_pending");
      });
      await self.mmSync.sendLocale(session);
    }
    await shown;
  }

  // The language the page's view models were built in (null: not painted yet). When
  // the catalogue arrives after the first paint, or the learner picks another, the
  // page is painted again in it. The early read (mm-ui.js) was built at load.
  const loadedIn = self.mmI18n?.locale() || null;
  let paintedIn = null;
  function repaintIn(locale) {
    if (paintedIn === null || !locale || locale === paintedIn) return;
    paintedIn = locale;
    ui().refreshPage();
    pwa().refresh();
    if (ui().state.page === "reminders") window.mmPush?.show();
    if (ui().state.page === "signin") auth().farewell();
  }
  self.mmI18n?.onChange(repaintIn);

  async function mount(page, reflexRefs) {
    const state = ui().state;
    state.refs = reflexRefs || state.refs;
    // The page's text follows the catalogue; not awaited: painting never waits for it.
    self.mmI18n?.attach(state.refs);
    state.page = page;
    await auth().rememberInvite(location.search);
    const query = new URLSearchParams(location.search);
    if (page === "nugget") state.nuggetId = query.get("id");
    if (page === "nugget") state.work = {};
    if (page === "reflect") state.reflectId = query.get("nugget");
    if (page === "reflect") state.reflect = {};
    if (page === "mentoring" || page === "mentor") await self.mmMentoringIO?.opened(page, query);
    if (page === "teach") state.teachQuery = { ask: query.get("ask"), nugget: query.get("nugget") };
    if (page === "teach") state.teach = {};
    const preread = await ui().takeEarly();
    const session = preread ? preread.session : await S().get("kv", "session");
    if (!session && page !== "signin") {
      location.replace("/signin");
      return;
    }
    if (session && page === "signin" && !session.expired) {
      location.replace("/");
      return;
    }
    if (page === "signin") await auth().farewell();
    if (page === "review") await actions().review("start");
    if (page === "audit") state.audit = {};
    paintedIn = (preread?.today ? loadedIn : self.mmI18n?.locale()) || null;
    await ui().refreshPage(preread);
    repaintIn(self.mmI18n?.locale()); // it arrived before this paint began
    // Warm the other routes in idle time once this page shows its data: on a slow
    // phone, parsing them first delayed the first nugget on screen by ~0.4 s.
    const idle = window.requestIdleCallback || ((fn) => setTimeout(fn, 200));
    idle(warmRoutes, { timeout: 3000 });
    pwa().refresh();
    if (page === "progress") {
      auth().skillsProfile("show");
      pwa().storage();
      pwa().settings();
    }
    if (page === "reminders" && window.mmPush) window.mmPush.refresh();
    if ((page === "mentoring" || page === "mentor") && (query.get("session") || query.get("action")))
      self.mmMentoringIO?.scrollToFocus(query);
    if (session) {
      await auth().joinPending(session);
      ui().syncAndRefresh("mount");
    }
  }

  if (typeof document !== "undefined") {
    // A sync the page did not start (Wi-Fi again, back online, shown again, a retry)
    // may have brought nuggets: paint the whole page, not only the sync status.
    self.mmSync?.onResult((result, trigger) => {
      const unasked = self.mmSync.BACKGROUND_TRIGGERS.has(trigger);
      if (result.ok && !result.deferred && unasked) return ui().refreshPage(undefined, result);
      return ui().refreshSync(result);
    });
    // The service worker synced on its own (Background Sync): show what it stored.
    if ("serviceWorker" in navigator) {
      navigator.serviceWorker.addEventListener("message", (event) => {
        if (event.data?.type === MESSAGES.synced) ui().refreshPage();
      });
    }
  }

  const push = () => window.mmPush;
  const api = {
    mount,
    signIn: () => auth().signIn(),
    signOut: () => auth().signOut(),
    joinCohort: (fromLink) => auth().joinCohort(fromLink),
    setMinutes: (n) => actions().setMinutes(n),
    player: (action, arg) => actions().player(action, arg),
    review: (action, arg) => actions().review(action, arg),
    audit: (action, slug, arg) => actions().audit(action, slug, arg),
    work: (action, arg) => actions().work(action, arg),
    reflect: (action, arg) => actions().reflect(action, arg),
    mentoring: (step, a) => self.mmMentoringIO.mentoring(step, a),
    mentor: (step, a, b) => self.mmMentorIO.mentor(step, a, b),
    mreflect: (step, a) => self.mmMentorIO.reflect(step, a),
    actionAnswer: (id, answer) => self.mmMentorIO.answer(id, answer),
    teach: (action, arg) => actions().teach(action, arg),
    dismissAudit,
    exportOutbox: () => actions().exportOutbox(),
    downloadMyData: () => auth().downloadMyData(),
    deleteAccount: (step) => auth().deleteAccount(step),
    skillsProfile: (step) => auth().skillsProfile(step),
    credentialJson: (id) => auth().credentialJson(id),
    setDownloads: (mode) => actions().setDownloads(mode),
    syncNow: () => ui().syncAndRefresh("manual"),
    setAppState: (s) => ui().setVar("mm_app", s),
    setPushState: (s) => ui().setVar("mm_push", s),
    setForm: (s) => ui().setForm(s),
    remindMe: () => push().remindMe(),
    stopReminders: () => push().stopReminders(),
    saveReminders: () => push().saveReminders(),
    toggleDay: (i) => push().toggleDay(i),
    install: () => pwa().install(),
    applyUpdate: () => pwa().applyUpdate(),
    setLanguage,
  };
  if (typeof window !== "undefined") window.mm = api;
  if (typeof module === "object" && module?.exports) module.exports = api;
})();

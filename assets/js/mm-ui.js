// Micromastery bridge, part 1 of 4: the screen. Reads the on-device store, builds
// the view models (mm-views.js, mm-player.js: pure) and pushes them into the Reflex
// ClientStateVars through Reflex's `refs`. Nothing here waits on the network. The
// other parts (mm-auth.js, mm-actions.js, mm-bridge.js) share `state` from here.
(() => {
  "use strict"; // i18n: not text
  const S = () => self.mmStore;
  const V = () => self.mmViews;
  const P = () => self.mmPlayer;
  const R = () => self.mmReviews;
  const Plan = () => self.mmPlan;
  const A = () => self.mmAudit;
  const W = () => self.mmWork;
  const T = () => self.mmTeach;
  // `page` and `nuggetId` of this page; `minutes` the Today time filter. `leaving` is
  // set once this page starts signing out (or hears another tab did): from then on
  // no view shows the account's data again, whatever refresh was still under way.
  // `audit`: what the audit screen has open ({ goal, goal_level, error }), not kept;
  // `work` the Practice part's "Try it at work" form ({ open, on, error }); `reflect`
  // and `reflectId` the reflection page's answers ({ answer, went, on, error }) and nugget;
  // `teach` and `teachQuery` the /teach page's open form and its { ask, nugget }.
  const state = {
    refs: null,
    page: null,
    nuggetId: null,
    minutes: null,
    leaving: false,
    audit: {},
    work: {},
    reflect: {},
    reflectId: null,
    teach: {},
    teachQuery: {},
  };
  let lastResult = null;

  // --- pushing view models into Reflex ClientStateVars ---------------------------
  function setVar(name, value) {
    const cap = name.charAt(0).toUpperCase() + name.slice(1).toLowerCase();
    if (!state.refs || (state.leaving && name !== "mm_form")) return;
    const setter = state.refs[`_client_state_set${cap}`];
    if (typeof setter === "function") setter(value);
    else state.refs[`_client_state_${name}`] = value;
  }

  const todayNow = async () => {
    const device = await S().snapshot();
    const now = new Date();
    const plan = Plan().todayPlan(device, state.minutes || 0, now);
    // A learner with nuggets who never rated a skill is invited to the audit (once).
    const offered = !!(await S().get("kv", "audit_offered"));
    const offer = A().shouldOffer(device, await S().get("kv", "audit"), offered);
    const staff = V().sessionView(await S().get("kv", "session")).staff;
    return V().todayView(device, state.minutes, now, plan, offer, W().checkinCard(device, null, now), staff);
  };

  async function refreshSync(result) {
    // The server says this account was deleted: its data is gone from the phone.
    if (result?.reason === "deleted") return self.mmAuth?.leaveDeleted();
    lastResult = V().latestResult(lastResult, result);
    const rows = await S().all("outbox");
    const session = await S().get("kv", "session");
    const lastSync = await S().get("kv", "last_sync");
    setVar(
      "mm_sync",
      V().syncView({ rows, lastSync, result: lastResult, session, online: navigator.onLine }),
    );
  }

  // Read the device while React is still hydrating (nothing writes before the first
  // mount), so the first page paints its nuggets as soon as it mounts. The Today list
  // as last shown to this learner comes first: building it afresh reads every nugget
  // and makes the first Intl date format, ~0.1 s on a slow phone; the fresh one
  // replaces it right after the first paint.
  let early = self.mmStore
    ? (async () => {
        const session = await S().get("kv", "session");
        if (!session) return { session, today: null };
        const shown = await S().get("kv", "today_view");
        if (shown && shown.user === session.user.id) return { session, today: shown.view, stale: true };
        return { session, today: await todayNow() };
      })()
    : null;
  early?.catch(() => {
    early = null;
  });
  // The early read, once (the first mount takes it; later ones read afresh).
  async function takeEarly() {
    const read = early && (await early.catch(() => null));
    early = null;
    return read;
  }

  // Run `fn` after the frame that first shows `selector` (or after 1 s without it).
  function afterShown(selector, fn) {
    const go = () => requestAnimationFrame(() => setTimeout(fn, 0));
    if (document.querySelector(selector)) {
      go();
      return;
    }
    const seen = new MutationObserver(() => {
      if (!document.querySelector(selector)) return;
      seen.disconnect();
      clearTimeout(giveUp);
      go();
    });
    const giveUp = setTimeout(() => {
      seen.disconnect();
      go();
    }, 1000);
    seen.observe(document.body, { childList: true, subtree: true });
  }

  // Only while `session`'s account is still the one signed in: the list was built
  // after awaits, and a sign-out in between (in any tab) must not write it back.
  function rememberToday(session, view) {
    if (!session || state.minutes || state.leaving) return Promise.resolve();
    return S().forAccount(session, [], (s) => {
      s.kv.put({ user: session.user.id, view }, "today_view");
    });
  }

  // Build the Today list afresh, show it, and remember it for the next cold open.
  async function showToday(session) {
    const view = await todayNow();
    setVar("mm_today", view);
    await rememberToday(session, view);
  }

  // `result`: the sync that led to this repaint, if any, for the sync status.
  async function refreshPage(preread, result) {
    const session = preread ? preread.session : await S().get("kv", "session");
    // A mentor profile kept on the phone puts the Mentor page in the navigation.
    setVar("mm_session", V().sessionView(session, !!(await S().get("kv", "mentor_profile"))?.profile));
    // Today's list is kept current from every page, so it is right on its first paint:
    // re-sorting after a tap lands would move a different nugget under the thumb.
    const today = preread?.today || (await todayNow());
    setVar("mm_today", today);
    if (preread?.stale) {
      // On Today, only once the remembered list is on screen: React may still be
      // hydrating, and would merge the two updates into one later paint.
      if (state.page === "today") afterShown(".mm-nugget-card", () => showToday(session));
      else showToday(session);
    } else {
      await rememberToday(session, today);
    }
    if (state.page === "progress") await refreshProgress();
    if (state.page === "nugget") await refreshPlayer();
    if (state.page === "review") await refreshReview();
    if (state.page === "audit") await refreshAudit();
    if (state.page === "week") await refreshWeek();
    if (state.page === "reflect") await refreshReflect();
    await self.mmMentoringIO?.refresh(state.page); // /mentoring, /mentor, and the plan's actions
    if (state.page === "teach") await refreshTeach();
    await refreshSync(result);
  }

  async function refreshReview() {
    const device = await S().snapshot();
    const session = await S().get("kv", "review_session");
    setVar("mm_review", R().reviewView(device, session, new Date()));
  }

  async function refreshProgress() {
    const device = await S().snapshot();
    const notes = A().progressNotes(A().standingNow(device, await S().get("kv", "audit")));
    const tried = W().triedList(device, null);
    setVar("mm_progress", V().progressView(device, new Date(), notes, tried));
  }

  async function refreshAudit() {
    const device = await S().snapshot();
    setVar("mm_audit", A().auditView(device, await S().get("kv", "audit"), state.audit));
  }

  async function refreshWeek() {
    setVar("mm_week", Plan().weekView(await S().snapshot(), new Date()));
  }

  async function refreshPlayer() {
    const device = await S().snapshot();
    setVar("mm_player", P().playerView(device, state.nuggetId, new Date()));
    setVar("mm_work", W().practiceView(device, null, state.nuggetId, state.work, new Date()));
  }

  async function refreshWork() {
    const device = await S().snapshot();
    setVar("mm_work", W().practiceView(device, null, state.nuggetId, state.work, new Date()));
  }

  async function refreshReflect() {
    const device = await S().snapshot();
    setVar("mm_reflect", W().reflectView(device, null, state.reflectId, state.reflect, new Date()));
  }

  async function refreshTeach() {
    const device = await S().snapshot();
    setVar("mm_teach", T().teachView(device, null, state.teachQuery, state.teach, new Date()));
  }

  async function syncAndRefresh(trigger) {
    // The sync loop's onResult listener (mm-bridge.js) already refreshes the sync status.
    const result = await self.mmSync.sync(trigger);
    await refreshPage();
    return result;
  }

  const api = {
    state,
    setVar,
    setForm: (patch) => setVar("mm_form", V().formView(patch)),
    takeEarly,
    refreshSync,
    refreshPage,
    refreshPlayer,
    refreshReview,
    refreshAudit,
    refreshWork,
    refreshReflect,
    refreshTeach,
    showToday,
    todayNow,
    syncAndRefresh,
  };
  if (typeof self !== "undefined") self.mmUi = api;
  if (typeof module === "object" && module?.exports) module.exports = api;
})();

// Micromastery reminders on this phone: asks for notification permission only on a
// tap, subscribes with the server's VAPID key, and saves commute times. What the
// page says (including what it can't do: unsupported browser, blocked
// notifications, iOS outside the app) is mmViews.remindersView's.
(() => {
  "use strict"; // i18n: not text
  const S = () => self.mmStore;
  const I18N = self.mmI18n;
  const { t } = I18N;
  const { call, bytesToB64, serverPushKey, isIos, isStandalone } = self.mmShared;
  const WEEKDAYS = 7; // Monday (0) to Sunday (6)
  // A weekday's short name ("Mon") in the language shown: 1 January 2024 was a Monday.
  const dayName = (i) =>
    I18N.formatDate(new Date(Date.UTC(2024, 0, 1 + i, 12)), { weekday: "short", timeZone: "UTC" });
  const state = {
    support: "",
    subscribed: false,
    busy: false,
    days: [true, true, true, true, true, false, false],
    timezone: "", // the page says "Times are local to <timezone>"; set by refresh()
  };
  // Read when the Reminders page opens (refresh) and when saving, never at load: the
  // first Intl call costs tens of ms on a slow phone, and most pages don't need it.
  const deviceTimezone = () => Intl.DateTimeFormat().resolvedOptions().timeZone || "UTC";
  const permission = () => (typeof Notification === "undefined" ? "default" : Notification.permission);
  const show = () => window.mm?.setPushState(self.mmViews.remindersView(state, permission()));
  const form = (patch) => window.mm?.setForm(patch);

  function support() {
    if (isIos(navigator) && !isStandalone(navigator, matchMedia)) return "ios_install"; // iOS offers Web Push only to home-screen apps
    const ok = "serviceWorker" in navigator && "PushManager" in window && "Notification" in window; // i18n: not text
    return ok ? "ok" : "unsupported";
  }

  async function token() {
    const session = await S().get("kv", "session");
    if (!session) throw new Error(t("Sign in first."));
    return session.token;
  }

  function readable(e) {
    if (e?.status) return e.message;
    const aborted = e?.name === "AbortError"; // i18n: not text (a DOMException's name)
    if (aborted)
      return t("This browser couldn't reach its push service. Check your connection and try again.");
    if (e instanceof TypeError)
      return t("You're offline. Reminder settings need a connection; try again when you're online.");
    return e?.message || t("Something went wrong. Please try again.");
  }

  // Subscribe (again if the server's key was rotated) and tell the server.
  async function ensureSubscription(auth) {
    const key = await serverPushKey();
    const reg = await navigator.serviceWorker.ready;
    let sub = await reg.pushManager.getSubscription();
    if (sub?.options.applicationServerKey && bytesToB64(sub.options.applicationServerKey) !== key.text) {
      await sub.unsubscribe();
      sub = null;
    }
    if (!sub)
      sub = await reg.pushManager.subscribe({ userVisibleOnly: true, applicationServerKey: key.bytes });
    await call("POST", "/push/subscriptions", auth, sub.toJSON());
    return sub;
  }

  function fillForm(plan) {
    const times = [...new Set(plan.slots.map((s) => s.time))].sort();
    const set = (id, value) => {
      const el = document.getElementById(id);
      if (el && value !== undefined) el.value = value;
    };
    if (plan.slots.length) {
      set("remind-morning", times[0] || "");
      set("remind-evening", times[1] || "");
      state.days = Array.from({ length: WEEKDAYS }, (_, i) => plan.slots.some((s) => s.weekday === i));
    }
    set("remind-goal", String(plan.daily_goal_minutes));
    if (plan.quiet_start) {
      set("quiet-start", plan.quiet_start);
      set("quiet-end", plan.quiet_end);
    }
  }

  async function refresh() {
    state.timezone = deviceTimezone();
    state.support = support();
    if (state.support === "ok") {
      const reg = await navigator.serviceWorker.ready;
      state.subscribed = !!(await reg.pushManager.getSubscription()) && permission() === "granted";
    }
    show();
    try {
      fillForm(await call("GET", "/reminders", await token()));
      show();
    } catch (_e) {
      /* offline: the form keeps its defaults until the next visit */
    }
  }

  async function remindMe() {
    state.busy = true;
    show();
    try {
      const answer = await Notification.requestPermission();
      if (answer === "granted") {
        await ensureSubscription(await token());
        state.subscribed = true;
        await saveReminders();
      }
    } catch (e) {
      form({ error: readable(e), notice: "", busy: false });
    } finally {
      state.busy = false;
      show();
    }
  }

  async function stopReminders() {
    state.busy = true;
    show();
    try {
      const sub = await (await navigator.serviceWorker.ready).pushManager.getSubscription();
      if (sub) {
        await call("DELETE", "/push/subscriptions", await token(), { endpoint: sub.endpoint });
        await sub.unsubscribe();
      }
      state.subscribed = false;
      form({ error: "", notice: t("Reminders are off on this phone."), busy: false });
    } catch (e) {
      form({ error: readable(e), notice: "", busy: false });
    } finally {
      state.busy = false;
      show();
    }
  }

  // The week page plans with these times and this goal at once, offline too; the
  // next pull brings the same from the server.
  async function keepOnPhone(plan) {
    await S().tx(["kv"], "readwrite", async (s) => {
      const progress = await S().req(s.kv.get("progress"));
      if (!progress) return;
      const slots = plan.slots.map(({ weekday, time }) => ({ weekday, time }));
      s.kv.put({ ...progress, commute_slots: slots, goal_minutes: plan.daily_goal_minutes }, "progress");
    });
  }

  async function saveReminders() {
    const value = (id) => document.getElementById(id)?.value || "";
    const times = [value("remind-morning"), value("remind-evening")].filter(Boolean);
    const days = state.days.map((on, i) => (on ? i : -1)).filter((i) => i >= 0);
    const quiet = [value("quiet-start"), value("quiet-end")];
    state.timezone = deviceTimezone(); // the phone may have changed zone since the page opened
    show();
    const plan = {
      enabled: true,
      timezone: state.timezone,
      slots: days.flatMap((weekday) => [...new Set(times)].map((time) => ({ weekday, time }))),
      quiet_start: quiet[0] && quiet[1] ? quiet[0] : null,
      quiet_end: quiet[0] && quiet[1] ? quiet[1] : null,
      daily_goal_minutes: Number(value("remind-goal")) || 10,
    };
    form({ error: "", notice: "", busy: true });
    try {
      await call("PUT", "/reminders", await token(), plan);
      await keepOnPhone(plan);
      const list = new Intl.ListFormat(I18N.locale(), { type: "conjunction" });
      const when = times.length ? list.format(times) : t("no times");
      const which = days.length ? days.map(dayName).join(", ") : t("no days");
      form({ error: "", notice: t("Saved: {times} on {days}.", { times: when, days: which }), busy: false });
    } catch (e) {
      form({ error: readable(e), notice: "", busy: false });
    }
  }

  function toggleDay(i) {
    state.days[i] = !state.days[i];
    show();
  }

  window.mmPush = { refresh, show, remindMe, stopReminders, saveReminders, toggleDay };
})();

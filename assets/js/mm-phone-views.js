// Micromastery view models of the phone's own state: who is signed in, what is waiting
// to sync, the forms' message lines, the installed app and the reminders page. Pure, as
// mm-views.js (which exports these too): inputs in, view model out; every view has
// exactly the keys mmapp/schemas/views.py declares. Loaded by a <script> tag
// (window.mmPhoneViews) and by `bun test`.
(() => {
  "use strict"; // i18n: not text
  const { formatDate, t, nt } = self.mmI18n || require("./mm-i18n.js");

  // `mentor`: this account has a mentor profile (the role counts as one too).
  function sessionView(session, mentor = false) {
    if (!session)
      return { signed_in: false, name: "", expired: false, has_cohort: false, staff: false, mentor: false };
    return {
      signed_in: true,
      name: session.user.display_name,
      expired: !!session.expired,
      has_cohort: (session.user.cohorts || []).length > 0,
      staff: ["coordinator", "admin"].includes(session.user.role),
      mentor: !!mentor || session.user.role === "mentor",
    };
  }

  // Which sync result the status line goes by: "other_tab" (another tab still synced
  // after 30 s) is no result of this tab's own; the last real one still counts.
  const latestResult = (previous, result) => (result && result.reason !== "other_tab" ? result : previous);

  // `rows` the outbox, `result` the latest sync result, `online` navigator.onLine.
  function syncView({ rows, lastSync, result, session, online }) {
    const uid = session?.user.id;
    const mine = rows.filter((r) => !r.user_id || r.user_id === uid);
    const pending = mine.filter((r) => r.status === "pending").length;
    const rejected = mine.filter((r) => r.status === "rejected").length;
    // navigator.onLine can stay true with no connection, so the last sync decides:
    // no HTTP answer means offline; an HTTP error means the server is struggling.
    const reason = result?.reason;
    const offline = !online || reason === "offline";
    const unreachable = !offline && reason === "server";
    const expired = !!(session?.expired || reason === "expired");
    const time = lastSync ? formatDate(new Date(lastSync), { hour: "2-digit", minute: "2-digit" }) : "";
    const n = pending;
    let label;
    let detail;
    if (expired) {
      label = t("Sign in to sync");
      detail = pending
        ? nt(
            "Your sign-in has expired. {n} answer will sync after you sign in again.",
            "Your sign-in has expired. {n} answers will sync after you sign in again.",
            n,
          )
        : t("Your sign-in has expired. Sign in again to keep syncing.");
    } else if (offline) {
      label = pending
        ? nt("Offline · {n} answer saved", "Offline · {n} answers saved", n)
        : t("Offline · all saved");
      detail = pending
        ? nt(
            "{n} answer is saved on this phone and will sync when you're back online.",
            "{n} answers are saved on this phone and will sync when you're back online.",
            n,
          )
        : t("You're offline. Everything you do is saved on this phone.");
    } else if (unreachable) {
      label = pending
        ? nt("Can't sync yet · {n} answer saved", "Can't sync yet · {n} answers saved", n)
        : t("Can't sync yet · all saved");
      detail = pending
        ? nt(
            "Micromastery's server isn't answering right now. {n} answer is saved on this phone; we'll keep trying.",
            "Micromastery's server isn't answering right now. {n} answers are saved on this phone; we'll keep trying.",
            n,
          )
        : t("Micromastery's server isn't answering right now. We'll keep trying.");
    } else if (pending) {
      label = nt("{n} answer waiting to sync", "{n} answers waiting to sync", n);
      detail = nt("{n} answer waiting to sync.", "{n} answers waiting to sync.", n);
    } else {
      label = lastSync ? t("All synced · {time}", { time }) : t("Not synced yet");
      detail = lastSync
        ? t("All your answers are on the server. Last synced at {time}.", { time })
        : t("Not synced yet.");
    }
    // Each a sentence of its own, after the status's.
    if (result?.ok && result.deferred) {
      const deferred = t("New nuggets download when you're on Wi-Fi (your choice below).");
      detail += ` ${deferred}`;
    }
    if (rejected) {
      const refused = nt(
        "{n} answer was refused by the server; use Download my answers to keep a copy.",
        "{n} answers were refused by the server; use Download my answers to keep a copy.",
        rejected,
      );
      detail += ` ${refused}`;
    }
    const state = expired
      ? "expired"
      : offline
        ? "offline"
        : unreachable
          ? "unreachable"
          : pending
            ? "pending"
            : "synced";
    return {
      pending,
      rejected,
      offline: offline || unreachable,
      expired,
      label,
      detail,
      last_sync: time,
      state,
    };
  }

  // The sign-in and join forms' message line; every key always present.
  const formView = (patch) => {
    const p = patch || {};
    return { error: p.error || "", busy: !!p.busy, notice: p.notice || "" };
  };

  // "Your data" on Progress: its message line, and whether the delete step is open.
  const myDataView = (patch) => {
    const p = patch || {};
    return { error: p.error || "", busy: !!p.busy, notice: p.notice || "", confirming: !!p.confirming };
  };

  // "Your skills profile" on Progress (`mm_profile`): `link` is kv "profile_link"
  // ({url, shared_at}, url "" when another device made it; null while private).
  const profileView = (link, patch) => {
    const p = patch || {};
    return {
      shared: !!link,
      url: link?.url || "",
      busy: !!p.busy,
      error: p.error || "",
      notice: p.notice || "",
    };
  };

  // The Reminders page: `state` is mm-push.js's, `permission` Notification.permission.
  function remindersView(state, permission) {
    let status;
    if (state.support === "ios_install")
      status = t(
        "On iPhone and iPad, reminders need the installed app: tap Share, then Add to Home Screen, and open Micromastery from there.",
      );
    else if (state.support === "unsupported")
      status = t(
        "This browser can't show reminders. Your commute times are still saved for your other devices.",
      );
    else if (permission === "denied")
      status = t(
        "Notifications are blocked for Micromastery. Allow them in your browser's site settings, then tap Remind me.",
      );
    else if (state.subscribed) status = t("Reminders are on for this phone.");
    else status = t("Reminders are off on this phone. Tap Remind me to get a nudge at your commute times.");
    return {
      support: state.support,
      subscribed: !!state.subscribed,
      busy: !!state.busy,
      status,
      days: [...state.days],
      timezone: state.timezone || "",
    };
  }

  // The installed-app panel: `state` is mm-pwa.js's.
  const appView = (state) => ({
    update_available: !!state.update_available,
    updating: !!state.updating,
    can_install: !!state.can_install,
    installed: !!state.installed,
    ios_hint: !!state.ios_hint,
    storage: state.storage || "",
    persisted: !!state.persisted,
    sw_ready: !!state.sw_ready,
    connection_known: !!state.connection_known,
    downloads: state.downloads === "wifi" ? "wifi" : "any",
  });

  const api = {
    sessionView,
    latestResult,
    syncView,
    formView,
    myDataView,
    profileView,
    remindersView,
    appView,
  };
  if (typeof self !== "undefined") self.mmPhoneViews = api;
  if (typeof module === "object" && module?.exports) module.exports = api;
})();

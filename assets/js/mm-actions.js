// Micromastery bridge, part 3 of 4: the learner's taps, all local. The nugget player
// (each tap through the pure state machine in mm-player.js, its events into the
// outbox in one IndexedDB transaction with the attempt), the review session, the
// skills audit, practice at work, the Today time filter, the downloads setting and
// "Download my answers".
(() => {
  "use strict"; // i18n: not text
  const { t } = self.mmI18n || require("./mm-i18n.js");
  const S = () => self.mmStore;
  const P = () => self.mmPlayer;
  const R = () => self.mmReviews;
  const A = () => self.mmAudit;
  const W = () => self.mmWork;
  const T = () => self.mmTeach;
  const ui = () => self.mmUi;
  const pwa = () => self.mmPwa || { settings() {} };

  // `about`: the attempt the event belongs to, or { nugget_id, version } of a review's
  // nugget (then `reviewSession` is saved with the event), or { nugget_id, version,
  // anchor: true } of a skill (the audit: the event is saved alone).
  async function record(type, about, payload, reviewSession) {
    const session = await S().get("kv", "session");
    const event = {
      user_id: session.user.id,
      device_id: session.device_id,
      event_id: crypto.randomUUID(),
      type,
      nugget_id: about.nugget_id,
      nugget_version: about.version,
      payload: payload || {},
      client_ts: new Date().toISOString(),
    };
    try {
      await S().record(event, reviewSession || about.anchor ? null : about, reviewSession);
      ui().setVar("mm_notice", ""); // saved again: any storage warning is over
      return event.event_id;
    } catch (e) {
      const full = e && e.name === "QuotaExceededError"; // i18n: not text
      ui().setVar(
        "mm_notice",
        full
          ? t(
              "This phone's storage is full, so this answer could not be saved. Free some space, then try again.",
            )
          : t("This answer could not be saved on the phone: {reason}", { reason: e?.message }),
      );
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
    const id = ui().state.nuggetId;
    const nugget = await S().get("nuggets", id);
    if (!nugget) return;
    const now = new Date();
    let attempt = await S().get("attempts", id);
    const fresh = !attempt || attempt.version !== nugget.version;
    if (fresh) attempt = P().newAttempt(nugget, now);
    const step = P().applyAction(nugget, attempt, action, arg, now);
    if (fresh) await record("nugget_started", attempt, {});
    for (const ev of step.events) await record(ev.type, attempt, ev.payload);
    // record() saves the attempt with each event; save it alone only when none was recorded.
    if (!fresh && !step.events.length) await S().put("attempts", attempt);
    await ui().refreshPlayer();
    if (attempt.completed_at) await ui().showToday(await S().get("kv", "session"));
    await ui().refreshSync();
    if (step.events.length) ui().syncAndRefresh("answer");
  }

  // --- the review session ------------------------------------------------------------
  // Taps go one at a time, like the player's. The session is kept on the phone, so a
  // reload or a tunnel carries on where the learner was; a new day starts a new one.
  let reviewQueue = Promise.resolve();
  function review(action, arg) {
    reviewQueue = reviewQueue.then(() => applyReview(action, arg)).catch((e) => console.error(e));
    return reviewQueue;
  }

  async function applyReview(action, arg) {
    const device = await S().snapshot();
    const now = new Date();
    let session = await S().get("kv", "review_session");
    const stale = !session || session.day !== R().newSession(device, now).day;
    // A session left open past midnight starts the new day's instead of ignoring taps.
    if (action === "start" || stale) {
      // Yesterday's session, or a finished one once more items are due, gives way to
      // the items due now; a finished one stays to say when its items come back.
      const fresh = R().newSession(device, now);
      const finished = !stale && session.index >= session.queue.length;
      if (stale || (finished && fresh.queue.length)) session = fresh;
      // An item withdrawn since (its nugget left the phone) is skipped, not shown empty.
      else session = R().keepOnPhone(device, session);
      await S().put("kv", session, "review_session");
      return ui().refreshReview();
    }
    const step = R().applyReview(device, session, action, arg);
    for (const ev of step.events)
      await record(ev.type, { nugget_id: ev.nugget.id, version: ev.nugget.version }, ev.payload, session);
    if (!step.events.length) await S().put("kv", session, "review_session");
    await ui().refreshReview();
    await ui().refreshSync();
    if (step.events.length) ui().syncAndRefresh("answer");
  }

  // --- the skills audit --------------------------------------------------------------
  // "Where are you today?" and "Set my goal", one skill at a time, offline: the event
  // goes into the outbox anchored to the skill's first nugget here (mm-audit.js
  // `anchor`), and the phone keeps its latest acts (kv "audit") so the screen shows
  // them at once, until a pull brings the server's standing as new.
  let auditQueue = Promise.resolve();
  function audit(action, slug, arg) {
    auditQueue = auditQueue.then(() => applyAudit(action, slug, arg)).catch((e) => console.error(e));
    return auditQueue;
  }

  async function keepLocal(local) {
    const session = await S().get("kv", "session");
    await S().forAccount(session, [], (s) => {
      s.kv.put(local, "audit");
    });
  }

  async function applyAudit(action, slug, arg) {
    const open = ui().state.audit;
    if (action === "goal") {
      // "Set my goal" opens this skill's choices (and closes any other's); again closes.
      ui().state.audit = open.goal === slug ? {} : { goal: slug, goal_level: null, error: "" };
      return ui().refreshAudit();
    }
    if (action === "goal_level") {
      ui().state.audit = { ...open, goal: slug, goal_level: arg, error: "" };
      return ui().refreshAudit();
    }
    const device = await S().snapshot();
    const at = A().anchor(device, slug);
    if (!at) return; // its nuggets left the phone: nothing to anchor the answer to
    const local = await S().get("kv", "audit");
    const now = new Date();
    if (action === "rate") {
      const level = Number(arg);
      if (!(level >= 0 && level <= 4)) return;
      await record("skill_rated", { ...at, anchor: true }, { level });
      await keepLocal(A().withRating(device, local, slug, level, now));
    } else if (action === "goal_save") {
      const row = A()
        .standingNow(device, local)
        .find((r) => r.slug === slug);
      const level = open.goal === slug ? open.goal_level : null;
      if (!row || !A().goalChoices(row).includes(level)) {
        ui().state.audit = { ...open, goal: slug, error: t("Choose a level first.") };
        return ui().refreshAudit();
      }
      const today = self.mmProgress.dayIn(device.progress?.timezone, now);
      const date = A().goalDate(document.getElementById(`goal-by-${slug}`)?.value, today);
      if (date.error) {
        ui().state.audit = { ...open, error: date.error };
        return ui().refreshAudit();
      }
      await record("goal_set", { ...at, anchor: true }, { level, by: date.by });
      await keepLocal(A().withGoal(device, local, slug, level, date.by, now));
      ui().state.audit = {};
    } else return;
    await ui().refreshAudit();
    await ui().refreshSync();
    ui().syncAndRefresh("answer");
  }

  // --- practice at work ----------------------------------------------------------
  // "Try it at work" and the reflection page's taps, one at a time. Each event is
  // saved alone (not with an attempt), anchored to the nugget's version on the phone.
  let workQueue = Promise.resolve();
  function queued(fn) {
    workQueue = workQueue.then(fn).catch((e) => console.error(e));
    return workQueue;
  }

  async function recordWork(nuggetId, made) {
    const nugget = await S().get("nuggets", nuggetId);
    if (!nugget) return false;
    await record(made.type, { nugget_id: nugget.id, version: nugget.version, anchor: true }, made.payload);
    return true;
  }

  // The Practice part: open, choose a day, "Commit". The form's state is the
  // bridge's (ui.state.work); the plan is read from its input on Commit.
  function work(action, arg) {
    // The plan is read now, while the input is on screen.
    const plan = action === "commit" ? document.getElementById("work-plan")?.value : "";
    return queued(async () => {
      const form = ui().state.work;
      if (action === "open") ui().state.work = form.open ? {} : { open: true, on: null, error: "" };
      else if (action === "day") ui().state.work = { ...form, open: true, on: arg, error: "" };
      else if (action === "commit") {
        const made = W().commitEvent(await S().snapshot(), form, plan, new Date());
        if (made.error) ui().state.work = { ...form, error: made.error };
        else if (await recordWork(ui().state.nuggetId, made)) {
          ui().state.work = {};
          await ui().refreshSync();
          ui().syncAndRefresh("answer");
        }
      }
      await ui().refreshWork();
    });
  }

  // The reflection page: "Did you try it?", how it went or a new day, an optional
  // note, "Save" (then back to Today through the page's own link).
  function reflect(action, arg) {
    const note = action === "save" ? document.getElementById("reflect-note")?.value : "";
    return queued(async () => {
      const form = ui().state.reflect;
      if (action === "answer") ui().state.reflect = { ...form, answer: arg, error: "" };
      else if (action === "went") ui().state.reflect = { ...form, went: arg, error: "" };
      else if (action === "day") ui().state.reflect = { ...form, on: arg, error: "" };
      else if (action === "save") {
        const id = ui().state.reflectId;
        const made = W().reflectEvent(await S().snapshot(), null, id, { ...form, note }, new Date());
        if (made.error) ui().state.reflect = { ...form, error: made.error };
        else if (await recordWork(id, made)) {
          ui().state.reflect = {};
          await ui().refreshSync();
          document.getElementById("reflect-home")?.click();
          ui().syncAndRefresh("answer");
          return;
        }
      }
      await ui().refreshReflect();
    });
  }

  // --- teach-back: the /teach page's taps, one at a time (the work queue) -----------
  // "Ask" reads the time field, "Confirm" the comment, while they are on screen. Each
  // event is saved alone, on the nugget and version the view names.
  function teach(action, arg) {
    const field = { ask: "teach-time", confirm: "teach-comment" }[action];
    const typed = field ? document.getElementById(field)?.value : "";
    return queued(async () => {
      const form = ui().state.teach;
      const flip = { explained: !form.explained, usable: !form.usable }[action];
      if (action === "open") {
        ui().state.teachQuery = arg ? { ask: arg } : {};
        ui().state.teach = {};
      } else if (["peer", "day", "rating"].includes(action))
        ui().state.teach = { ...form, [action === "day" ? "on" : action]: arg, error: "" };
      else if (flip !== undefined) ui().state.teach = { ...form, [action]: flip, error: "" };
      else if (action === "ask" || action === "confirm") {
        const device = await S().snapshot();
        const query = ui().state.teachQuery;
        const made =
          action === "ask"
            ? T().askEvent(device, query.nugget, form, typed, new Date())
            : T().confirmEvent(device, null, query.ask, form, typed);
        if (made.error) ui().state.teach = { ...form, error: made.error };
        else {
          const about = { nugget_id: made.nugget_id, version: made.version, anchor: true };
          const id = await record(made.type, about, made.payload);
          ui().state.teach = {};
          // An ask made shows as its own page (a reload opens it too).
          if (action === "ask") {
            ui().state.teachQuery = { ask: id };
            history.replaceState(history.state, "", `/teach?ask=${id}`);
          }
          await ui().refreshSync();
          ui().syncAndRefresh("answer");
        }
      }
      await ui().refreshTeach();
    });
  }

  // --- Today ---------------------------------------------------------------------
  async function setMinutes(n) {
    ui().state.minutes = n || null;
    ui().setVar("mm_today", await ui().todayNow());
  }

  // --- "download my answers": the outbox as a file, for a phone that never reconnects
  async function exportOutbox() {
    const rows = await S().all("outbox");
    const text = JSON.stringify({ exported_at: new Date().toISOString(), events: rows }, null, 2);
    const a = document.createElement("a");
    a.href = URL.createObjectURL(new Blob([text], { type: "application/json" }));
    a.download = "micromastery-answers.json";
    a.click();
    setTimeout(() => URL.revokeObjectURL(a.href), 1000);
  }

  // "Wi-Fi only" or "any network" for downloading nuggets.
  async function setDownloads(mode) {
    await S().put("kv", mode === "wifi" ? "wifi" : "any", "downloads");
    await pwa().settings();
    return ui().syncAndRefresh("setting");
  }

  const api = { player, review, audit, work, reflect, teach, setMinutes, exportOutbox, setDownloads };
  if (typeof self !== "undefined") self.mmActions = api;
  if (typeof module === "object" && module?.exports) module.exports = api;
})();

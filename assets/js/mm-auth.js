// Micromastery bridge, part 2 of 4: the account on this phone. Signing in (with a
// fresh device id when the phone's belongs to someone else), signing out (nothing
// of this learner stays behind for the next person) and joining a cohort by invite
// code. These are the only learner actions that need the network.
(() => {
  "use strict"; // i18n: not text
  const S = () => self.mmStore;
  const { t } = self.mmI18n || require("./mm-i18n.js");
  const { API, NAMES, FAREWELL, farewellText, HttpError, apiHeaders, call } =
    self.mmShared || require("./mm-shared.js");
  const ui = () => self.mmUi;
  const field = (id) => document.getElementById(id)?.value || "";

  async function deviceId(fresh) {
    let id = fresh ? null : await S().get("kv", "device_id");
    if (!id) {
      id = `d_${crypto.randomUUID().replace(/-/g, "")}`;
      await S().put("kv", id, "device_id");
    }
    return id;
  }

  async function signIn() {
    const email = field("signin-email").trim();
    const password = field("signin-password");
    if (!email || !password) {
      ui().setForm({ error: t("Enter your email and password.") });
      return;
    }
    ui().setForm({ busy: true });
    try {
      let device_id = await deviceId();
      const ask = () =>
        call("POST", "/auth/token", null, {
          email,
          password,
          device_id,
          device_label: navigator.userAgent.slice(0, 120),
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
      const session = { token: data.token, user: data.user, device_id, expires_at: data.expires_at };
      await S().put("kv", session, "session");
      await S().del("kv", "farewell");
      // The account's language choice, unless one made here still waits to reach it.
      if (data.locale && !(await S().get("kv", "locale_pending"))) self.mmI18n?.choose(data.locale);
      // The coordinator workspace (server-rendered Reflex pages) reads this token.
      if (["coordinator", "admin"].includes(data.user.role))
        localStorage.setItem("mm_staff_token", data.token);
      else localStorage.removeItem("mm_staff_token");
      await self.mmSync.sync("signin");
      location.replace("/");
    } catch (e) {
      const msg =
        e instanceof HttpError
          ? e.message
          : t("Can't reach Micromastery right now. Check your connection and try again.");
      ui().setForm({ error: msg });
    }
  }

  // Another tab signed out: leave this one's screen too (it still shows that account).
  const inPage = typeof document !== "undefined" && typeof BroadcastChannel === "function";
  const accountChannel = inPage ? new BroadcastChannel(NAMES.accountChannel) : null;
  if (accountChannel) {
    accountChannel.onmessage = (event) => {
      if (event.data?.type !== "signed_out" || ui().state.page === "signin") return;
      ui().state.leaving = true;
      location.replace("/signin");
    };
  }

  // A shared phone: nothing of this learner may stay behind for the next person. A
  // sync in flight is stopped (and every later write checks the account first, see
  // mmStore.forAccount), waiting answers are sent if they can be, the token revoked,
  // the account's data and pictures wiped, and the other tabs sent to sign-in.
  async function signOut() {
    ui().state.leaving = true;
    const session = await S().get("kv", "session");
    if (session) {
      await self.mmSync.stopAndFlush();
      // Mentoring writes still waiting go now if they can; sign-out wipes the rest.
      await self.mmOutbox?.flush(session).catch(() => null);
      try {
        await call("POST", "/auth/signout", session.token);
      } catch (_e) {
        /* offline: the token expires on its own */
      }
    }
    await S().clearAccount();
    localStorage.removeItem("mm_staff_token");
    if (self.caches) await caches.delete(NAMES.mediaCache).catch(() => null);
    if (accountChannel) accountChannel.postMessage({ type: "signed_out" });
    location.replace("/signin");
  }

  // --- "Your data" on Progress: both need the network, and say so when offline -----
  const myData = (patch) => ui().setVar("mm_mydata", self.mmViews.myDataView(patch));
  // The server's reason (already in this phone's language), else `offline`.
  const offlineOr = (e, offline) => (e instanceof HttpError ? e.message : offline);

  // The ZIP of everything the server stores about this account, saved as a file.
  async function downloadMyData() {
    const session = await S().get("kv", "session");
    if (!session) return;
    myData({ busy: true });
    try {
      const res = await fetch(`${API}/me/export`, {
        headers: apiHeaders(session.token, false),
        cache: "no-store",
      });
      if (!res.ok) throw new HttpError(res.status, await res.json().catch(() => null));
      const name = /filename="([^"]+)"/.exec(res.headers.get("Content-Disposition") || "");
      const a = document.createElement("a");
      a.href = URL.createObjectURL(await res.blob());
      a.download = name ? name[1] : "micromastery-my-data.zip";
      a.click();
      setTimeout(() => URL.revokeObjectURL(a.href), 1000);
      myData({ notice: t("Your data was downloaded as a ZIP file.") });
    } catch (e) {
      myData({
        error: offlineOr(e, t("You're offline. Downloading your data needs a connection.")),
      });
    }
  }

  // Leave after the account was deleted (here, or a sync heard so): the data is
  // already wiped (mmStore.forgetAccount); the other tabs go too, then sign-in says why.
  async function leaveDeleted() {
    ui().state.leaving = true;
    localStorage.removeItem("mm_staff_token");
    if (self.caches) await caches.delete(NAMES.mediaCache).catch(() => null);
    if (accountChannel) accountChannel.postMessage({ type: "signed_out" });
    location.replace("/signin");
  }

  // "Delete my account": "open" asks for the password, "cancel" closes, "confirm"
  // sends it with `confirm: true` (the person pressed the second, red button).
  async function deleteAccount(step) {
    if (step === "open") return myData({ confirming: true });
    if (step !== "confirm") return myData({});
    const password = field("delete-password");
    if (!password)
      return myData({ confirming: true, error: t("Enter your password to delete your account.") });
    const session = await S().get("kv", "session");
    myData({ confirming: true, busy: true });
    try {
      await call("DELETE", "/me", session.token, { password, confirm: true });
    } catch (e) {
      const gone = e instanceof HttpError && e.status === 401 && e.body.error === "account_deleted";
      const offline = t("You're offline. Deleting your account needs a connection.");
      if (!gone) return myData({ confirming: true, error: offlineOr(e, offline) });
    }
    await S().forgetAccount(session, FAREWELL.here);
    await leaveDeleted();
  }

  // --- "Your skills profile" on Progress: the link is kept in kv "profile_link" -----
  const profile = async (patch) =>
    ui().setVar("mm_profile", self.mmViews.profileView(await S().get("kv", "profile_link"), patch));
  const PRIVATE = () => t("Your profile is private: no link shares it.");
  const ELSEWHERE = () =>
    t("A link made on another device shares your profile. Create a new link to preview it here.");

  // "show" (Progress opened: ask the server, quietly offline), "preview", "copy",
  // "create" (a new link: the server shows it once) and "stop".
  async function skillsProfile(step) {
    const session = await S().get("kv", "session");
    if (!session) return;
    const link = await S().get("kv", "profile_link");
    if (step === "show") {
      await profile();
      try {
        const data = await call("GET", "/me/profile", session.token);
        // Paint again only when the server's answer changes what is shown: a notice
        // the learner called up meanwhile (Preview, Copy) stays.
        if (Boolean(data.shared) === Boolean(link)) return;
        if (link) await S().del("kv", "profile_link");
        else await S().put("kv", { url: "", shared_at: data.shared_at }, "profile_link");
        await profile();
      } catch (_e) {
        /* offline: what this phone knows stands */
      }
      return;
    }
    if (step === "preview") {
      if (!link?.url) return profile({ notice: link ? ELSEWHERE() : PRIVATE() });
      window.open(self.mmViews.pathOf(link.url), "_blank", "noopener");
      return profile();
    }
    if (step === "copy") {
      try {
        await navigator.clipboard.writeText(link.url);
        return profile({ notice: t("Link copied.") });
      } catch (_e) {
        return profile({ notice: t("Copy this link: {url}", { url: link?.url || "" }) });
      }
    }
    await profile({ busy: true });
    try {
      if (step === "create") {
        const made = await call("POST", "/me/profile/share", session.token);
        await S().put("kv", { url: made.url, shared_at: made.shared_at }, "profile_link");
        return profile({ notice: t("Your profile is shared: anyone with the link can see it.") });
      }
      await call("DELETE", "/me/profile/share", session.token);
      await S().del("kv", "profile_link");
      return profile({ notice: t("Sharing stopped: the old link no longer works.") });
    } catch (e) {
      const offline =
        step === "create"
          ? t("You're offline. Sharing your profile needs a connection.")
          : t("You're offline. Stopping sharing needs a connection.");
      return profile({ error: offlineOr(e, offline) });
    }
  }

  // "Download JSON" of a credential: its signed document from kv, so it works offline;
  // one not kept yet is fetched from the server.
  async function credentialJson(id) {
    const doc = (await S().get("kv", "credential_docs"))?.[id];
    if (!doc) {
      location.assign(`/badges/${id}.json`);
      return;
    }
    const a = document.createElement("a");
    a.href = URL.createObjectURL(
      new Blob([JSON.stringify(doc, null, 2)], { type: "application/vc+ld+json" }),
    );
    a.download = `credential-${id}.json`; // i18n: not text
    a.click();
    setTimeout(() => URL.revokeObjectURL(a.href), 1000);
  }

  // The sign-in page says why the last account left, if it was deleted.
  async function farewell() {
    const kept = await S().get("kv", "farewell");
    if (kept) ui().setForm({ notice: farewellText(kept) });
  }

  async function joinCohort(fromLink) {
    const code = (typeof fromLink === "string" ? fromLink : field("join-code")).trim();
    const session = await S().get("kv", "session");
    if (!code) {
      ui().setForm({ error: t("Enter the invite code you were given.") });
      return;
    }
    ui().setForm({ busy: true });
    try {
      const data = await call("POST", "/cohorts/join", session.token, { invite_code: code });
      await S().put("kv", null, "cursor"); // new cohort: fetch everything again
      ui().setForm({ notice: t("You joined {cohort}.", { cohort: data.cohort.name }) });
      await ui().syncAndRefresh("join");
    } catch (e) {
      const msg = offlineOr(e, t("You're offline. Joining a cohort needs a connection."));
      ui().setForm({ error: msg });
    }
  }

  // An invite link (/signin?join=CODE) is remembered until the learner is signed in;
  // then it is used once.
  async function rememberInvite(search) {
    const invited = new URLSearchParams(search).get("join");
    if (invited) await S().put("kv", invited, "pending_join");
  }
  async function joinPending(session) {
    const pending = await S().get("kv", "pending_join");
    if (!pending || session.expired) return;
    await S().del("kv", "pending_join");
    await joinCohort(pending);
  }

  const api = {
    deviceId,
    signIn,
    signOut,
    joinCohort,
    rememberInvite,
    joinPending,
    downloadMyData,
    deleteAccount,
    skillsProfile,
    credentialJson,
    leaveDeleted,
    farewell,
  };
  if (typeof self !== "undefined") self.mmAuth = api;
  if (typeof module === "object" && module?.exports) module.exports = api;
})();

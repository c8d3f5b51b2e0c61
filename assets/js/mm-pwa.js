// Micromastery as an installed app: registers the service worker, offers updates
// (the learner chooses when; pending answers are flushed first), the install
// prompt or iOS guidance, and persistent storage with what it uses.
(() => {
  "use strict"; // i18n: not text
  const I18N = self.mmI18n;
  const { t } = I18N;
  const { MESSAGES, isIos, isStandalone } = self.mmShared;
  const state = {
    update_available: false,
    updating: false,
    can_install: false,
    installed: false,
    ios_hint: false,
    storage: "",
    persisted: false,
    sw_ready: false,
    // The downloads setting is offered only where the browser tells the network type.
    connection_known: !!(navigator.connection && typeof navigator.connection.type === "string"),
    downloads: "any",
  };
  let registration = null;
  let installPrompt = null;
  let estimate = null; // the storage estimate, worded when shown (in the language shown)
  const mb = (bytes) =>
    I18N.formatNumber(bytes / 1048576, {
      style: "unit",
      unit: "megabyte",
      maximumFractionDigits: bytes < 10485760 ? 1 : 0,
      minimumFractionDigits: bytes < 10485760 ? 1 : 0,
      useGrouping: false,
    });
  const push = () => {
    if (estimate)
      state.storage = t("{used} used of {available} available", {
        used: mb(estimate.usage || 0),
        available: mb(estimate.quota || 0),
      });
    window.mm?.setAppState(self.mmViews.appView(state));
  };
  state.installed = isStandalone(navigator, matchMedia);
  state.ios_hint = isIos(navigator) && !state.installed;

  window.addEventListener("beforeinstallprompt", (event) => {
    event.preventDefault(); // we show our own button instead of the mini-infobar
    installPrompt = event;
    state.can_install = true;
    push();
  });
  window.addEventListener("appinstalled", () => {
    installPrompt = null;
    Object.assign(state, { can_install: false, installed: true });
    push();
  });

  async function install() {
    if (!installPrompt) return;
    installPrompt.prompt();
    await installPrompt.userChoice;
    installPrompt = null;
    state.can_install = false;
    push();
  }

  function watch(reg) {
    registration = reg;
    const offer = () => {
      if (reg.waiting && navigator.serviceWorker.controller) {
        state.update_available = true;
        push();
      }
    };
    offer();
    reg.addEventListener("updatefound", () => {
      const worker = reg.installing;
      if (worker) worker.addEventListener("statechange", () => worker.state === "installed" && offer());
    });
    navigator.serviceWorker.ready.then((ready) => {
      state.sw_ready = true;
      push();
      // Active, yet not controlling this page (it opened mid-activation, or by a
      // forced reload): ask the worker to claim it, or it would not work offline.
      if (!navigator.serviceWorker.controller) ready.active?.postMessage({ type: MESSAGES.claim });
    });
  }

  async function applyUpdate() {
    if (!registration?.waiting) return;
    state.updating = true;
    push();
    try {
      await window.mmSync.sync("update");
    } catch (_e) {
      /* offline: the outbox stays */
    }
    registration.waiting.postMessage({ type: MESSAGES.skipWaiting });
  }

  async function storage() {
    if (!navigator.storage?.estimate) return;
    try {
      state.persisted = await navigator.storage.persisted();
      if (!state.persisted && navigator.storage.persist) state.persisted = await navigator.storage.persist();
      estimate = await navigator.storage.estimate();
    } catch (_e) {
      /* estimates are best effort */
    }
    push();
  }

  async function settings() {
    try {
      state.downloads = (await window.mmStore.get("kv", "downloads")) || "any";
    } catch (_e) {
      /* default */
    }
    push();
  }

  // A first install fails whole if one shell file fails to download (the train enters
  // a tunnel mid-install, say), and the browser then drops the registration. Try again,
  // waiting longer each time, so the app works offline after this visit, not the next.
  const INSTALL_TRIES = 4;
  function register(attempt) {
    const again = () => {
      if (attempt + 1 < INSTALL_TRIES) setTimeout(() => register(attempt + 1), 2000 * 2 ** attempt);
    };
    navigator.serviceWorker
      .register("/sw.js")
      .then((reg) => {
        watch(reg);
        const worker = reg.installing;
        if (!worker || reg.active) return;
        worker.addEventListener("statechange", () => {
          if (worker.state === "redundant" && !reg.active) again();
        });
      })
      .catch((e) => {
        console.warn("service worker:", e); // i18n: not text
        again();
      });
  }

  if ("serviceWorker" in navigator) {
    // Reload once a new worker takes over, so the page and its cache match. The first
    // worker to control this page (the first install, or a claim of a page opened
    // mid-install) needs no reload; a later change does — even in a page that was
    // uncontrolled when it loaded, or an update there would wait on "Updating…" forever.
    let controlled = !!navigator.serviceWorker.controller;
    let reloading = false;
    navigator.serviceWorker.addEventListener("controllerchange", () => {
      const wasControlled = controlled;
      controlled = true;
      if (!wasControlled || reloading) return;
      reloading = true;
      location.reload();
    });
    window.addEventListener("load", () => register(0));
    document.addEventListener("visibilitychange", () => {
      if (document.visibilityState === "visible" && registration) registration.update().catch(() => {});
    });
  }

  window.mmPwa = { install, applyUpdate, storage, settings, refresh: push, state };
})();

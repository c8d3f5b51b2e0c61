// Micromastery's languages on the phone: `t("English text", {params})` and
// `nt(one, other, n)` read the catalogue of the chosen language (/i18n/<locale>.json,
// generated from mmapp/i18n/locales/*.po by scripts/i18n.py; precached, so offline too).
// The language is the one chosen in Settings (kept on the account and on this phone),
// else the browser's. Dates and numbers use Intl in the same language. The Reflex
// pages read the same catalogue through the `mm_i18n` ClientStateVar (mmapp/i18n/client.py).
(() => {
  "use strict"; // i18n: not text
  const LOCALES = ["en", "de"];
  const FALLBACK = "en";
  const CHOICE_KEY = "mm_locale"; // localStorage: the language chosen here, if any
  const empty = (locale) => ({ locale, messages: {}, plurals: {} });
  let current = empty(FALLBACK);
  let refs = null;
  const listeners = new Set();

  // The supported language a tag names ("de-AT" -> "de"), or null.
  function supported(tag) {
    if (typeof tag !== "string" || !tag) return null;
    const lang = tag.trim().toLowerCase().split(/[-_]/)[0];
    return LOCALES.includes(lang) ? lang : null;
  }

  // The first supported language of a preference list (navigator.languages), else English.
  function negotiate(preferred) {
    for (const tag of preferred || []) {
      const found = supported(tag);
      if (found) return found;
    }
    return FALLBACK;
  }

  function fill(text, params) {
    if (!params) return text;
    return String(text).replace(/\{(\w+)\}/g, (m, k) => (k in params ? String(params[k]) : m));
  }

  function t(msgid, params) {
    return fill(current.messages[msgid] || msgid, params);
  }

  function nt(singular, plural, n, params) {
    const forms = current.plurals[singular];
    const text = forms
      ? forms[new Intl.PluralRules(current.locale).select(n)] || forms.other
      : n === 1
        ? singular
        : plural;
    return fill(text, Object.assign({ n }, params));
  }

  const locale = () => current.locale;

  // Intl formatters in the page's language (cached per options).
  const formatters = new Map();
  function formatter(kind, options) {
    const key = `${current.locale}|${kind}|${JSON.stringify(options || {})}`;
    if (!formatters.has(key)) {
      const Make = kind === "number" ? Intl.NumberFormat : Intl.DateTimeFormat;
      formatters.set(key, new Make(current.locale, options));
    }
    return formatters.get(key);
  }
  const formatDate = (date, options) => formatter("date", options).format(date);
  const formatNumber = (n, options) => formatter("number", options).format(n);

  function chosen() {
    try {
      return supported(globalThis.localStorage?.getItem(CHOICE_KEY));
    } catch (_e) {
      return null;
    }
  }

  // The language this phone shows: the one chosen, else the browser's.
  function wanted() {
    const nav = globalThis.navigator;
    return chosen() || negotiate(nav ? nav.languages || [nav.language] : []);
  }

  // The catalogue into the page's `mm_i18n` var, with `chosen` ("" | "en" | "de": the
  // Settings choice, "" following the browser) for the language picker.
  // The tab's title: each page sets its English one (a msgid); show its translation,
  // again whenever the router sets another.
  let titleSource = null;
  let titleShown = null;
  function translateTitle() {
    if (typeof document === "undefined") return;
    if (document.title !== titleShown) titleSource = document.title;
    titleShown = current.messages[titleSource] || titleSource;
    if (document.title !== titleShown) document.title = titleShown;
  }
  let watching = false;
  function watchTitle() {
    if (watching || typeof MutationObserver === "undefined" || !document.head) return;
    watching = true;
    const observer = new MutationObserver(translateTitle);
    observer.observe(document.head, { childList: true, subtree: true, characterData: true });
  }

  function publish() {
    if (typeof document !== "undefined") {
      document.documentElement.lang = current.locale;
      translateTitle();
      watchTitle();
    }
    const value = { ...current, chosen: chosen() || "" };
    const setter = refs?._client_state_setMm_i18n;
    if (typeof setter === "function") setter(value);
    else if (refs) refs._client_state_mm_i18n = value;
    for (const fn of listeners) fn(current.locale);
  }

  // Use a catalogue object ({locale, messages, plurals}) directly (tests, and after a fetch).
  function setCatalogue(catalogue) {
    current = catalogue && supported(catalogue.locale) ? catalogue : empty(FALLBACK);
    formatters.clear();
    publish();
  }

  // Load and show `locale` (null: the one this phone wants). Offline, the service
  // worker answers from its precache; if even that fails the page stays in English.
  // Each use() takes a ticket: a catalogue that arrives after a newer choice is dropped.
  let latest = 0;
  async function use(localeTag) {
    const ticket = ++latest;
    const next = supported(localeTag) || wanted();
    if (next === current.locale && (next === FALLBACK || Object.keys(current.messages).length)) {
      publish();
      return current.locale;
    }
    if (next === FALLBACK) {
      setCatalogue(empty(FALLBACK));
      return FALLBACK;
    }
    try {
      const res = await fetch(`/i18n/${next}.json`);
      if (!res.ok) throw new Error(`HTTP ${res.status}`); // i18n: not text
      const catalogue = await res.json();
      if (ticket === latest) setCatalogue(catalogue);
    } catch (_e) {
      if (ticket === latest) publish();
    }
    return current.locale;
  }

  // Remember a choice on this phone (null: follow the browser again), then show it.
  function choose(localeTag) {
    const value = supported(localeTag);
    try {
      if (value) globalThis.localStorage?.setItem(CHOICE_KEY, value);
      else globalThis.localStorage?.removeItem(CHOICE_KEY);
    } catch (_e) {
      // private mode: the choice lasts for this page only
    }
    return use(value);
  }

  // A Reflex page mounted: hand over its `refs` so its text follows the catalogue.
  function attach(reflexRefs) {
    if (reflexRefs) refs = reflexRefs;
    return use(null);
  }

  const onChange = (fn) => listeners.add(fn);

  const api = {
    LOCALES,
    attach,
    choose,
    chosen,
    formatDate,
    formatNumber,
    locale,
    negotiate,
    nt,
    onChange,
    setCatalogue,
    supported,
    t,
    use,
    wanted,
  };
  self.mmI18n = api;
  if (typeof module === "object" && module?.exports) module.exports = api;
})();

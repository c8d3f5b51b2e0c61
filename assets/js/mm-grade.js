// Micromastery's grader on the phone: the same rule as mmapp/content/grading.py (its
// docstring states it; tests/fixtures/grading_cases.json runs against both). The
// server re-grades every answer, so this copy only drives instant feedback. Pure:
// loaded by a <script> tag in the page (window.mmGrade) and by `bun test`.
(() => {
  "use strict"; // i18n: not text
  // Full case folding like Python's str.casefold: JavaScript has none, so toLowerCase
  // (full lowercase mappings) and then, for the characters whose folding differs from
  // their lowercase (CaseFolding.txt: ß, ſ, µ, final ς, Greek symbol forms, ligatures,
  // ŉ, ǰ, Greek with iota subscript, Cherokee small letters to capitals, ...), the
  // folding. Generated from Python's Unicode 14 data: every x with
  // x.lower() == x and x.casefold() != x. (A letter given case in a later Unicode may
  // fold on a phone whose browser knows it and not on the server; the server decides.)
  const FOLD = {
    "\u00B5": "\u03BC",
    "\u00DF": "ss",
    "\u0149": "\u02BCn",
    "\u017F": "s",
    "\u01F0": "j\u030C",
    "\u0345": "\u03B9",
    "\u0390": "\u03B9\u0308\u0301",
    "\u03B0": "\u03C5\u0308\u0301",
    "\u03C2": "\u03C3",
    "\u03D0": "\u03B2",
    "\u03D1": "\u03B8",
    "\u03D5": "\u03C6",
    "\u03D6": "\u03C0",
    "\u03F0": "\u03BA",
    "\u03F1": "\u03C1",
    "\u03F5": "\u03B5",
    "\u0587": "\u0565\u0582",
    "\u1C80": "\u0432",
    "\u1C81": "\u0434",
    "\u1C82": "\u043E",
    "\u1C83": "\u0441",
    "\u1C84": "\u0442",
    "\u1C85": "\u0442",
    "\u1C86": "\u044A",
    "\u1C87": "\u0463",
    "\u1C88": "\uA64B",
    "\u1E96": "h\u0331",
    "\u1E97": "t\u0308",
    "\u1E98": "w\u030A",
    "\u1E99": "y\u030A",
    "\u1E9A": "a\u02BE",
    "\u1E9B": "\u1E61",
    "\u1F50": "\u03C5\u0313",
    "\u1F52": "\u03C5\u0313\u0300",
    "\u1F54": "\u03C5\u0313\u0301",
    "\u1F56": "\u03C5\u0313\u0342",
    "\u1F80": "\u1F00\u03B9",
    "\u1F81": "\u1F01\u03B9",
    "\u1F82": "\u1F02\u03B9",
    "\u1F83": "\u1F03\u03B9",
    "\u1F84": "\u1F04\u03B9",
    "\u1F85": "\u1F05\u03B9",
    "\u1F86": "\u1F06\u03B9",
    "\u1F87": "\u1F07\u03B9",
    "\u1F90": "\u1F20\u03B9",
    "\u1F91": "\u1F21\u03B9",
    "\u1F92": "\u1F22\u03B9",
    "\u1F93": "\u1F23\u03B9",
    "\u1F94": "\u1F24\u03B9",
    "\u1F95": "\u1F25\u03B9",
    "\u1F96": "\u1F26\u03B9",
    "\u1F97": "\u1F27\u03B9",
    "\u1FA0": "\u1F60\u03B9",
    "\u1FA1": "\u1F61\u03B9",
    "\u1FA2": "\u1F62\u03B9",
    "\u1FA3": "\u1F63\u03B9",
    "\u1FA4": "\u1F64\u03B9",
    "\u1FA5": "\u1F65\u03B9",
    "\u1FA6": "\u1F66\u03B9",
    "\u1FA7": "\u1F67\u03B9",
    "\u1FB2": "\u1F70\u03B9",
    "\u1FB3": "\u03B1\u03B9",
    "\u1FB4": "\u03AC\u03B9",
    "\u1FB6": "\u03B1\u0342",
    "\u1FB7": "\u03B1\u0342\u03B9",
    "\u1FBE": "\u03B9",
    "\u1FC2": "\u1F74\u03B9",
    "\u1FC3": "\u03B7\u03B9",
    "\u1FC4": "\u03AE\u03B9",
    "\u1FC6": "\u03B7\u0342",
    "\u1FC7": "\u03B7\u0342\u03B9",
    "\u1FD2": "\u03B9\u0308\u0300",
    "\u1FD3": "\u03B9\u0308\u0301",
    "\u1FD6": "\u03B9\u0342",
    "\u1FD7": "\u03B9\u0308\u0342",
    "\u1FE2": "\u03C5\u0308\u0300",
    "\u1FE3": "\u03C5\u0308\u0301",
    "\u1FE4": "\u03C1\u0313",
    "\u1FE6": "\u03C5\u0342",
    "\u1FE7": "\u03C5\u0308\u0342",
    "\u1FF2": "\u1F7C\u03B9",
    "\u1FF3": "\u03C9\u03B9",
    "\u1FF4": "\u03CE\u03B9",
    "\u1FF6": "\u03C9\u0342",
    "\u1FF7": "\u03C9\u0342\u03B9",
    "\uFB00": "ff",
    "\uFB01": "fi",
    "\uFB02": "fl",
    "\uFB03": "ffi",
    "\uFB04": "ffl",
    "\uFB05": "st",
    "\uFB06": "st",
    "\uFB13": "\u0574\u0576",
    "\uFB14": "\u0574\u0565",
    "\uFB15": "\u0574\u056B",
    "\uFB16": "\u057E\u0576",
    "\uFB17": "\u0574\u056D",
  };
  for (let c = 0xab70; c <= 0xabbf; c++)
    FOLD[String.fromCharCode(c)] = String.fromCharCode(c - 0xab70 + 0x13a0);
  for (let c = 0x13f8; c <= 0x13fd; c++) FOLD[String.fromCharCode(c)] = String.fromCharCode(c - 8);
  const FOLDED = new RegExp(`[${Object.keys(FOLD).join("")}]`, "g");
  const caseFold = (text) => text.toLowerCase().replace(FOLDED, (ch) => FOLD[ch]);
  // Unicode White_Space, spelled out as in grading.py (`\s` differs between the two).
  const WS = "\t\n\v\f\r \u0085\u00A0\u1680\u2000-\u200A\u2028\u2029\u202F\u205F\u3000";
  const SPACES = new RegExp(`[${WS}]+`, "g");
  const EDGES = new RegExp(`^[${WS}]+|[${WS}.!?,;:]+$`, "g");

  function normaliseTextAnswer(text) {
    return caseFold(text.normalize("NFKC")).replace(SPACES, " ").replace(EDGES, "");
  }

  // JSON numbers only: true, "1" or 1.5 is not an option index.
  const isIndex = (v) => typeof v === "number" && Number.isInteger(v);

  function grade(item, answer) {
    if (!answer || typeof answer !== "object" || Array.isArray(answer)) return false;
    if (item.kind === "short_answer") {
      if (typeof answer.text !== "string") return false;
      const given = normaliseTextAnswer(answer.text);
      return given !== "" && item.accepted_answers.some((a) => normaliseTextAnswer(a) === given);
    }
    const c = answer.choices;
    if (!Array.isArray(c) || !c.length || !c.every(isIndex) || new Set(c).size !== c.length) return false;
    const k = new Set(item.correct);
    return c.length === k.size && c.every((v) => k.has(v));
  }

  const api = { grade, normaliseTextAnswer };
  if (typeof self !== "undefined") self.mmGrade = api;
  if (typeof module === "object" && module?.exports) module.exports = api;
})();

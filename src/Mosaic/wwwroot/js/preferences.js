// Display preferences in the browser. Applies them, runs the theme picker (live edits with save, cancel and reset),
// keeps an anonymous visitor's preferences in localStorage plus the small "mosaic.prefs" cookie the server reads
// (Features/Preferences/PreferencesCookie.cs), and saves a signed-in person's to the account through the API.
// Custom properties are set through the CSSOM (style.setProperty), which the CSP allows, never as style attributes.

const storageKey = "mosaic.prefs";
const legacyThemeKey = "mosaic.theme";
const offerKey = "mosaic.prefs.offer";
const reloadKey = "mosaic.prefs.restored";
const cookieName = "mosaic.prefs";
const cookieMaxLength = 3500;
const cookieMaxTags = 100;
const colors = ["primary", "secondary", "tertiary", "accent"];

export const defaults = Object.freeze({
  primary: "#5b5bd6",
  secondary: "#e5484d",
  tertiary: "#12a594",
  accent: "#f5a524",
  fontScale: 1,
  theme: "system",
  density: "comfortable",
  hideExplicit: true,
  blurQuestionable: true,
  blacklist: [],
  language: "auto",
});

let state = null;

// What the server rendered (data- attributes of the layout's theme picker) and what this browser keeps.
function init() {
  if (state) return state;
  const host = document.querySelector("[data-theme-picker]");
  const server = normalize(parse(host?.dataset.preferences));
  const signedIn = host?.dataset.signedIn === "true";
  const source = host?.dataset.source ?? "defaults";
  let local = normalize(parse(readStorage(storageKey)), null);
  const legacy = readStorage(legacyThemeKey);
  if (!local && (legacy === "light" || legacy === "dark")) local = { ...defaults, theme: legacy };
  removeStorage(legacyThemeKey);

  let saved = server ?? { ...defaults };
  let restored = false;
  if (!signedIn) {
    if (source === "browser") {
      // The cookie is the newer copy (a form without JavaScript may have written it): keep the two in step.
      writeStorage(storageKey, JSON.stringify(saved));
    } else if (local && !same(local, defaults)) {
      // The cookie is gone but this browser still has its preferences: give them back to the server.
      saved = local;
      writeCookie(saved);
      restored = affectsBoard(saved);
    }
  }
  state = { host, saved, signedIn, source, local };
  // Once per session at most, so a browser that refuses the cookie is not caught in a loop.
  if (restored && document.querySelector("[data-grid]") && readSession(reloadKey) !== "1") {
    writeSession(reloadKey, "1");
    location.reload();
  }
  return state;
}

export function attachPreferences(root) {
  const s = init();
  apply(s.saved);
  if (!s.host || !root.contains(s.host)) return;
  attachOffer(s);
  attachPicker(s);
}

/** Changes some preferences and saves them as the picker's Save does (used by the header's light/dark switch). */
export async function updatePreferences(changes) {
  const s = init();
  const next = normalize({ ...s.saved, ...changes });
  apply(next);
  return save(s, next);
}

/** The theme in effect: "light" or "dark", resolving "system" with the browser's colour scheme. */
export function effectiveTheme() {
  const theme = init().saved.theme;
  if (theme === "light" || theme === "dark") return theme;
  return matchMedia("(prefers-color-scheme: dark)").matches ? "dark" : "light";
}

function attachPicker(s) {
  const link = s.host.querySelector("[data-theme-picker-link]");
  const open = s.host.querySelector("[data-theme-picker-open]");
  const dialog = s.host.querySelector("[data-theme-picker-panel]");
  const form = s.host.querySelector("[data-theme-picker-form]");
  const status = s.host.querySelector("[data-theme-picker-status]");
  if (!open || !dialog || !form || typeof dialog.showModal !== "function") return;
  link.hidden = true;
  open.hidden = false;
  const say = (key) => { status.textContent = key ? s.host.dataset[key] ?? "" : ""; };

  open.addEventListener("click", () => {
    fill(form, s.saved);
    say(null);
    dialog.showModal();
  });
  form.addEventListener("input", () => preview(read(form, s.saved)));
  form.addEventListener("change", () => preview(read(form, s.saved)));
  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    const next = read(form, s.saved);
    say("textSaving");
    if (await save(s, next)) {
      apply(next);
      say("textSaved");
      dialog.close();
      open.focus();
    } else {
      say("textFailed");
    }
  });
  const cancel = () => { apply(s.saved); say(null); };
  s.host.querySelector("[data-theme-picker-cancel]")?.addEventListener("click", () => { cancel(); dialog.close(); open.focus(); });
  // Escape closes a modal dialog with a "cancel" event: the same as the Cancel button.
  dialog.addEventListener("cancel", cancel);
  s.host.querySelector("[data-theme-picker-reset]")?.addEventListener("click", () => {
    const reset = { ...s.saved, ...pick(defaults, ["primary", "secondary", "tertiary", "accent", "fontScale", "theme", "density"]) };
    fill(form, reset);
    preview(reset);
    say("textReset");
  });
}

function attachOffer(s) {
  const offer = s.host.querySelector("[data-preferences-offer]");
  if (!offer) return;
  // Signed in, the account has nothing saved, and this browser has something worth keeping: offer to save it there.
  const candidate = s.source === "browser" ? s.saved : s.local;
  if (!s.signedIn || s.source === "account" || !candidate || same(candidate, defaults) || readStorage(offerKey) === "dismissed") return;
  offer.hidden = false;
  offer.querySelector("[data-preferences-offer-accept]")?.addEventListener("click", async () => {
    if (await save(s, candidate)) {
      apply(candidate);
      offer.hidden = true;
    }
  });
  offer.querySelector("[data-preferences-offer-dismiss]")?.addEventListener("click", () => {
    writeStorage(offerKey, "dismissed");
    offer.hidden = true;
  });
}

// Saves to the account when signed in, otherwise to this browser; answers whether it worked.
async function save(s, next) {
  if (s.signedIn) {
    try {
      const response = await fetch("/api/v1/me/preferences", {
        method: "PUT",
        headers: { "Content-Type": "application/json", Accept: "application/json", "X-XSRF-TOKEN": readCookie("XSRF-TOKEN") ?? "" },
        body: JSON.stringify(withoutDate(next)),
      });
      if (!response.ok) return false;
      s.saved = normalize(await response.json()) ?? next;
      s.source = "account";
      return true;
    } catch {
      return false;
    }
  }
  s.saved = next;
  writeStorage(storageKey, JSON.stringify(next));
  writeCookie(next);
  return true;
}

// Applies saved preferences: the server's stylesheet link carries colours and text size; attributes carry the rest.
function apply(p) {
  setAttributes(p);
  const root = document.documentElement.style;
  for (const name of colors) root.removeProperty(`--${name}`);
  root.removeProperty("--font-base");
  const href = themeHref(p);
  let link = document.querySelector("link[data-theme-stylesheet]");
  if (href) {
    if (!link) {
      link = document.createElement("link");
      link.rel = "stylesheet";
      link.dataset.themeStylesheet = "";
      document.head.append(link);
    }
    if (link.getAttribute("href") !== href) link.href = href;
    link.disabled = false;
  } else {
    link?.remove();
  }
}

// Shows unsaved choices at once, with custom properties on <html> over the design's own values.
function preview(p) {
  setAttributes(p);
  const link = document.querySelector("link[data-theme-stylesheet]");
  if (link) link.disabled = true;
  const root = document.documentElement.style;
  for (const name of colors) {
    if (p[name] !== defaults[name]) root.setProperty(`--${name}`, p[name]);
    else root.removeProperty(`--${name}`);
  }
  if (p.fontScale !== defaults.fontScale) root.setProperty("--font-base", `${p.fontScale}rem`);
  else root.removeProperty("--font-base");
}

function setAttributes(p) {
  const html = document.documentElement;
  if (p.theme === "light" || p.theme === "dark") html.dataset.theme = p.theme;
  else delete html.dataset.theme;
  html.dataset.density = p.density;
  html.classList.toggle("blur-questionable", p.blurQuestionable);
}

// The same URL the server renders (Features/Preferences/ThemeStylesheet.cs): only values that differ from the defaults.
export function themeHref(p) {
  const query = [];
  for (const name of colors) {
    if (p[name] !== defaults[name]) query.push(`${name}=${p[name].slice(1)}`);
  }
  if (p.fontScale !== defaults.fontScale) query.push(`scale=${p.fontScale}`);
  return query.length ? `/preferences/theme.css?${query.join("&")}` : null;
}

function fill(form, p) {
  for (const name of colors) {
    const input = form.elements[name];
    if (!input) continue;
    input.value = p[name];
    const hex = input.closest(".color-field")?.querySelector("[data-color-hex]");
    if (hex) hex.textContent = p[name];
  }
  const scale = form.elements.fontScale;
  if (scale) {
    const value = String(p.fontScale);
    if (![...scale.options].some((o) => o.value === value)) scale.add(new Option(`${Math.round(p.fontScale * 1000) / 10}%`, value));
    scale.value = value;
  }
  for (const name of ["theme", "density"]) {
    for (const radio of form.querySelectorAll(`input[name='${name}']`)) radio.checked = radio.value === p[name];
  }
}

function read(form, base) {
  const next = { ...base };
  for (const name of colors) {
    const input = form.elements[name];
    if (!input) continue;
    next[name] = input.value.toLowerCase();
    const hex = input.closest(".color-field")?.querySelector("[data-color-hex]");
    if (hex) hex.textContent = next[name];
  }
  const scale = Number(form.elements.fontScale?.value);
  if (Number.isFinite(scale)) next.fontScale = scale;
  for (const name of ["theme", "density"]) {
    const checked = form.querySelector(`input[name='${name}']:checked`);
    if (checked) next[name] = checked.value;
  }
  return normalize(next);
}

// The cookie holds the whole document as a query string; the blacklist is cut to what fits in a cookie.
function writeCookie(p) {
  const params = new URLSearchParams();
  for (const name of colors) params.set(name, p[name].slice(1));
  params.set("fontScale", String(p.fontScale));
  params.set("theme", p.theme);
  params.set("density", p.density);
  params.set("hideExplicit", p.hideExplicit ? "1" : "0");
  params.set("blurQuestionable", p.blurQuestionable ? "1" : "0");
  params.set("language", p.language);
  const head = params.toString();
  let tags = [];
  for (const tag of p.blacklist.slice(0, cookieMaxTags)) {
    const candidate = new URLSearchParams({ blacklist: [...tags, tag].join(" ") }).toString();
    if (encodeURIComponent(`${head}&${candidate}`).length > cookieMaxLength) break;
    tags = [...tags, tag];
  }
  const value = tags.length ? `${head}&${new URLSearchParams({ blacklist: tags.join(" ") })}` : head;
  const secure = location.protocol === "https:" ? "; Secure" : "";
  document.cookie = `${cookieName}=${encodeURIComponent(value)}; Path=/; Max-Age=31536000; SameSite=Lax${secure}`;
}

// Accepts whatever was stored or rendered; anything unexpected becomes the default (the server checks again).
function normalize(p, fallback = { ...defaults }) {
  if (!p || typeof p !== "object") return fallback;
  const color = (v, d) => (typeof v === "string" && /^#[0-9a-f]{6}$/i.test(v) ? v.toLowerCase() : d);
  const oneOf = (v, allowed, d) => (allowed.includes(v) ? v : d);
  const scale = Number(p.fontScale);
  return {
    primary: color(p.primary, defaults.primary),
    secondary: color(p.secondary, defaults.secondary),
    tertiary: color(p.tertiary, defaults.tertiary),
    accent: color(p.accent, defaults.accent),
    fontScale: Number.isFinite(scale) && scale >= 0.75 && scale <= 1.5 ? scale : defaults.fontScale,
    theme: oneOf(p.theme, ["system", "light", "dark"], defaults.theme),
    density: oneOf(p.density, ["compact", "comfortable", "spacious"], defaults.density),
    hideExplicit: typeof p.hideExplicit === "boolean" ? p.hideExplicit : defaults.hideExplicit,
    blurQuestionable: typeof p.blurQuestionable === "boolean" ? p.blurQuestionable : defaults.blurQuestionable,
    blacklist: Array.isArray(p.blacklist) ? p.blacklist.filter((t) => typeof t === "string").slice(0, 200) : [],
    language: typeof p.language === "string" && p.language ? p.language : defaults.language,
  };
}

function same(a, b) {
  return JSON.stringify(withoutDate(a)) === JSON.stringify(withoutDate(b));
}

function affectsBoard(p) {
  return p.hideExplicit !== defaults.hideExplicit || p.blacklist.length > 0;
}

function withoutDate(p) {
  const { updatedAt, ...rest } = p;
  return rest;
}

function pick(source, keys) {
  return Object.fromEntries(keys.map((k) => [k, source[k]]));
}

function parse(text) {
  try { return text ? JSON.parse(text) : null; } catch { return null; }
}

// Storage can be unavailable (private modes, blocked cookies): preferences then last for the page only.
function readStorage(key) {
  try { return localStorage.getItem(key); } catch { return null; }
}

function writeStorage(key, value) {
  try { localStorage.setItem(key, value); } catch { /* not kept */ }
}

function removeStorage(key) {
  try { localStorage.removeItem(key); } catch { /* nothing to remove */ }
}

function readSession(key) {
  try { return sessionStorage.getItem(key); } catch { return "1"; }
}

function writeSession(key, value) {
  try { sessionStorage.setItem(key, value); } catch { /* not kept */ }
}

function readCookie(name) {
  return document.cookie.split("; ").find((c) => c.startsWith(`${name}=`))?.slice(name.length + 1);
}

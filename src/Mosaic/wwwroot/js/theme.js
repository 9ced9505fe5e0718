// The header's light/dark switch. It flips the "theme" preference and saves it like the theme picker does
// (preferences.js: to the account when signed in, otherwise to this browser). Without JavaScript the switch stays
// hidden and the saved preference, or the system's colour scheme, applies.
import { effectiveTheme, updatePreferences } from "./preferences.js";

export function attachThemeToggle(root) {
  for (const button of root.querySelectorAll("[data-theme-toggle]")) {
    button.hidden = false;
    button.addEventListener("click", () => {
      updatePreferences({ theme: effectiveTheme() === "dark" ? "light" : "dark" });
    });
  }
}

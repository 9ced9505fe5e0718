// Light/dark switch remembered in this browser; without JavaScript the system preference applies.
const storageKey = "mosaic.theme";

export function attachThemeToggle(root) {
  const saved = localStorage.getItem(storageKey);
  if (saved === "light" || saved === "dark") {
    document.documentElement.dataset.theme = saved;
  }
  for (const button of root.querySelectorAll("[data-theme-toggle]")) {
    button.hidden = false;
    button.addEventListener("click", () => {
      const current = document.documentElement.dataset.theme
        ?? (matchMedia("(prefers-color-scheme: dark)").matches ? "dark" : "light");
      const next = current === "dark" ? "light" : "dark";
      document.documentElement.dataset.theme = next;
      localStorage.setItem(storageKey, next);
    });
  }
}

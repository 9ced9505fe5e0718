// The board's "Display tags, filters, and preferences" switch: CSS shows the panel while it is on (so it works
// without JavaScript); this remembers the choice in the browser for the next visit.
const storageKey = "mosaic.board.customize";

export function attachBoardCustomize(root) {
  const toggle = root.querySelector("[data-board-customize]");
  if (!toggle) return;
  try {
    if (localStorage.getItem(storageKey) === "1") toggle.checked = true;
    toggle.addEventListener("change", () => localStorage.setItem(storageKey, toggle.checked ? "1" : "0"));
  } catch {
    // Storage unavailable: the switch still works for this page.
  }
}

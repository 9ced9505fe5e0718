// "Copy" buttons next to read-only values such as a new access token.
export function attachCopyButtons(root) {
  for (const button of root.querySelectorAll("[data-copy-target]")) {
    const input = root.getElementById(button.dataset.copyTarget);
    if (!input || !navigator.clipboard) continue;
    button.hidden = false;
    button.addEventListener("click", async () => {
      await navigator.clipboard.writeText(input.value);
      button.textContent = "Copied";
    });
  }
}

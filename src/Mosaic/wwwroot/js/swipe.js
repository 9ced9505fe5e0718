// Focus mode (Components/Pages/Focus/FocusPage.razor, [data-focus]): one post filling the viewport.
//
//   <article data-focus data-focus-prev="/focus/{newer}" data-focus-next="/focus/{older}" data-focus-exit="/posts/{id}"
//            data-focus-prefetch="{next sample url}"> … <div data-focus-stage> <img> </div> … </article>
//
// ArrowLeft / ArrowRight go to the previous (newer) / next (older) post, Escape back to the post page — unless a
// dialog is open (comments, albums) or the key is typed into a field. A horizontal swipe of more than 50 px on the
// image (pointer events; mouse, pen or touch) does the same; a mostly vertical gesture is left to the page (the
// stage has touch-action: pan-y, so the browser scrolls and cancels the pointer). Every move is a full navigation to
// the neighbour's URL, so back/forward and sharing keep working. The next post's image is fetched when idle.
// Styles are only ever set through CSSOM (the CSP forbids inline style attributes).
const SWIPE_DISTANCE = 50;

export function attachFocus(root) {
  const focus = root.querySelector("[data-focus]");
  if (!focus) return;
  const { focusPrev: prev, focusNext: next, focusExit: exit, focusPrefetch: prefetch } = focus.dataset;
  const reducedMotion = matchMedia("(prefers-reduced-motion: reduce)");
  let leaving = false;
  const go = (href) => {
    if (!href || leaving) return false;
    leaving = true;
    location.assign(href);
    return true;
  };

  document.addEventListener("keydown", (event) => {
    if (event.defaultPrevented || event.altKey || event.ctrlKey || event.metaKey || event.shiftKey) return;
    if (document.querySelector("dialog[open]")) return;
    if (event.target instanceof Element && event.target.closest("input, textarea, select, [contenteditable]")) return;
    const href = event.key === "ArrowLeft" ? prev : event.key === "ArrowRight" ? next : event.key === "Escape" ? exit : null;
    if (go(href)) event.preventDefault();
  });

  const stage = focus.querySelector("[data-focus-stage]");
  const image = stage?.querySelector("img");
  let start = null;
  const reset = () => {
    start = null;
    if (image) image.style.removeProperty("translate");
  };
  stage?.addEventListener("pointerdown", (event) => {
    if (!event.isPrimary || (event.pointerType === "mouse" && event.button !== 0)) return;
    start = { id: event.pointerId, x: event.clientX, y: event.clientY };
  });
  stage?.addEventListener("pointermove", (event) => {
    if (!start || event.pointerId !== start.id || !image || reducedMotion.matches) return;
    const dx = event.clientX - start.x;
    const dy = event.clientY - start.y;
    if (Math.abs(dx) > Math.abs(dy)) image.style.setProperty("translate", `${Math.round(dx / 2)}px 0`);
  });
  stage?.addEventListener("pointerup", (event) => {
    if (!start || event.pointerId !== start.id) return;
    const dx = event.clientX - start.x;
    const dy = event.clientY - start.y;
    reset();
    // Horizontal enough: at least 50 px sideways and clearly more sideways than up or down.
    if (Math.abs(dx) <= SWIPE_DISTANCE || Math.abs(dx) < Math.abs(dy) * 1.5) return;
    go(dx < 0 ? next : prev);
  });
  stage?.addEventListener("pointercancel", reset);
  stage?.addEventListener("dragstart", (event) => event.preventDefault());

  if (prefetch) {
    const load = () => {
      const img = new Image();
      img.decoding = "async";
      img.src = prefetch;
    };
    if ("requestIdleCallback" in window) requestIdleCallback(load, { timeout: 2000 });
    else setTimeout(load, 500);
  }
}

// Infinite scroll for post grids (Components/Ui/PostGrid.razor):
//
//   <div data-grid-scroll> <div data-grid> tiles… </div> <nav data-grid-more> <a rel="next" href="…">Next page</a> </nav>
//                          <p role="status" data-grid-status></p> </div>
//
// Without scripts the "Next page" link is the way on. With them, when the link comes near the viewport (an
// IntersectionObserver), the next page's HTML is fetched — the same server rendering, no templates here — and the
// tiles of its grid are appended here, its next link (if any) replaces ours, and "N more posts loaded" is announced
// politely. It stops when a page has no next link; a failed fetch leaves the link to be followed by hand.
// New tiles fade in only when the visitor has not asked for reduced motion (the CSS decides).
export function attachInfiniteScroll(root) {
  if (!("IntersectionObserver" in window) || !("DOMParser" in window)) return;
  for (const scroller of root.querySelectorAll("[data-grid-scroll]")) wire(scroller);
}

function wire(scroller) {
  const grid = scroller.querySelector("[data-grid]");
  const status = scroller.querySelector("[data-grid-status]");
  if (!grid) return;
  let loading = false;
  let failed = false;

  const observer = new IntersectionObserver((entries) => {
    if (entries.some((entry) => entry.isIntersecting)) load();
  }, { rootMargin: "0px 0px 800px 0px" });

  const watch = () => {
    observer.disconnect();
    const link = nextLink();
    if (link && !failed) observer.observe(link);
  };

  function nextLink() {
    return scroller.querySelector("[data-grid-more] a[rel=next]");
  }

  async function load() {
    const link = nextLink();
    if (!link || loading || failed) return;
    loading = true;
    link.setAttribute("aria-busy", "true");
    const hadFocus = document.activeElement === link;
    try {
      const response = await fetch(link.href, { headers: { Accept: "text/html" }, credentials: "same-origin" });
      if (!response.ok) throw new Error(`HTTP ${response.status}`);
      const doc = new DOMParser().parseFromString(await response.text(), "text/html");
      const index = [...document.querySelectorAll("[data-grid-scroll]")].indexOf(scroller);
      const other = doc.querySelectorAll("[data-grid-scroll]")[Math.max(index, 0)];
      const tiles = other ? [...(other.querySelector("[data-grid]")?.children ?? [])] : [];
      const added = [];
      for (const tile of tiles) {
        const node = document.importNode(tile, true);
        node.classList.add("grid__new");
        grid.append(node);
        added.push(node);
      }
      const more = scroller.querySelector("[data-grid-more]");
      const otherMore = other?.querySelector("[data-grid-more]");
      if (otherMore) more?.replaceWith(document.importNode(otherMore, true));
      else more?.remove();
      if (status) status.textContent = `${added.length} more ${added.length === 1 ? "post" : "posts"} loaded`;
      if (hadFocus && added[0]) added[0].querySelector("a")?.focus() ?? added[0].focus?.();
    } catch {
      failed = true;
      link.removeAttribute("aria-busy");
    } finally {
      loading = false;
      watch();
    }
  }

  watch();
}

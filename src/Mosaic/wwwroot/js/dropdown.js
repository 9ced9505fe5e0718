// Dropdown menus (Components/Ui/Dropdown): a <details data-dropdown> whose <summary> becomes a menu button. Without
// this module it is a plain disclosure of links and buttons. With it: aria-haspopup/aria-expanded on the button, the
// links and buttons become menu items, ArrowDown/ArrowUp/Home/End move between them, Escape closes and returns focus
// to the button, Tab or a click outside closes, and choosing an item closes the menu.

export function attachDropdowns(root) {
  const dropdowns = [...root.querySelectorAll("details[data-dropdown]")];
  for (const details of dropdowns) enhance(details);
  if (dropdowns.length === 0) return;
  document.addEventListener("click", (event) => {
    for (const details of document.querySelectorAll("details[data-dropdown][open]")) {
      if (!details.contains(event.target)) details.open = false;
    }
  });
}

function enhance(details) {
  const summary = details.querySelector(":scope > summary");
  const menu = details.querySelector(":scope > [data-dropdown-menu]");
  if (!summary || !menu) return;
  summary.id ||= `${details.id || "dropdown"}-button`;
  summary.setAttribute("aria-haspopup", "menu");
  summary.setAttribute("aria-controls", menu.id);
  summary.setAttribute("aria-expanded", String(details.open));
  menu.setAttribute("role", "menu");
  menu.setAttribute("aria-labelledby", summary.id);
  for (const wrapper of menu.querySelectorAll("form, li, ul")) wrapper.setAttribute("role", "none");
  const items = () => [...menu.querySelectorAll("a[href], button:not([disabled])")];
  for (const item of items()) {
    item.setAttribute("role", "menuitem");
    item.tabIndex = -1;
  }

  let focusOnOpen = null;
  const focusItem = (index) => {
    const list = items();
    if (list.length) list[(index + list.length) % list.length].focus();
  };
  const close = (returnFocus) => {
    details.open = false;
    if (returnFocus) summary.focus();
  };

  details.addEventListener("toggle", () => {
    summary.setAttribute("aria-expanded", String(details.open));
    if (details.open && focusOnOpen !== null) focusItem(focusOnOpen);
    focusOnOpen = null;
  });
  summary.addEventListener("keydown", (event) => {
    if (event.key === "ArrowDown" || event.key === "ArrowUp" || event.key === "Enter" || event.key === " ") {
      event.preventDefault();
      const index = event.key === "ArrowUp" ? -1 : 0;
      if (details.open && event.key !== "Enter" && event.key !== " ") focusItem(index);
      else if (details.open) close(false);
      else {
        focusOnOpen = index;
        details.open = true;
      }
    }
  });
  menu.addEventListener("keydown", (event) => {
    const list = items();
    const at = list.indexOf(document.activeElement);
    switch (event.key) {
      case "ArrowDown": event.preventDefault(); focusItem(at + 1); break;
      case "ArrowUp": event.preventDefault(); focusItem(at - 1); break;
      case "Home": event.preventDefault(); focusItem(0); break;
      case "End": event.preventDefault(); focusItem(-1); break;
      case "Tab": close(false); break;
      default: break;
    }
  });
  details.addEventListener("keydown", (event) => {
    if (event.key === "Escape" && details.open) {
      event.preventDefault();
      close(true);
    }
  });
  // Close after the item's own action (navigation or form submission) has started.
  menu.addEventListener("click", (event) => {
    if (event.target.closest("[role=menuitem]")) setTimeout(() => close(false));
  });
}

// Tag inputs with suggestions (Components/Ui/TagAutocomplete.razor, the ARIA 1.2 combobox pattern) and tooltips
// that Escape dismisses (Components/Ui/Tooltip.razor). Suggestions are built with textContent, never as markup.
const CATEGORIES = new Set(["general", "artist", "character", "copyright", "meta"]);
const SEPARATORS = /[\s,]/;
const DELAY_MS = 150;
const LIMIT = 8;

export function attachTagAutocomplete(root) {
  for (const box of root.querySelectorAll("[data-tag-autocomplete]")) attachOne(box);
}

function attachOne(box) {
  const input = box.querySelector("[data-autocomplete-input]");
  const listbox = box.querySelector("[data-autocomplete-listbox]");
  const status = box.querySelector("[data-autocomplete-status]");
  if (!input || !listbox) return;
  const multiple = box.dataset.multiple === "true";
  const source = box.dataset.source || "/api/v1/tags";
  const navigate = box.dataset.navigate;
  let options = [...listbox.querySelectorAll("[role=option]")];
  let active = options.findIndex((o) => o.getAttribute("aria-selected") === "true");
  let timer = 0;
  let pending = null;

  // The name being typed: the whole value, or in a list of names the one around the caret.
  const token = () => {
    const value = input.value;
    if (!multiple) return { start: 0, end: value.length, text: value.trim() };
    const caret = input.selectionStart ?? value.length;
    let start = caret;
    while (start > 0 && !SEPARATORS.test(value[start - 1])) start--;
    let end = caret;
    while (end < value.length && !SEPARATORS.test(value[end])) end++;
    return { start, end, text: value.slice(start, end) };
  };

  const setActive = (index) => {
    active = index;
    options.forEach((option, i) => option.setAttribute("aria-selected", i === index ? "true" : "false"));
    if (index >= 0) {
      input.setAttribute("aria-activedescendant", options[index].id);
      options[index].scrollIntoView({ block: "nearest" });
    } else {
      input.removeAttribute("aria-activedescendant");
    }
  };

  const close = () => {
    listbox.hidden = true;
    input.setAttribute("aria-expanded", "false");
    setActive(-1);
  };

  const open = () => {
    listbox.hidden = options.length === 0;
    input.setAttribute("aria-expanded", options.length ? "true" : "false");
  };

  const choose = (index) => {
    const name = options[index]?.dataset.value;
    if (!name) return;
    if (navigate) {
      location.assign(navigate + encodeURIComponent(name));
      return;
    }
    if (multiple) {
      const { start, end } = token();
      const before = input.value.slice(0, start);
      const after = input.value.slice(end).replace(/^[\s,]+/, "");
      input.value = `${before}${name} ${after}`;
      const caret = before.length + name.length + 1;
      input.setSelectionRange(caret, caret);
    } else {
      input.value = name;
    }
    close();
    announce("");
  };

  const announce = (text) => {
    if (status) status.textContent = text;
  };

  const render = (items) => {
    options = items.map((item, i) => {
      const option = document.createElement("li");
      option.id = `${listbox.id}-${i}`;
      option.setAttribute("role", "option");
      option.setAttribute("aria-selected", "false");
      option.className = `autocomplete__option autocomplete__option--${CATEGORIES.has(item.category) ? item.category : "general"}`;
      option.dataset.value = item.name;
      option.append(span("autocomplete__name", item.name));
      if (item.alias) option.append(span("autocomplete__alias", `← ${item.alias}`));
      const count = span("autocomplete__count", Number(item.postCount ?? 0).toLocaleString("en"));
      count.append(span("visually-hidden", " posts"));
      option.append(count);
      return option;
    });
    listbox.replaceChildren(...options);
    setActive(-1);
    open();
    announce(options.length === 1 ? "1 suggestion" : options.length ? `${options.length} suggestions` : "");
  };

  const suggest = async () => {
    const text = token().text.replace(/^-/, "");
    pending?.abort();
    if (!text) {
      render([]);
      return;
    }
    pending = new AbortController();
    try {
      const response = await fetch(`${source}?q=${encodeURIComponent(text)}&limit=${LIMIT}`, {
        headers: { Accept: "application/json" },
        signal: pending.signal,
      });
      if (!response.ok) return;
      const items = await response.json();
      if (document.activeElement === input && token().text.replace(/^-/, "") === text) render(Array.isArray(items) ? items : []);
    } catch {
      // Aborted by newer typing, or offline: the field still works as plain text.
    }
  };

  input.addEventListener("input", () => {
    clearTimeout(timer);
    timer = setTimeout(suggest, DELAY_MS);
  });

  input.addEventListener("keydown", (event) => {
    const shown = !listbox.hidden && options.length > 0;
    switch (event.key) {
      case "ArrowDown":
        event.preventDefault();
        if (!shown) {
          if (options.length) open(); else suggest();
          return;
        }
        setActive(active + 1 >= options.length ? 0 : active + 1);
        break;
      case "ArrowUp":
        if (!shown) return;
        event.preventDefault();
        setActive(active <= 0 ? options.length - 1 : active - 1);
        break;
      case "Enter":
        if (shown && active >= 0) {
          event.preventDefault();
          choose(active);
        }
        break;
      case "Escape":
        if (shown) {
          event.preventDefault();
          event.stopPropagation();
          close();
        }
        break;
      case "Tab":
        close();
        break;
    }
  });

  // mousedown, not click: the input keeps focus, so blur does not close the list before the pick.
  listbox.addEventListener("mousedown", (event) => {
    const option = event.target.closest("[role=option]");
    if (!option) return;
    event.preventDefault();
    choose(options.indexOf(option));
  });

  input.addEventListener("blur", () => setTimeout(close, 0));
}

function span(className, text) {
  const element = document.createElement("span");
  element.className = className;
  element.textContent = text;
  return element;
}

// WCAG 1.4.13: a tooltip can be dismissed without moving the pointer or focus.
export function attachTooltips(root) {
  const tips = [...root.querySelectorAll("[data-tooltip]")];
  if (!tips.length) return;
  document.addEventListener("keydown", (event) => {
    if (event.key !== "Escape") return;
    for (const tip of tips) {
      if (tip.matches(":hover, :focus-within")) tip.classList.add("is-dismissed");
    }
  });
  for (const tip of tips) {
    tip.addEventListener("mouseleave", () => tip.classList.remove("is-dismissed"));
    tip.addEventListener("focusout", () => tip.classList.remove("is-dismissed"));
  }
}

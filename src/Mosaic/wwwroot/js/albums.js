// Album picker (Components/Ui/AlbumPicker): save a post to albums without leaving the page.
//
//   <button type="button" data-album-picker-for="{postId}" hidden>Save to album…</button>
//
// Any such button — in the page, or added later (swipe mode) — opens the page's album picker for that post. A page
// with such buttons renders <AlbumPicker /> once; without one, the button goes to the post page's album form
// (/posts/{postId}#albums). This module shows buttons that carry `hidden` (they do nothing without scripts) and hides
// elements marked data-album-fallback (the no-script forms they replace).
// Each tick is saved at once: PUT (add) or DELETE (remove) /api/v1/albums/{albumId}/posts/{postId} with the
// X-XSRF-TOKEN header; on failure the tick is undone and the reason shown. "New album" creates one (POST
// /api/v1/albums) and saves the post to it. After every change the opening button receives a bubbling
// "album-picker:change" event, detail { postId, albumId, albumName, contains }.
// Album names are user text: they are only ever written with textContent.
import { openModal } from "./modal.js";

const loads = new WeakMap();
const openers = new WeakMap();

export function attachAlbumPickers(root) {
  for (const button of root.querySelectorAll("[data-album-picker-for][hidden]")) button.hidden = false;
  for (const fallback of root.querySelectorAll("[data-album-fallback]")) fallback.hidden = true;
  for (const dialog of root.querySelectorAll("dialog[data-album-picker]")) wire(dialog);
  root.addEventListener("click", (event) => {
    const button = event.target.closest?.("[data-album-picker-for]");
    if (!button) return;
    event.preventDefault();
    const postId = button.dataset.albumPickerFor;
    const dialog = document.querySelector("dialog[data-album-picker]");
    if (!dialog) {
      location.assign(`/posts/${encodeURIComponent(postId)}#albums`);
      return;
    }
    open(dialog, postId, button);
  });
}

async function open(dialog, postId, opener) {
  wire(dialog);
  dialog.dataset.albumPickerPost = postId;
  openers.set(dialog, opener);
  part(dialog, "list").replaceChildren();
  show(dialog, "loading");
  openModal(dialog, opener);
  const load = (loads.get(dialog) ?? 0) + 1;
  loads.set(dialog, load);
  try {
    const response = await fetch(`/api/v1/me/albums?postId=${encodeURIComponent(postId)}`, { headers: { Accept: "application/json" } });
    if (loads.get(dialog) !== load) return;
    if (response.status === 401) {
      show(dialog, "signed-out");
      return;
    }
    if (!response.ok) throw await failure(response);
    const albums = await response.json();
    if (loads.get(dialog) !== load) return;
    part(dialog, "list").replaceChildren(...albums.map((album) => row(dialog, album)));
    show(dialog, albums.length ? "ready" : "empty");
    // Focus went to the first field while the list loaded: move it to the first album unless someone started typing.
    const name = part(dialog, "create").elements.namedItem("name");
    const active = document.activeElement;
    if (albums.length && (!dialog.contains(active) || active.matches("[data-modal-close]") || (active === name && !name.value))) {
      part(dialog, "list").querySelector("input[data-album-id]")?.focus();
    }
  } catch (error) {
    if (loads.get(dialog) === load) show(dialog, "error", message(error, "Your albums could not be loaded."));
  }
}

function wire(dialog) {
  if (dialog.dataset.albumPickerWired) return;
  dialog.dataset.albumPickerWired = "true";

  part(dialog, "list").addEventListener("change", async (event) => {
    const input = event.target.closest("input[data-album-id]");
    if (!input) return;
    const item = input.closest("li");
    const postId = dialog.dataset.albumPickerPost;
    const contains = input.checked;
    item.setAttribute("aria-busy", "true");
    input.disabled = true;
    try {
      const response = await send(contains ? "PUT" : "DELETE", `/api/v1/albums/${encodeURIComponent(input.dataset.albumId)}/posts/${encodeURIComponent(postId)}`);
      if (!response.ok) throw await failure(response);
      const count = Number(input.dataset.postCount) + (contains ? 1 : -1);
      describe(item, { postCount: Math.max(0, count), isPublic: input.dataset.public === "true" });
      clearError(dialog);
      const name = item.querySelector("[data-album-name]").textContent;
      announce(dialog, contains ? `Saved to ${name}.` : `Removed from ${name}.`);
      changed(dialog, { postId, albumId: input.dataset.albumId, albumName: name, contains });
    } catch (error) {
      input.checked = !contains;
      showError(dialog, message(error, "The change was not saved."));
    } finally {
      item.removeAttribute("aria-busy");
      input.disabled = false;
      input.focus();
    }
  });

  const form = part(dialog, "create");
  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    const field = form.elements.namedItem("name");
    const name = field.value.trim();
    if (!name) {
      field.focus();
      return;
    }
    const postId = dialog.dataset.albumPickerPost;
    const button = form.querySelector("button[type=submit]");
    button.disabled = true;
    try {
      const created = await send("POST", "/api/v1/albums", { name, isPublic: form.elements.namedItem("isPublic").checked });
      if (!created.ok) throw await failure(created);
      const album = await created.json();
      const added = await send("PUT", `/api/v1/albums/${encodeURIComponent(album.id)}/posts/${encodeURIComponent(postId)}`);
      if (!added.ok) throw await failure(added);
      part(dialog, "list").prepend(row(dialog, { ...album, postCount: album.postCount + 1, containsPost: true }));
      show(dialog, "ready");
      form.reset();
      announce(dialog, `Created ${album.name} and saved the post to it.`);
      changed(dialog, { postId, albumId: String(album.id), albumName: album.name, contains: true });
    } catch (error) {
      showError(dialog, message(error, "The album was not created."));
      field.focus();
    } finally {
      button.disabled = false;
    }
  });
}

function row(dialog, album) {
  const item = part(dialog, "item").content.firstElementChild.cloneNode(true);
  const input = item.querySelector("input[data-album-id]");
  input.value = String(album.id);
  input.dataset.albumId = String(album.id);
  input.checked = album.containsPost === true;
  item.querySelector("[data-album-name]").textContent = album.name;
  describe(item, album);
  return item;
}

// The same words as AlbumPicker.Meta on the server.
function describe(item, album) {
  const input = item.querySelector("input[data-album-id]");
  input.dataset.postCount = String(album.postCount);
  input.dataset.public = String(album.isPublic);
  item.querySelector("[data-album-meta]").textContent =
    `${album.isPublic ? "Public" : "Private"} · ${album.postCount} ${album.postCount === 1 ? "post" : "posts"}`;
}

function show(dialog, state, error) {
  for (const element of dialog.querySelectorAll("[data-album-picker-state]")) {
    element.hidden = element.dataset.albumPickerState !== state;
  }
  part(dialog, "albums").hidden = state !== "ready";
  part(dialog, "create").hidden = state === "signed-out";
  if (error) showError(dialog, error);
  else clearError(dialog);
}

function showError(dialog, text) {
  part(dialog, "error-text").textContent = text;
  part(dialog, "error").hidden = false;
}

function clearError(dialog) {
  part(dialog, "error").hidden = true;
  part(dialog, "error-text").textContent = "";
}

function announce(dialog, text) {
  part(dialog, "live").textContent = text;
}

function changed(dialog, detail) {
  (openers.get(dialog) ?? dialog).dispatchEvent(new CustomEvent("album-picker:change", { bubbles: true, detail }));
}

function part(dialog, name) {
  const selectors = {
    list: "[data-album-picker-list]",
    albums: "[data-album-picker-albums]",
    item: "template[data-album-picker-item]",
    create: "form[data-album-picker-create]",
    error: "[data-album-picker-error]",
    "error-text": "[data-album-picker-error-text]",
    live: "[data-album-picker-live]",
  };
  return dialog.querySelector(selectors[name]);
}

function send(method, url, body) {
  const headers = { Accept: "application/json", "X-XSRF-TOKEN": readCookie("XSRF-TOKEN") ?? "" };
  if (body !== undefined) headers["Content-Type"] = "application/json";
  return fetch(url, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
}

// A problem-details response as an Error whose message is the first field error, else the title.
async function failure(response) {
  let problem = null;
  try { problem = await response.json(); } catch { /* not JSON */ }
  const first = Object.values(problem?.errors ?? {}).flat()[0];
  if (response.status === 401) return new Error("Your session has ended; sign in again.");
  return new Error(first ?? problem?.title ?? `The server answered ${response.status}.`);
}

function message(error, fallback) {
  return error instanceof TypeError ? `${fallback} Check your connection.` : (error?.message || fallback);
}

function readCookie(name) {
  return document.cookie.split("; ").find((c) => c.startsWith(`${name}=`))?.slice(name.length + 1);
}

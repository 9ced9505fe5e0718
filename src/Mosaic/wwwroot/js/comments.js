// The comments overlay (Components/Ui/CommentsOverlay.razor, [data-comments-overlay]) for the board and swipe mode.
// Any element with data-comments-for="{postId}" opens it — make it a link to /posts/{id}#comments (CommentsButton
// does), so that without JavaScript, or on a page without the overlay, it simply goes to the post's comments.
// A [data-count] inside the trigger is kept up to date when a comment is posted.
// Comments come from GET /api/v1/posts/{id}/comments and are drawn from the overlay's <template> with DOM APIs:
// text goes in with textContent, links are built as elements — never innerHTML with what people wrote.
// Posting uses POST /api/v1/posts/{id}/comments with the X-XSRF-TOKEN header; votes go through votes.js.
// Escape, the close button or a click on the backdrop closes it; Tab stays inside; focus returns to the trigger.
// Also: forms with data-confirm="question" (deleting a comment) ask before they submit.
import { problemMessage, requestJson } from "./api.js";
import { setVotes } from "./votes.js";
import { trapFocus } from "./modal.js";

const overlays = new WeakMap();

export function attachCommentsOverlay(root) {
  root.addEventListener("click", (event) => {
    const trigger = event.target.closest?.("[data-comments-for]");
    // A modified click asks for the link itself (a new tab or window).
    if (!trigger || event.button !== 0 || event.ctrlKey || event.metaKey || event.shiftKey || event.altKey) return;
    const dialog = document.querySelector("dialog[data-comments-overlay]");
    if (!dialog || typeof dialog.showModal !== "function") return;
    event.preventDefault();
    open(overlayFor(dialog), trigger);
  });
  root.addEventListener("submit", (event) => {
    const form = event.target.closest?.("form[data-confirm]");
    if (form && !window.confirm(form.dataset.confirm)) event.preventDefault();
  });
}

function overlayFor(dialog) {
  let ui = overlays.get(dialog);
  if (ui) return ui;
  const $ = (selector) => dialog.querySelector(selector);
  ui = {
    dialog,
    total: $("[data-comments-total]"),
    permalink: $("[data-comments-permalink]"),
    close: $("[data-comments-close]"),
    status: $("[data-comments-status]"),
    list: $("[data-comments-list]"),
    more: $("[data-comments-more]"),
    form: $("[data-comments-form]"),
    body: $("[data-comments-body]"),
    error: $("[data-comments-error]"),
    submit: $("[data-comments-submit]"),
    replying: $("[data-comments-replying]"),
    replyingText: $("[data-comments-replying-text]"),
    cancelReply: $("[data-comments-cancel-reply]"),
    signin: $("[data-comments-signin]"),
    template: $("template[data-comment-template]"),
    postId: null,
    canComment: dialog.dataset.signedIn === "true",
    cursor: null,
    parent: null,
    trigger: null,
    loading: 0,
  };
  ui.close.addEventListener("click", () => dialog.close());
  dialog.addEventListener("click", (event) => {
    if (event.target === dialog) dialog.close();
  });
  dialog.addEventListener("keydown", (event) => trapFocus(event, dialog));
  dialog.addEventListener("close", () => {
    ui.postId = null;
    if (ui.trigger?.isConnected) ui.trigger.focus();
  });
  ui.more.addEventListener("click", () => load(ui));
  ui.cancelReply.addEventListener("click", () => {
    setParent(ui, null);
    ui.body.focus();
  });
  ui.form.addEventListener("submit", (event) => {
    event.preventDefault();
    post(ui);
  });
  overlays.set(dialog, ui);
  return ui;
}

function open(ui, trigger) {
  ui.trigger = trigger;
  ui.postId = trigger.dataset.commentsFor;
  ui.cursor = null;
  ui.list.replaceChildren();
  ui.total.textContent = "";
  ui.more.hidden = true;
  ui.error.textContent = "";
  setParent(ui, null);
  ui.permalink.href = `/posts/${encodeURIComponent(ui.postId)}#comments`;
  if (!ui.dialog.open) ui.dialog.showModal();
  ui.close.focus();
  load(ui);
}

async function load(ui) {
  const postId = ui.postId;
  const request = ++ui.loading;
  ui.status.textContent = "Loading comments…";
  ui.more.hidden = true;
  const query = ui.cursor ? `?cursor=${encodeURIComponent(ui.cursor)}` : "";
  const result = await requestJson("GET", `/api/v1/posts/${encodeURIComponent(postId)}/comments${query}`);
  if (request !== ui.loading || postId !== ui.postId) return;
  if (!result.ok || !result.body) {
    ui.status.textContent = result.status === 404 ? "This post is not available." : "The comments could not be loaded. Try again later.";
    return;
  }
  const page = result.body;
  ui.canComment = page.canComment;
  for (const comment of page.items) ui.list.append(draw(ui, comment));
  ui.cursor = page.nextCursor;
  ui.more.hidden = !page.nextCursor;
  showTotal(ui, page.total);
  ui.status.textContent = ui.list.childElementCount === 0 ? "No comments yet." : "";
  ui.form.hidden = !page.canComment;
  ui.signin.hidden = page.canComment;
  ui.signin.querySelector("a")?.setAttribute("href", `/account/signin?ReturnUrl=${encodeURIComponent(`/posts/${postId}#comments`)}`);
}

function draw(ui, comment) {
  const item = ui.template.content.firstElementChild.cloneNode(true);
  const $ = (selector) => item.querySelector(selector);
  item.dataset.commentId = String(comment.id);
  const votes = $("[data-votes]");
  const reply = $("[data-comment-reply]");
  if (comment.deleted) {
    item.classList.add("overlay-comment--deleted");
    $("[data-comment-author]").remove();
    $("[data-comment-time]").remove();
    $("[data-comment-body]").textContent = "[deleted]";
    votes.remove();
    reply.remove();
  } else {
    const name = comment.author.username;
    const author = $("[data-comment-author]");
    author.href = `/@${encodeURIComponent(name)}`;
    author.textContent = `@${name}`;
    $("[data-avatar-fill]").setAttribute("fill", avatarColor(name));
    $("[data-avatar-initials]").textContent = initials(name);
    const time = $("[data-comment-time]");
    time.dateTime = comment.createdAt;
    time.textContent = new Date(comment.createdAt).toLocaleString(undefined, { dateStyle: "medium", timeStyle: "short" });
    $("[data-comment-edited]").hidden = !comment.editedAt;
    writeBody($("[data-comment-body]"), comment.bodyText, comment.mentions);
    votes.dataset.votes = `/api/v1/comments/${comment.id}/vote`;
    for (const button of votes.querySelectorAll("[data-vote-button]")) button.disabled = !ui.canComment;
    setVotes(votes, comment);
    reply.hidden = !ui.canComment;
    reply.setAttribute("aria-label", `Reply to @${name}`);
    reply.addEventListener("click", () => {
      setParent(ui, comment);
      if (comment.parentId && !ui.body.value.trim()) ui.body.value = `@${name} `;
      ui.body.focus();
    });
  }
  const replies = $("[data-comment-replies]");
  for (const child of comment.replies ?? []) replies.append(draw(ui, child));
  return item;
}

// Mentions the server confirmed (comment.mentions) become links; everything else stays text.
function writeBody(element, text, mentions) {
  const known = new Set(mentions ?? []);
  const pattern = /(^|[^A-Za-z0-9_@/.-])@([A-Za-z0-9_-]{3,32})(?![A-Za-z0-9_-])/g;
  let at = 0;
  for (const match of text.matchAll(pattern)) {
    const name = match[2].toLowerCase();
    if (!known.has(name)) continue;
    const start = match.index + match[1].length;
    element.append(document.createTextNode(text.slice(at, start)));
    const link = document.createElement("a");
    link.className = "mention";
    link.href = `/@${encodeURIComponent(name)}`;
    link.textContent = `@${match[2]}`;
    element.append(link);
    at = start + 1 + match[2].length;
  }
  element.append(document.createTextNode(text.slice(at)));
}

function setParent(ui, comment) {
  ui.parent = comment;
  ui.replying.hidden = !comment;
  ui.replyingText.textContent = comment ? `Replying to @${comment.author.username}` : "";
}

async function post(ui) {
  const postId = ui.postId;
  const body = ui.body.value.trim();
  if (!body) {
    ui.error.textContent = "Write something first.";
    ui.body.focus();
    return;
  }
  ui.error.textContent = "";
  ui.submit.disabled = true;
  ui.submit.setAttribute("aria-busy", "true");
  const result = await requestJson("POST", `/api/v1/posts/${encodeURIComponent(postId)}/comments`, { body, parentId: ui.parent?.id ?? null });
  ui.submit.disabled = false;
  ui.submit.removeAttribute("aria-busy");
  if (postId !== ui.postId) return;
  if (result.status !== 201 || !result.body) {
    ui.error.textContent = result.status === 0 ? "Your comment did not reach the server; check your connection."
      : result.status === 401 ? "Sign in to comment."
      : problemMessage(result.body) ?? `Your comment was not posted (error ${result.status}).`;
    return;
  }
  const comment = result.body;
  const item = draw(ui, comment);
  const thread = comment.parentId ? ui.list.querySelector(`[data-comment-id="${comment.parentId}"] [data-comment-replies]`) : null;
  if (thread) thread.append(item);
  else if (!comment.parentId) ui.list.prepend(item);
  ui.body.value = "";
  setParent(ui, null);
  ui.status.textContent = "";
  const count = Number(ui.total.dataset.count ?? 0) + 1;
  showTotal(ui, count);
  const triggerCount = ui.trigger?.querySelector("[data-count]");
  if (triggerCount) triggerCount.textContent = String(count);
  item.scrollIntoView({ block: "nearest" });
}

function showTotal(ui, total) {
  ui.total.dataset.count = String(total);
  ui.total.textContent = `(${total})`;
}

// Keep in step with Components/Ui/AvatarPlaceholder.razor (ColorFor, InitialsFor).
const avatarPalette = [
  "#b91c1c", "#c2410c", "#b45309", "#4d7c0f", "#15803d", "#0f766e",
  "#0e7490", "#1d4ed8", "#4338ca", "#6d28d9", "#a21caf", "#be185d",
];

function avatarColor(username) {
  let hash = 2166136261;
  for (const byte of new TextEncoder().encode(username.toLowerCase())) {
    hash = Math.imul(hash ^ byte, 16777619) >>> 0;
  }
  return avatarPalette[hash % avatarPalette.length];
}

function initials(username) {
  const parts = username.split(/[_.-]+/).filter(Boolean);
  const letters = parts.length === 0 ? "?" : parts.length === 1 ? parts[0][0] : parts[0][0] + parts[1][0];
  return letters.toUpperCase();
}

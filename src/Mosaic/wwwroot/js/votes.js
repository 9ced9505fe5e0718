// Optimistic likes and dislikes for every VoteButtons component (Components/Ui/VoteButtons.razor):
//   [data-votes="{PUT url}"][data-my-vote="1|0|-1"]  the group: /api/v1/posts/{id}/vote or /api/v1/comments/{id}/vote
//   [data-vote-button="1|-1"] with [data-count]      the like and dislike buttons and their counts
//   [data-toast]                                     where a refusal is announced
// A tap shows its effect at once (toggle, or switch like↔dislike). Taps within a moment are folded into one
// PUT {value} — the API is idempotent, so only the last intent matters — and the server's answer becomes the truth.
// A refusal (signed out, gone, too fast, offline) rolls back to the last confirmed counts and says why in the toast.
// The listener sits on the document, so buttons added later (infinite scroll, swipe mode, the comments overlay) work
// without attaching again. On each confirmed vote the group dispatches a bubbling "mosaic:vote" event whose detail is
// the server's answer {likeCount, dislikeCount, myVote}. setVotes(group, vote) sets a group's state from such an answer.
import { problemMessage, requestJson } from "./api.js";
import { showToast } from "./toast.js";

const debounceMs = 350;
const states = new WeakMap();

export function attachVotes(root) {
  root.addEventListener("click", (event) => {
    const button = event.target.closest?.("[data-vote-button]");
    const group = button?.closest("[data-votes]");
    if (!group?.dataset.votes) return;
    // The buttons also submit a plain form for browsers without scripts; here the API does the work.
    event.preventDefault();
    if (button.disabled) return;
    tap(group, Number(button.dataset.voteButton));
  });
}

/** Sets a group's confirmed state, e.g. after drawing it from API data ({likeCount, dislikeCount, myVote}). */
export function setVotes(group, vote) {
  const confirmed = { likes: vote.likeCount, dislikes: vote.dislikeCount, mine: vote.myVote };
  states.set(group, { confirmed, shown: { ...confirmed }, timer: 0, inFlight: false });
  render(group, confirmed);
}

function stateOf(group) {
  let state = states.get(group);
  if (!state) {
    const confirmed = { likes: countOf(group, 1), dislikes: countOf(group, -1), mine: Number(group.dataset.myVote ?? 0) };
    state = { confirmed, shown: { ...confirmed }, timer: 0, inFlight: false };
    states.set(group, state);
  }
  return state;
}

function tap(group, value) {
  const state = stateOf(group);
  state.shown = withVote(state.shown, state.shown.mine === value ? 0 : value);
  render(group, state.shown);
  clearTimeout(state.timer);
  state.timer = setTimeout(() => {
    state.timer = 0;
    send(group, state);
  }, debounceMs);
}

async function send(group, state) {
  if (state.inFlight || state.shown.mine === state.confirmed.mine) return;
  state.inFlight = true;
  group.setAttribute("aria-busy", "true");
  const result = await requestJson("PUT", group.dataset.votes, { value: state.shown.mine });
  state.inFlight = false;
  group.removeAttribute("aria-busy");

  if (!result.ok || !result.body) {
    clearTimeout(state.timer);
    state.timer = 0;
    state.shown = { ...state.confirmed };
    render(group, state.shown);
    showToast(group, refusal(result));
    return;
  }
  const vote = result.body;
  state.confirmed = { likes: vote.likeCount, dislikes: vote.dislikeCount, mine: vote.myVote };
  group.dispatchEvent(new CustomEvent("mosaic:vote", { bubbles: true, detail: vote }));
  // Taps made while the request was out win: show them on top of the new counts, and send them unless a timer will.
  state.shown = withVote(state.confirmed, state.shown.mine);
  render(group, state.shown);
  if (state.shown.mine !== state.confirmed.mine && !state.timer) {
    send(group, state);
  }
}

function withVote(counts, mine) {
  const next = { ...counts, mine };
  if (counts.mine === 1) next.likes -= 1;
  if (counts.mine === -1) next.dislikes -= 1;
  if (mine === 1) next.likes += 1;
  if (mine === -1) next.dislikes += 1;
  return next;
}

function render(group, { likes, dislikes, mine }) {
  group.dataset.myVote = String(mine);
  for (const name of ["none", "liked", "disliked"]) {
    group.classList.toggle(`votes--${name}`, name === (mine === 1 ? "liked" : mine === -1 ? "disliked" : "none"));
  }
  for (const button of group.querySelectorAll("[data-vote-button]")) {
    const value = Number(button.dataset.voteButton);
    const pressed = mine === value;
    button.setAttribute("aria-pressed", String(pressed));
    button.classList.toggle("icon-button--pressed", pressed);
    button.value = pressed ? "0" : String(value);
    const count = button.querySelector("[data-count]");
    if (count) count.textContent = String(value === 1 ? likes : dislikes);
  }
}

function countOf(group, value) {
  return Number(group.querySelector(`[data-vote-button="${value}"] [data-count]`)?.textContent ?? 0) || 0;
}

function refusal({ status, body }) {
  switch (status) {
    case 0: return "Your vote did not reach the server; check your connection and try again.";
    case 401: return "Sign in to vote.";
    case 404: return "This is no longer there to vote on.";
    case 429: return problemMessage(body) ?? "You are voting too fast; try again in a moment.";
    default: return problemMessage(body) ?? `Your vote was not saved (error ${status}).`;
  }
}

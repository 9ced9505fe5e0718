// Brief messages in a Toast (Components/Ui/Toast.razor, [data-toast], role=status): showToast(near, text) writes into
// the toast inside `near` (or the page's first one) and clears it after a few seconds.
const shownFor = 6000;
const timers = new WeakMap();

export function showToast(near, message, kind = "error") {
  const toast = near?.querySelector?.("[data-toast]") ?? document.querySelector("[data-toast]");
  if (!toast) return;
  for (const name of ["info", "success", "warning", "error"]) {
    toast.classList.toggle(`toast--${name}`, name === kind);
  }
  toast.textContent = message;
  clearTimeout(timers.get(toast));
  timers.set(toast, setTimeout(() => { toast.textContent = ""; }, shownFor));
}

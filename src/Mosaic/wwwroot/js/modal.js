// Modal dialogs (Components/Ui/ModalDialog): a native <dialog data-modal-dialog> opened with showModal(), so the page
// behind is inert and Escape closes it (the browser's own "cancel"). Tab and Shift+Tab cycle inside the dialog; the
// close button, a click on the backdrop or Escape close it, and focus returns to whatever opened it.
//
//   <button type="button" data-modal-open="{dialog id}">…</button>   opens that dialog
//   <button type="button" data-modal-close>…</button>                 inside a dialog: closes it
//
// Other modules open a dialog with openModal(dialog, opener).

const openers = new WeakMap();
const focusable = "a[href], button:not([disabled]), input:not([disabled]):not([type=hidden]), select:not([disabled]), textarea:not([disabled]), [tabindex]:not([tabindex='-1'])";

export function attachModalDialogs(root) {
  for (const dialog of root.querySelectorAll("dialog[data-modal-dialog]")) wire(dialog);
  root.addEventListener("click", (event) => {
    const opener = event.target.closest?.("[data-modal-open]");
    const dialog = opener && document.getElementById(opener.dataset.modalOpen);
    if (dialog instanceof HTMLDialogElement) {
      event.preventDefault();
      openModal(dialog, opener);
    }
  });
}

export function openModal(dialog, opener) {
  wire(dialog);
  openers.set(dialog, opener ?? document.activeElement);
  // A dialog rendered open is not modal: reopen it as one.
  if (dialog.open) dialog.close();
  dialog.showModal();
  const first = dialog.querySelector("[autofocus]") ?? visible(dialog).find((el) => !el.matches("[data-modal-close]")) ?? visible(dialog)[0];
  first?.focus();
}

function wire(dialog) {
  if (dialog.dataset.modalWired) return;
  dialog.dataset.modalWired = "true";
  dialog.addEventListener("click", (event) => {
    if (event.target.closest("[data-modal-close]")) {
      dialog.close();
      return;
    }
    // A click on the backdrop lands on the <dialog> itself, outside its box.
    if (event.target === dialog) {
      const box = dialog.getBoundingClientRect();
      const inside = event.clientX >= box.left && event.clientX <= box.right && event.clientY >= box.top && event.clientY <= box.bottom;
      if (!inside) dialog.close();
    }
  });
  dialog.addEventListener("keydown", (event) => trapFocus(event, dialog));
  dialog.addEventListener("close", () => {
    const opener = openers.get(dialog);
    openers.delete(dialog);
    if (opener?.isConnected) opener.focus();
  });
}

/** Keeps Tab and Shift+Tab inside a dialog; shared by every dialog on the site. */
export function trapFocus(event, dialog) {
  if (event.key !== "Tab") return;
  const items = visible(dialog);
  if (items.length === 0) return;
  const first = items[0];
  const last = items[items.length - 1];
  if (event.shiftKey && document.activeElement === first) {
    event.preventDefault();
    last.focus();
  } else if (!event.shiftKey && document.activeElement === last) {
    event.preventDefault();
    first.focus();
  }
}

function visible(dialog) {
  return [...dialog.querySelectorAll(focusable)].filter((el) => !el.closest("[hidden]") && el.getClientRects().length > 0);
}

// Upload page: drag and drop, a preview, and a progress bar, by sending the form to the API with XHR.
// Without JavaScript the same form posts to the page itself and works the same, minus progress.
export function attachUpload(root) {
  const form = root.querySelector("[data-upload-form]");
  if (!form) return;
  const input = form.querySelector("[data-upload-file]");
  const zone = form.querySelector("[data-dropzone]");
  const preview = form.querySelector("[data-upload-preview]");
  const progress = form.querySelector("[data-upload-progress]");
  const messages = root.querySelector("[data-upload-messages]");
  let previewUrl = null;
  // The dropzone's states (Components/Ui/UploadDropzone.razor): empty, dragging, preview, uploading, error.
  const setState = (state) => { zone.dataset.state = state; };

  const showPreview = () => {
    const file = input.files?.[0];
    if (previewUrl) URL.revokeObjectURL(previewUrl);
    previewUrl = file ? URL.createObjectURL(file) : null;
    preview.hidden = !previewUrl;
    if (previewUrl) preview.src = previewUrl;
    setState(previewUrl ? "preview" : "empty");
  };
  input.addEventListener("change", showPreview);
  // A file chosen before this module ran (slow network, quick hands) gets its preview too.
  if (input.files?.length) showPreview();

  let stateBeforeDrag = zone.dataset.state;
  for (const type of ["dragenter", "dragover"]) {
    zone.addEventListener(type, (event) => {
      event.preventDefault();
      if (zone.dataset.state !== "dragging") stateBeforeDrag = zone.dataset.state;
      setState("dragging");
    });
  }
  for (const type of ["dragleave", "drop"]) {
    zone.addEventListener(type, () => setState(stateBeforeDrag ?? "empty"));
  }
  zone.addEventListener("drop", (event) => {
    event.preventDefault();
    if (event.dataTransfer?.files?.length) {
      input.files = event.dataTransfer.files;
      showPreview();
    }
  });

  form.addEventListener("submit", (event) => {
    if (!input.files?.length) return;
    event.preventDefault();
    const data = new FormData();
    data.append("file", input.files[0]);
    for (const [from, to] of [["Form.Title", "title"], ["Form.Description", "description"], ["Form.Tags", "tags"]]) {
      data.append(to, form.elements[from]?.value ?? "");
    }
    data.append("rating", form.querySelector("input[name='Form.Rating']:checked")?.value ?? "");
    const request = new XMLHttpRequest();
    request.open("POST", form.dataset.api);
    request.setRequestHeader("X-XSRF-TOKEN", readCookie("XSRF-TOKEN") ?? "");
    setState("uploading");
    progress.hidden = false;
    progress.value = 0;
    request.upload.addEventListener("progress", (e) => {
      if (!e.lengthComputable) return;
      progress.hidden = false;
      progress.value = Math.round((e.loaded / e.total) * 100);
      progress.textContent = `${progress.value}%`;
    });
    request.addEventListener("load", () => {
      const body = safeJson(request.responseText);
      if (request.status === 202 && body?.pageUrl) {
        location.assign(body.pageUrl);
        return;
      }
      progress.hidden = true;
      setState("error");
      showProblem(messages, body, request.status);
    });
    request.addEventListener("error", () => {
      progress.hidden = true;
      setState("error");
      showProblem(messages, null, 0);
    });
    form.querySelector("button[type=submit]").disabled = true;
    request.addEventListener("loadend", () => { form.querySelector("button[type=submit]").disabled = false; });
    request.send(data);
  });
}

function showProblem(container, problem, status) {
  container.replaceChildren();
  const box = document.createElement("div");
  box.className = "alert alert--error";
  box.setAttribute("role", "alert");
  const title = document.createElement("p");
  title.className = "alert__title";
  title.textContent = problem?.title ?? (status === 0 ? "The upload did not reach the server." : `The upload failed (${status}).`);
  box.append(title);
  for (const messages of Object.values(problem?.errors ?? {})) {
    for (const message of messages) {
      const line = document.createElement("p");
      line.textContent = message;
      box.append(line);
    }
  }
  if (problem?.existingPostUrl) {
    const link = document.createElement("a");
    link.href = problem.existingPostUrl;
    link.textContent = "See the existing post";
    box.append(link);
  }
  container.append(box);
}

function safeJson(text) {
  try { return JSON.parse(text); } catch { return null; }
}

function readCookie(name) {
  return document.cookie.split("; ").find((c) => c.startsWith(`${name}=`))?.slice(name.length + 1);
}

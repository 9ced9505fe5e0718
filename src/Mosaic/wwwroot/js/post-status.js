// A post being processed: poll its status and reload when it is ready or failed (the page also refreshes itself without JS).
export function attachPostStatus(root) {
  const status = root.querySelector("[data-poll-status]");
  if (!status) return;
  for (const meta of document.querySelectorAll("meta[http-equiv='refresh']")) meta.remove();
  const poll = async () => {
    try {
      const response = await fetch(status.dataset.pollStatus, { headers: { Accept: "application/json" } });
      if (response.ok) {
        const post = await response.json();
        const waiting = status.dataset.pollDone ? !status.dataset.pollDone.split(",").includes(post.status) : post.status === "processing";
        if (!waiting) {
          location.reload();
          return;
        }
      }
    } catch {
      // Offline for a moment: try again on the next tick.
    }
    setTimeout(poll, 1000);
  };
  setTimeout(poll, 700);
}

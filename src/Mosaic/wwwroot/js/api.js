// JSON calls to Mosaic's own API with the session cookie: writes carry the XSRF-TOKEN cookie's value in the
// X-XSRF-TOKEN header, as the API requires. Answers { ok, status, body } and never throws (status 0 when offline).
export async function requestJson(method, url, body) {
  const headers = { Accept: "application/json" };
  if (method !== "GET") {
    headers["X-XSRF-TOKEN"] = readCookie("XSRF-TOKEN") ?? "";
  }
  if (body !== undefined) {
    headers["Content-Type"] = "application/json";
  }
  try {
    const response = await fetch(url, {
      method,
      headers,
      body: body === undefined ? undefined : JSON.stringify(body),
      credentials: "same-origin",
    });
    const text = await response.text();
    return { ok: response.ok, status: response.status, body: parseJson(text) };
  } catch {
    return { ok: false, status: 0, body: null };
  }
}

/** The first message of a problem-details answer: a field error, else its title. */
export function problemMessage(problem) {
  for (const messages of Object.values(problem?.errors ?? {})) {
    if (messages?.length) return messages[0];
  }
  return problem?.title ?? null;
}

export function readCookie(name) {
  return document.cookie.split("; ").find((c) => c.startsWith(`${name}=`))?.slice(name.length + 1);
}

function parseJson(text) {
  try { return text ? JSON.parse(text) : null; } catch { return null; }
}

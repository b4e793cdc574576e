/** Small helpers for answering `__forge_fetch__` with real `Response` objects, as the platform proxy does. */

export function json(status: number, body: unknown, headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify(body), {
    status,
    headers: { 'content-type': 'application/json', ...headers },
  });
}

export function empty(status: number, headers: Record<string, string> = {}): Response {
  return new Response(null, { status, headers });
}

/** The JSON request body the Forge packages send (always a string from JSON.stringify). */
export function requestJson(init: RequestInit | undefined): { ok: true; value: unknown } | { ok: false } {
  const body = init?.body;
  if (typeof body !== 'string') return { ok: false };
  try {
    return { ok: true, value: JSON.parse(body) };
  } catch {
    return { ok: false };
  }
}

export function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

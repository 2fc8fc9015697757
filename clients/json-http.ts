/**
 * A request that returns status and JSON body, and names the call when the network
 * fails. `body` is sent as JSON; `bytes` as they are, with the caller's content type.
 */
export async function requestJson<T = any>(
  url: string,
  init: {
    method?: string;
    body?: unknown;
    bytes?: Uint8Array;
    headers?: Record<string, string>;
  } = {},
): Promise<{ status: number; body: T }> {
  const hasBody = init.body !== undefined || init.bytes !== undefined;
  const method = init.method ?? (hasBody ? 'POST' : 'GET');
  let response: Response;
  try {
    response = await fetch(url, {
      method,
      headers: {
        ...(init.body === undefined ? {} : { 'content-type': 'application/json' }),
        ...init.headers,
      },
      // fetch types its body as a view of an ArrayBuffer; a Buffer may sit on a shared one.
      body:
        (init.bytes as Uint8Array<ArrayBuffer> | undefined) ??
        (init.body === undefined ? undefined : JSON.stringify(init.body)),
      signal: AbortSignal.timeout(15_000),
    });
  } catch (error) {
    throw new Error(`${method} ${url} failed: ${(error as Error).message}`);
  }
  const text = await response.text();
  return { status: response.status, body: (text ? JSON.parse(text) : null) as T };
}

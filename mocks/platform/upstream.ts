/**
 * Calls from one simulator to another, over real HTTP. A network failure becomes an
 * UpstreamUnreachable, which callers turn into the documented outcome (for example
 * `cloud_unreachable`); an error status stays an answer.
 */
export class UpstreamUnreachable extends Error {
  override name = 'UpstreamUnreachable';
}

export interface UpstreamAnswer<T> {
  status: number;
  body: T;
}

export interface UpstreamCall {
  method?: 'GET' | 'POST';
  token: string;
  correlationId: string;
  body?: unknown;
  timeoutMs?: number;
}

export async function callUpstream<T>(url: string, call: UpstreamCall): Promise<UpstreamAnswer<T>> {
  let response: Response;
  try {
    response = await fetch(url, {
      method: call.method ?? 'GET',
      headers: {
        authorization: `Bearer ${call.token}`,
        'x-correlation-id': call.correlationId,
        ...(call.body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      body: call.body === undefined ? undefined : JSON.stringify(call.body),
      signal: AbortSignal.timeout(call.timeoutMs ?? 5000),
    });
  } catch (error) {
    throw new UpstreamUnreachable(
      `${call.method ?? 'GET'} ${url} failed: ${(error as Error).message}`,
    );
  }
  const text = await response.text();
  return { status: response.status, body: (text ? JSON.parse(text) : null) as T };
}

/**
 * A small Microsoft Graph client: client-credentials token, JSON calls, and paging
 * through `@odata.nextLink`. It takes a base URL so the same code reads the simulator
 * or a real tenant (https://graph.microsoft.com and https://login.microsoftonline.com).
 */

export interface GraphClientOptions {
  graphUrl: string;
  loginUrl: string;
  tenantId: string;
  clientId: string;
  clientSecret: string;
  fetch?: typeof fetch;
  /** Retries after a 429 (Graph throttling); default 4. */
  maxRetries?: number;
  /** First back-off when a 429 has no Retry-After, doubled each time; default 1 s. */
  backoffMs?: number;
}

export class GraphRequestError extends Error {
  override name = 'GraphRequestError';

  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly requestId?: string,
  ) {
    super(message);
  }
}

interface Collection<T> {
  value: T[];
  '@odata.nextLink'?: string;
}

export class GraphClient {
  private cachedToken?: { value: string; expiresAt: number };
  private readonly fetch: typeof fetch;

  constructor(private readonly options: GraphClientOptions) {
    this.fetch = options.fetch ?? fetch;
  }

  /** A path under /v1.0 (or one starting /beta/), or an absolute nextLink. */
  async getJson<T>(pathOrUrl: string, headers: Record<string, string> = {}): Promise<T> {
    const url = pathOrUrl.startsWith('http')
      ? pathOrUrl
      : `${this.options.graphUrl}${pathOrUrl.startsWith('/beta/') ? '' : '/v1.0'}${pathOrUrl}`;
    const response = await this.send(url, headers);
    const body = (await response.json().catch(() => null)) as Record<string, any> | null;
    if (!response.ok) {
      const error = body?.error ?? {};
      throw new GraphRequestError(
        response.status,
        String(error.code ?? 'unknown'),
        `Graph GET ${url} failed with ${response.status} ${String(error.code ?? '')}: ${String(error.message ?? '')}`,
        response.headers.get('request-id') ?? undefined,
      );
    }
    return body as T;
  }

  /**
   * Sends a GET, waiting out throttling: Retry-After when Graph gives it, else an
   * exponential back-off (learn.microsoft.com/graph/throttling).
   */
  private async send(url: string, headers: Record<string, string>): Promise<Response> {
    const maxRetries = this.options.maxRetries ?? 4;
    let wait = this.options.backoffMs ?? 1000;
    for (let attempt = 0; ; attempt++) {
      const response = await this.fetch(url, {
        headers: {
          authorization: `Bearer ${await this.accessToken()}`,
          accept: 'application/json',
          ...headers,
        },
      });
      if (response.status !== 429 || attempt >= maxRetries) return response;
      const retryAfter = Number(response.headers.get('retry-after'));
      await response.body?.cancel();
      await new Promise((resolve) =>
        setTimeout(
          resolve,
          Number.isFinite(retryAfter) && retryAfter > 0 ? retryAfter * 1000 : wait,
        ),
      );
      wait *= 2;
    }
  }

  /** Follows `@odata.nextLink` to the end, as Graph's paging guidance asks. */
  async getAll<T>(path: string): Promise<T[]> {
    const items: T[] = [];
    let next: string | undefined = path;
    while (next) {
      const page: Collection<T> = await this.getJson<Collection<T>>(next);
      items.push(...page.value);
      next = page['@odata.nextLink'];
    }
    return items;
  }

  /** The current access token, fetched or renewed as needed. */
  token(): Promise<string> {
    return this.accessToken();
  }

  private async accessToken(): Promise<string> {
    if (this.cachedToken && this.cachedToken.expiresAt > Date.now() + 60_000)
      return this.cachedToken.value;

    const { loginUrl, tenantId, clientId, clientSecret } = this.options;
    const response = await this.fetch(`${loginUrl}/${tenantId}/oauth2/v2.0/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({
        grant_type: 'client_credentials',
        client_id: clientId,
        client_secret: clientSecret,
        scope: 'https://graph.microsoft.com/.default',
      }),
    });
    const body = (await response.json().catch(() => ({}))) as Record<string, any>;
    if (!response.ok) {
      throw new GraphRequestError(
        response.status,
        String(body.error),
        `Token request for client ${clientId} failed: ${String(body.error_description ?? body.error)}`,
      );
    }
    this.cachedToken = {
      value: body.access_token,
      expiresAt: Date.now() + Number(body.expires_in) * 1000,
    };
    return this.cachedToken.value;
  }
}

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
  private token?: { value: string; expiresAt: number };
  private readonly fetch: typeof fetch;

  constructor(private readonly options: GraphClientOptions) {
    this.fetch = options.fetch ?? fetch;
  }

  async getJson<T>(pathOrUrl: string): Promise<T> {
    const url = pathOrUrl.startsWith('http') ? pathOrUrl : `${this.options.graphUrl}/v1.0${pathOrUrl}`;
    const response = await this.fetch(url, {
      headers: { authorization: `Bearer ${await this.accessToken()}`, accept: 'application/json' },
    });
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

  private async accessToken(): Promise<string> {
    if (this.token && this.token.expiresAt > Date.now() + 60_000) return this.token.value;

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
      throw new GraphRequestError(response.status, String(body.error), `Token request for client ${clientId} failed: ${String(body.error_description ?? body.error)}`);
    }
    this.token = { value: body.access_token, expiresAt: Date.now() + Number(body.expires_in) * 1000 };
    return this.token.value;
  }
}

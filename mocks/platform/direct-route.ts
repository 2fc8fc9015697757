import type { IncomingMessage, ServerResponse } from 'node:http';

import { ServiceError } from './http-error';

/**
 * A route served on node:http directly, without express: for the one call a phone
 * makes per check-out that carries a camera frame, where express's own per-request
 * work would cost more than reading and comparing the frame. The service around it
 * still journals the request, applies its latency profile and scripted answers, and
 * renders errors in its wire format; only the routing and body handling are lean.
 */
export interface DirectRoute {
  method: 'POST' | 'PUT';
  /** Exact path; a query string is allowed and ignored. */
  path: string;
  /** Media types the body may have, compared without parameters (`; charset=...`). */
  bodyTypes: readonly string[];
  maxBodyBytes: number;
  /** Answers preflights and lets pages of any origin read the answers, as `cors()` would. */
  crossOrigin: boolean;
  /** The rules: throws a ServiceError to refuse. */
  handle(request: DirectRequest): DirectAnswer;
}

export interface DirectRequest {
  body: Buffer;
  header(name: string): string | undefined;
}

export interface DirectAnswer {
  status: number;
  body: unknown;
}

/** Whether a request is one the route serves: its method, or a preflight for it. */
export function directRouteServes(route: DirectRoute, method: string | undefined): boolean {
  return method === route.method || (route.crossOrigin && method === 'OPTIONS');
}

const PREFLIGHT_MAX_AGE_SECONDS = '600';

/**
 * Serves one request. `fail` renders a ServiceError in the service's format, so a
 * refused frame reads the same as any other error of that service.
 */
export function serveDirect(
  route: DirectRoute,
  req: IncomingMessage,
  res: ServerResponse,
  fail: (error: unknown) => void,
): void {
  if (route.crossOrigin) res.setHeader('access-control-allow-origin', '*');
  if (req.method === 'OPTIONS') return answerPreflight(route, req, res);

  const type = (req.headers['content-type'] ?? '').split(';', 1)[0]!.trim().toLowerCase();
  if (!route.bodyTypes.includes(type)) {
    req.resume();
    return fail(
      new ServiceError(
        415,
        'UnsupportedMediaType',
        `Content type ${req.headers['content-type'] ?? 'none'} is not supported; send ${route.bodyTypes.join(' or ')}`,
      ),
    );
  }
  const declared = Number(req.headers['content-length'] ?? 0);
  if (declared > route.maxBodyBytes) return refuseTooLarge(res, fail);

  const chunks: Buffer[] = [];
  let length = 0;
  const onData = (chunk: Buffer) => {
    length += chunk.length;
    if (length > route.maxBodyBytes) {
      req.off('data', onData);
      req.off('end', onEnd);
      refuseTooLarge(res, fail);
      return;
    }
    chunks.push(chunk);
  };
  const onEnd = () => {
    const body = chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks, length);
    let answer: DirectAnswer;
    try {
      answer = route.handle({ body, header: (name) => headerOf(req, name) });
    } catch (error) {
      return fail(error);
    }
    writeJson(res, answer.status, answer.body);
  };
  req.on('data', onData);
  req.on('end', onEnd);
}

/** A JSON answer with the headers express's `res.json` would set. */
export function writeJson(
  res: ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
): void {
  const bytes = Buffer.from(JSON.stringify(body) ?? 'null');
  res.writeHead(status, {
    ...headers,
    'content-type': 'application/json; charset=utf-8',
    'content-length': bytes.length,
  });
  res.end(bytes);
}

function headerOf(req: IncomingMessage, name: string): string | undefined {
  const value = req.headers[name.toLowerCase()];
  return Array.isArray(value) ? value[0] : value;
}

function answerPreflight(route: DirectRoute, req: IncomingMessage, res: ServerResponse): void {
  res.setHeader('access-control-allow-methods', route.method);
  const asked = req.headers['access-control-request-headers'];
  if (asked) {
    res.setHeader('access-control-allow-headers', asked);
    res.setHeader('vary', 'Access-Control-Request-Headers');
  }
  res.setHeader('access-control-max-age', PREFLIGHT_MAX_AGE_SECONDS);
  res.setHeader('content-length', '0');
  res.statusCode = 204;
  res.end();
  req.resume();
}

/** The rest of an oversized body is not read: the connection closes after the answer. */
function refuseTooLarge(res: ServerResponse, fail: (error: unknown) => void): void {
  res.setHeader('connection', 'close');
  fail(new ServiceError(413, 'RequestEntityTooLarge', 'The request body is too large'));
}

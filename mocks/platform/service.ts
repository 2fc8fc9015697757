import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import express, { type NextFunction, type Request, type Response, type Router } from 'express';

import { directRouteServes, serveDirect, writeJson, type DirectRoute } from './direct-route';
import { ServiceError } from './http-error';
import { Journal } from './journal';
import type { ErrorRenderer } from './render-error';
import { routeExists } from './route-match';
import { LatencyInjector, waitPrecisely } from './latency';
import { describeLatencyProfile, NO_LATENCY, type LatencyProfile } from './latency-profile';
import { UpstreamUnreachable } from './upstream';

export type ServiceName = 'graph' | 'eam' | 'cloud' | 'mam';

/** A response queued by a scenario for the next matching request(s). */
export interface ScriptedResponse {
  method: string;
  /** Exact path, or a prefix ending in `*`. */
  path: string;
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
  times: number;
}

export interface ServiceOptions {
  name: ServiceName;
  /** The header that carries a caller's correlation id into this service. */
  correlationHeader: string;
  renderError: ErrorRenderer;
  /** Largest JSON body accepted; the real services' limits are not public. */
  bodyLimit?: string;
  /** Lets form posts through to the routes (the OAuth token endpoint takes them). */
  acceptsForms?: boolean;
  mount(router: Router): void;
  /** Hot routes served without express (see direct-route.ts). */
  directRoutes?: readonly DirectRoute[];
}

/**
 * What the service knows of one request while serving it. It is the request's
 * `res.locals` when express serves it, so routes can add to it (Graph keeps the
 * caller's claims there).
 */
interface Exchange {
  correlationId: string;
  /** True when no route of the service knows the request: the scenario is then broken. */
  unhandled: boolean;
  scripted?: boolean;
  [key: string]: unknown;
}

/**
 * One simulated service: an express app behind its own HTTP server, with a request
 * journal, a latency profile (delays, injected errors, outages), an offline switch
 * that really refuses connections, and scripted responses. The service's rules are
 * mounted by `options.mount`.
 */
export class MockService {
  readonly name: ServiceName;
  readonly journal = new Journal();
  refusedConnections = 0;
  private offline = false;
  private latency = new LatencyInjector();
  private router?: express.Router;
  private scripts: ScriptedResponse[] = [];
  private readonly sockets = new Set<Socket>();
  private readonly server: Server;
  private readonly app: express.Express;
  private readonly directRoutes: ReadonlyMap<string, DirectRoute>;

  constructor(private readonly options: ServiceOptions) {
    this.name = options.name;
    this.directRoutes = new Map(
      (options.directRoutes ?? []).map((r) => [directRouteKey(r.path), r]),
    );
    this.app = this.buildApp();
    this.server = createServer((req, res) => this.receive(req, res));
    this.server.keepAliveTimeout = 5000;
    this.server.on('connection', (socket) => this.admit(socket));
  }

  get url(): string {
    const address = this.server.address() as AddressInfo | null;
    if (!address) throw new Error(`The ${this.name} simulator is not listening`);
    return `http://127.0.0.1:${address.port}`;
  }

  get isOffline(): boolean {
    return this.offline;
  }

  /** A fixed delay for every answer: the control plane's `{ms}` shorthand for a profile. */
  get latencyMs(): number {
    return this.latency.fixedMs;
  }

  set latencyMs(ms: number) {
    this.setLatencyProfile(ms > 0 ? { distribution: 'fixed', ms } : NO_LATENCY);
  }

  get latencyProfile(): LatencyProfile {
    return this.latency.profile;
  }

  /** Takes a checked profile (see checkLatencyProfile); its outage clock starts now. */
  setLatencyProfile(profile: LatencyProfile): void {
    this.latency = new LatencyInjector(profile);
  }

  async listen(port = 0): Promise<void> {
    await new Promise<void>((resolve, reject) => {
      this.server.once('error', reject);
      this.server.listen(port, '127.0.0.1', () => resolve());
    });
  }

  async close(): Promise<void> {
    for (const socket of this.sockets) socket.destroy();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  /** Offline: every new connection is cut at once and open ones are closed. */
  setOffline(offline: boolean): void {
    this.offline = offline;
    if (offline) for (const socket of this.sockets) socket.destroy();
  }

  queueScript(script: ScriptedResponse): void {
    this.scripts.push(script);
  }

  resetConditions(): void {
    this.latency = new LatencyInjector();
    this.refusedConnections = 0;
    this.offline = false;
    this.scripts = [];
    this.journal.clear();
  }

  private admit(socket: Socket): void {
    if (this.offline) {
      this.refusedConnections += 1;
      socket.destroy();
      return;
    }
    this.sockets.add(socket);
    socket.on('close', () => this.sockets.delete(socket));
  }

  /**
   * Every request: journalled, then put through the latency profile, then answered by
   * a scripted response, a direct route or the express app, in that order.
   */
  private receive(req: IncomingMessage, res: ServerResponse): void {
    const started = performance.now();
    const url = req.url ?? '/';
    const path = pathOf(url);
    const direct = this.directRoutes.get(directRouteKey(path));
    const servedDirectly = direct !== undefined && directRouteServes(direct, req.method);
    const incoming = req.headers[this.options.correlationHeader];
    const exchange: Exchange = {
      correlationId:
        typeof incoming === 'string' && incoming.length > 0 && incoming.length <= 128
          ? incoming
          : randomUUID(),
      unhandled: !servedDirectly && !routeExists(this.router!, req.method ?? '', path),
    };
    // 'close' comes after an answer and also after a cut: a request never answered is kept too.
    res.once('close', () => {
      this.journal.record({
        service: this.name,
        timeMs: Date.now(),
        method: req.method ?? '',
        path: url,
        status: res.writableFinished ? res.statusCode : 0,
        latencyMs: performance.now() - started,
        correlationId: exchange.correlationId,
        handled: !exchange.unhandled,
        ...(exchange.scripted ? { scripted: true } : {}),
      });
    });

    const condition = this.latency.next();
    if (condition.kind === 'cut') {
      req.socket.destroy();
      return;
    }
    const proceed = () => {
      if (condition.kind === 'error') {
        req.resume();
        // A page calling a cross-origin route reads the injected error as the real one.
        if (servedDirectly && direct.crossOrigin) {
          res.setHeader('access-control-allow-origin', '*');
        }
        return this.sendError(res, exchange, this.injectedError());
      }
      if (this.answerScripted(req, res, path, exchange)) return;
      if (servedDirectly) {
        return serveDirect(direct, req, res, (error) => this.sendError(res, exchange, error));
      }
      (res as ServerResponse & { locals: Exchange }).locals = exchange;
      this.app(req, res);
    };
    if (condition.delayMs > 0) waitPrecisely(condition.delayMs, proceed);
    else proceed();
  }

  private buildApp(): express.Express {
    const app = express();
    app.disable('x-powered-by');
    app.set('etag', false);
    app.set('query parser', 'simple');

    app.use(this.parseJsonBodies());

    const router = express.Router();
    this.options.mount(router);
    this.router = router;
    app.use(router);

    app.use((req, _res, next) => {
      _res.locals.unhandled = true;
      next(new ServiceError(404, 'NotFound', `No route for ${req.method} ${req.path}`));
    });
    app.use((error: unknown, _req: Request, res: Response, _next: NextFunction) => {
      const rendered = this.options.renderError(
        toServiceError(error),
        String(res.locals.correlationId ?? ''),
      );
      res.status(rendered.status).set(rendered.headers).json(rendered.body);
    });
    return app;
  }

  private sendError(res: ServerResponse, exchange: Exchange, error: unknown): void {
    const rendered = this.options.renderError(toServiceError(error), exchange.correlationId);
    writeJson(res, rendered.status, rendered.body, rendered.headers);
  }

  private injectedError(): ServiceError {
    const profile = describeLatencyProfile(this.latency.profile);
    return new ServiceError(
      503,
      'injected_error',
      `The ${this.name} simulator failed this request on purpose (latency profile: ${profile})`,
    );
  }

  /** Answers with the first scripted response queued for this request, if any. */
  private answerScripted(
    req: IncomingMessage,
    res: ServerResponse,
    path: string,
    exchange: Exchange,
  ): boolean {
    if (this.scripts.length === 0) return false;
    const method = req.method ?? '';
    const index = this.scripts.findIndex((s) => scriptMatches(s, method, path));
    if (index < 0) return false;

    const script = this.scripts[index]!;
    script.times -= 1;
    if (script.times <= 0) this.scripts.splice(index, 1);
    exchange.scripted = true;
    exchange.unhandled = false;
    req.resume();
    // A scripted answer reaches a page as the real route's would, CORS included.
    const headers = {
      ...(req.headers.origin ? { 'access-control-allow-origin': '*' } : {}),
      ...script.headers,
    };
    if (script.body === undefined) {
      res.writeHead(script.status, headers);
      res.end();
    } else {
      writeJson(res, script.status, script.body, headers);
    }
    return true;
  }

  private parseJsonBodies() {
    const parse = express.json({ limit: this.options.bodyLimit ?? '1mb', strict: false });
    return (req: Request, res: Response, next: NextFunction) => {
      const hasBody =
        Number(req.header('content-length') ?? 0) > 0 || req.header('transfer-encoding');
      if (!hasBody) return next();
      // The OAuth token endpoint answers a wrong content type itself, in its own error shape.
      if (this.options.acceptsForms && req.path.endsWith('/oauth2/v2.0/token')) return next();
      if (!req.is('application/json')) {
        const type = req.header('content-type') ?? 'none';
        return next(
          new ServiceError(
            415,
            'UnsupportedMediaType',
            `Content type ${type} is not supported; send application/json`,
          ),
        );
      }
      parse(req, res, next);
    };
  }
}

/**
 * The path of a request target, as express reads it: without query or fragment, and
 * from an absolute-form target (`POST http://host/path`) as well as the usual one.
 */
function pathOf(url: string): string {
  let path = url;
  if (path.charCodeAt(0) !== 0x2f && /^[a-z][a-z0-9+.-]*:\/\//i.test(path)) {
    const start = path.indexOf('/', path.indexOf('//') + 2);
    path = start < 0 ? '/' : path.slice(start);
  }
  const end = path.search(/[?#]/);
  return end < 0 ? path : path.slice(0, end);
}

/** Paths match as express matches them: case aside, and with or without a trailing slash. */
function directRouteKey(path: string): string {
  const key = path.toLowerCase();
  return key.length > 1 && key.endsWith('/') ? key.slice(0, -1) : key;
}

function scriptMatches(script: ScriptedResponse, method: string, path: string): boolean {
  if (script.method.toUpperCase() !== method.toUpperCase()) return false;
  return script.path.endsWith('*')
    ? path.startsWith(script.path.slice(0, -1))
    : script.path === path;
}

/** Maps anything thrown in a route, including body-parser errors, to a ServiceError. */
export function toServiceError(error: unknown): ServiceError {
  if (error instanceof ServiceError) return error;
  if (error instanceof UpstreamUnreachable) {
    return new ServiceError(503, 'upstream_unreachable', error.message);
  }
  const e = error as { status?: number; type?: string; message?: string };
  if (e.type === 'entity.parse.failed') {
    return new ServiceError(400, 'BadRequest', `The request body is not valid JSON: ${e.message}`);
  }
  if (e.type === 'entity.too.large') {
    return new ServiceError(413, 'RequestEntityTooLarge', 'The request body is too large');
  }
  if (typeof e.status === 'number' && e.status >= 400 && e.status < 500) {
    return new ServiceError(e.status, 'BadRequest', e.message ?? 'Bad request');
  }
  return new ServiceError(
    500,
    'InternalError',
    `The simulator failed: ${e.message ?? String(error)}`,
  );
}

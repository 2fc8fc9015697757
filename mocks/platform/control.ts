import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import express, { type NextFunction, type Request, type Response } from 'express';

import { buildTenant } from '../../fixtures/tenant';
import { applyTenantChanges, type TenantChanges } from '../graph/tenant-changes';
import { mountCloudConnectControls } from './control-cloud-connect';
import { parsePlantedFaults, PLANTED_FAULTS } from './faults';
import { ServiceError } from './http-error';
import { checkLatencyProfile, LatencyProfileError } from './latency-profile';
import type { MockPlatform } from './platform';
import { renderVendorError } from './render-error';
import {
  toServiceError,
  type MockService,
  type ScriptedResponse,
  type ServiceName,
} from './service';

const SERVICE_NAMES: ServiceName[] = ['graph', 'eam', 'cloud', 'mam'];

function serviceOf(platform: MockPlatform, req: Request) {
  const name = String(req.params.service) as ServiceName;
  if (!SERVICE_NAMES.includes(name)) {
    throw new ServiceError(
      404,
      'service_unknown',
      `No service "${name}"; services: ${SERVICE_NAMES.join(', ')}`,
    );
  }
  return platform.services[name];
}

const HTTP_METHODS = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS', 'HEAD'];
const HEADER_VALUE = /^[\t\x20-\x7e]*$/;

/** A scripted answer, checked now so a bad one fails here rather than in the product's call. */
function parseScript(raw: unknown): ScriptedResponse {
  const body = (raw ?? {}) as Record<string, unknown>;
  const fail = (message: string) =>
    new ServiceError(
      400,
      'invalid_script',
      `${message}. Expected {"method", "path", "status", "body"?, "headers"?, "times"?}`,
    );
  if (typeof body.method !== 'string' || !HTTP_METHODS.includes(body.method.toUpperCase()))
    throw fail(`method must be one of ${HTTP_METHODS.join(', ')}`);
  if (typeof body.path !== 'string' || !body.path.startsWith('/'))
    throw fail('path must start with /');
  if (
    !Number.isInteger(body.status) ||
    (body.status as number) < 200 ||
    (body.status as number) > 599
  )
    throw fail('status must be an integer from 200 to 599');
  const headers = body.headers ?? {};
  if (
    typeof headers !== 'object' ||
    headers === null ||
    Array.isArray(headers) ||
    Object.values(headers).some((v) => typeof v !== 'string' || !HEADER_VALUE.test(v))
  ) {
    throw fail('headers must be an object of printable string values');
  }
  const times = body.times ?? 1;
  if (!Number.isInteger(times) || (times as number) < 1 || (times as number) > 10_000)
    throw fail('times must be an integer from 1 to 10000');
  return {
    method: body.method.toUpperCase(),
    path: body.path,
    status: body.status as number,
    body: body.body,
    headers: headers as Record<string, string>,
    times: times as number,
  };
}

/** Whether a service is offline, and how many connections it refused meanwhile. */
function connectionState(service: MockService) {
  return {
    service: service.name,
    offline: service.isOffline,
    refusedConnections: service.refusedConnections,
  };
}

function numberField(req: Request, name: string, min: number, max: number): number {
  const value = (req.body as Record<string, unknown> | undefined)?.[name];
  if (typeof value !== 'number' || !Number.isFinite(value) || value < min || value > max) {
    throw new ServiceError(
      400,
      'invalid_body',
      `Expected a number "${name}" between ${min} and ${max}`,
    );
  }
  return value;
}

/**
 * The control plane: what a scenario or a standalone user changes about the platform
 * (reset, tenant, latency, outages, scripted answers, clock) and reads back (journals).
 * It is a server of its own, so taking a service offline never cuts the controls.
 */
export function createControlServer(platform: MockPlatform): { server: Server; url: () => string } {
  const app = express();
  app.use(express.json({ limit: '256kb' }));

  app.get('/health', (_req, res) => {
    res.json({ ok: true, services: platform.urls, rssBytes: process.memoryUsage().rss });
  });

  app.post('/reset', async (req, res) => {
    const seed = (req.body as { seed?: unknown } | undefined)?.seed;
    if (seed !== undefined && !Number.isSafeInteger(seed))
      throw new ServiceError(400, 'invalid_body', 'seed must be an integer');
    await platform.reset(seed === undefined ? undefined : buildTenant(seed as number));
    res.json({ ok: true, seed: platform.state.tenant.seed });
  });

  app.post('/services/:service/latency', (req, res) => {
    const service = serviceOf(platform, req);
    service.latencyMs = numberField(req, 'ms', 0, 60_000);
    res.json({ service: service.name, latencyMs: service.latencyMs });
  });

  // A whole profile (distribution, error rate, outage, seed); {ms} above is its shorthand.
  app.put('/services/:service/latency-profile', (req, res) => {
    const service = serviceOf(platform, req);
    try {
      service.setLatencyProfile(checkLatencyProfile(req.body));
    } catch (error) {
      if (error instanceof LatencyProfileError)
        throw new ServiceError(400, 'invalid_profile', error.message);
      throw error;
    }
    res.json({ service: service.name, profile: service.latencyProfile });
  });

  app.get('/services/:service/latency-profile', (req, res) => {
    const service = serviceOf(platform, req);
    res.json({ service: service.name, profile: service.latencyProfile });
  });

  app.post('/services/:service/offline', (req, res) => {
    const service = serviceOf(platform, req);
    const offline = (req.body as { offline?: unknown } | undefined)?.offline;
    if (typeof offline !== 'boolean')
      throw new ServiceError(400, 'invalid_body', 'Expected {"offline": boolean}');
    service.setOffline(offline);
    res.json(connectionState(service));
  });

  app.get('/services/:service/connections', (req, res) => {
    res.json(connectionState(serviceOf(platform, req)));
  });

  app.post('/services/:service/scripts', (req, res) => {
    const service = serviceOf(platform, req);
    service.queueScript(parseScript(req.body));
    res.status(201).json({ queued: true });
  });

  app.get('/services/:service/journal', (req, res) => {
    const service = serviceOf(platform, req);
    const since = Number(req.query.since ?? 0);
    // A bad "since" must not read as an empty journal: "received nothing" checks rely on it.
    if (!Number.isSafeInteger(since) || since < 0)
      throw new ServiceError(
        400,
        'invalid_query',
        `since must be a journal sequence number, not "${String(req.query.since)}"`,
      );
    res.json({ value: service.journal.list(since), lastSeq: service.journal.lastSeq() });
  });

  app.get('/journal', (_req, res) => {
    const entries = SERVICE_NAMES.flatMap((name) => platform.services[name].journal.list());
    res.json({ value: entries.sort((a, b) => a.time.localeCompare(b.time)) });
  });

  app.patch('/graph/tenant', (req, res) => {
    applyTenantChanges(platform.state.graph, (req.body ?? {}) as TenantChanges);
    res.status(204).end();
  });

  // What an admin sets in the cloud portal's "Add Entra ID as a directory" (ENTRA-04).
  app.patch('/cloud/directory', (req, res) => {
    const body = (req.body ?? {}) as {
      groupIds?: unknown;
      consentedByRole?: unknown;
      tenantId?: unknown;
    };
    const config = platform.state.cloud.directoryConfig;
    if (body.groupIds !== undefined) {
      if (!Array.isArray(body.groupIds))
        throw new ServiceError(400, 'invalid_body', 'groupIds must be a list');
      config.groupIds = body.groupIds.map(String);
    }
    if (typeof body.consentedByRole === 'string') config.consentedByRole = body.consentedByRole;
    if (typeof body.tenantId === 'string') platform.state.cloud.graph.tenantId = body.tenantId;
    res.status(204).end();
  });

  app.post('/cloud/directory-sync', async (_req, res) => {
    await platform.syncDirectory();
    res.json(platform.state.cloud.lastSync);
  });

  mountCloudConnectControls(app, platform);

  app.get('/faults', (_req, res) => {
    res.json({ planted: [...platform.faults], available: PLANTED_FAULTS });
  });

  app.put('/faults', (req, res) => {
    const names = (req.body as { planted?: unknown } | undefined)?.planted;
    if (!Array.isArray(names))
      throw new ServiceError(400, 'invalid_body', 'Expected {"planted": [fault names]}');
    let faults;
    try {
      faults = parsePlantedFaults(names.join(','));
    } catch (error) {
      throw new ServiceError(400, 'fault_unknown', (error as Error).message);
    }
    platform.faults.clear();
    for (const fault of faults) platform.faults.add(fault);
    res.json({ planted: [...platform.faults] });
  });

  app.post('/clock/advance', (req, res) => {
    platform.clock.advance(numberField(req, 'ms', 0, 400 * 24 * 3600_000));
    res.json({ now: platform.clock.nowIso() });
  });

  app.use((req, _res, next) =>
    next(new ServiceError(404, 'NotFound', `No control route ${req.method} ${req.path}`)),
  );
  app.use((error: unknown, _req: Request, res: Response, _next: NextFunction) => {
    const rendered = renderVendorError(toServiceError(error), '');
    res.status(rendered.status).set(rendered.headers).json(rendered.body);
  });

  const server = createServer(app);
  return {
    server,
    url: () => `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
  };
}

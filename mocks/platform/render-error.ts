import type { Request, Response } from 'express';

import type { ServiceError } from './http-error';

/** The error body of the vendor-side simulators (EAM, cloud, MAM): an assumption, not documented. */
export function renderVendorError(error: ServiceError, _req: Request, res: Response): void {
  res.status(error.status).set('x-correlation-id', String(res.locals.correlationId ?? ''));
  res.json({ error: { code: error.code, message: error.message } });
}

/** Checks a shared bearer secret between simulators. */
export function requireBearer(header: string | undefined, secret: string): boolean {
  return header === `Bearer ${secret}`;
}

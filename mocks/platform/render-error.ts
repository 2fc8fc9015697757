import type { ServiceError } from './http-error';

/** An error answer in a service's wire format, written by whichever adapter served the request. */
export interface RenderedError {
  status: number;
  headers: Record<string, string>;
  body: unknown;
}

/** Renders a service's errors; pure, so the express and the direct adapters share it. */
export type ErrorRenderer = (error: ServiceError, correlationId: string) => RenderedError;

/**
 * The error body of the vendor-side simulators (EAM, cloud, MAM): an assumption, not
 * documented.
 */
export function renderVendorError(error: ServiceError, correlationId: string): RenderedError {
  return {
    status: error.status,
    headers: { 'x-correlation-id': correlationId },
    body: { error: { code: error.code, message: error.message } },
  };
}

/** Checks a shared bearer secret between simulators. */
export function requireBearer(header: string | undefined, secret: string): boolean {
  return header === `Bearer ${secret}`;
}

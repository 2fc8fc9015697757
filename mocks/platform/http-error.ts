/**
 * An error a simulator answers with: an HTTP status, the service's own error code and
 * a message. Rules throw it; each service's adapter renders it in its wire format.
 */
export class ServiceError extends Error {
  override name = 'ServiceError';

  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

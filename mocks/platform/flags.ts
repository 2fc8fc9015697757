import { ServiceError } from './http-error';

/**
 * Sets on/off settings (licences, agreements) from a request body: only the known
 * names, only true or false, all or nothing.
 */
export function applyFlags<T extends Record<string, boolean>>(
  target: T,
  body: unknown,
  what: string,
): T {
  const changes = (body ?? {}) as Record<string, unknown>;
  for (const [key, value] of Object.entries(changes)) {
    if (!(key in target) || typeof value !== 'boolean') {
      throw new ServiceError(
        400,
        'invalid_body',
        `${what} are ${Object.keys(target).join(', ')}, each true or false`,
      );
    }
  }
  Object.assign(target, changes);
  return target;
}

import { ServiceError } from '../platform/http-error';

/**
 * Graph's error codes as the simulator uses them (learn.microsoft.com/graph/errors and
 * the directory codes in reference DOMAIN.md 1.1). Clients branch on the code.
 */
export const graphError = {
  badRequest: (message: string) => new ServiceError(400, 'BadRequest', message),
  invalidRequest: (message: string) => new ServiceError(400, 'Request_BadRequest', message),
  unsupportedQuery: (message: string) => new ServiceError(400, 'Request_UnsupportedQuery', message),
  unauthenticated: (message: string) =>
    new ServiceError(401, 'InvalidAuthenticationToken', message),
  denied: (message: string) => new ServiceError(403, 'Authorization_RequestDenied', message),
  notFound: (id: string) =>
    new ServiceError(
      404,
      'Request_ResourceNotFound',
      `Resource '${id}' does not exist or one of its queried reference-property objects are not present.`,
    ),
  /** Wrong `@odata.type`, unknown property, bad value: the request body does not fit the type. */
  invalidBody: (message: string) => new ServiceError(400, 'BadRequest', message),
};

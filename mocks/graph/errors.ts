import { ServiceError } from '../platform/http-error';

/**
 * Graph's error codes as the simulator uses them (Graph "Microsoft Graph error
 * responses and resource types" page). The status decides the code family.
 */
export const graphError = {
  badRequest: (message: string) => new ServiceError(400, 'BadRequest', message),
  invalidRequest: (message: string) => new ServiceError(400, 'Request_BadRequest', message),
  unauthenticated: (message: string) =>
    new ServiceError(401, 'InvalidAuthenticationToken', message),
  denied: (message: string) => new ServiceError(403, 'Authorization_RequestDenied', message),
  notFound: (message: string) => new ServiceError(404, 'Request_ResourceNotFound', message),
};

import type { Router } from 'express';

interface Layer {
  match(path: string): { path: string } | false;
  route?: { _handlesMethod(method: string): boolean };
  handle?: { stack?: Layer[] };
}

/**
 * Whether any route of a router answers this method and path, looking through nested
 * routers. Computed before authentication and body parsing run, so a request to a
 * route no simulator has is known as unhandled even when it is refused with a 401 or
 * a 415 first (DESIGN section 7: an unhandled request makes the scenario broken).
 * It reads express 5's router layers; test/route-match.test.ts guards that shape.
 */
export function routeExists(router: Router, method: string, path: string): boolean {
  return stackHas((router as unknown as { stack: Layer[] }).stack, method.toUpperCase(), path);
}

function stackHas(stack: Layer[], method: string, path: string): boolean {
  for (const layer of stack) {
    const matched = layer.match(path);
    if (!matched) continue;
    // A preflight is answered for any route at the path (the CORS middleware does it).
    if (layer.route && (method === 'OPTIONS' || layer.route._handlesMethod(method))) return true;
    const nested = layer.handle?.stack;
    if (
      !layer.route &&
      Array.isArray(nested) &&
      stackHas(nested, method, path.slice(matched.path.length) || '/')
    )
      return true;
  }
  return false;
}

import type { FastifyInstance } from 'fastify';

export interface RouteEntry {
  method: string;
  path: string;
}

/**
 * Every route a Fastify app serves, read from `printRoutes({ commonPrefix: false })`: a tree whose lines
 * are `├── segment (METHOD, ...)`, four columns deeper per level, each segment continuing its parent's
 * path. HEAD and OPTIONS are left out (Fastify adds them itself).
 */
export function listRoutes(app: FastifyInstance): RouteEntry[] {
  const routes: RouteEntry[] = [];
  const pathAtDepth: string[] = [];
  for (const line of app.printRoutes({ commonPrefix: false }).split('\n')) {
    const match = /^([│ ]*)[├└]── (.+?)(?: \(([A-Z, ]+)\))?$/.exec(line);
    if (!match) continue;
    const depth = (match[1] ?? '').length / 4;
    const segment = match[2] ?? '';
    const parent = depth === 0 ? '' : (pathAtDepth[depth - 1] ?? '');
    const path =
      parent === '' || parent.endsWith('/') || segment.startsWith('/')
        ? parent + segment
        : `${parent}/${segment}`;
    pathAtDepth[depth] = path;
    pathAtDepth.length = depth + 1;
    for (const method of (match[3] ?? '').split(', ')) {
      if (method && method !== 'HEAD' && method !== 'OPTIONS') routes.push({ method, path });
    }
  }
  return routes;
}

/**
 * The API's routes (`/api/…` and the older system's `/operations/…`), not the pages and assets (the
 * interactive reference at `/api/docs/` and its script are a page, served by the Scalar plugin).
 */
export function listApiRoutes(app: FastifyInstance): RouteEntry[] {
  return listRoutes(app).filter(
    (route) => /^\/(api|operations)\//.test(route.path) && !/^\/api\/docs(\/|$)/.test(route.path),
  );
}

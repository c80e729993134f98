import { routes, type RouteDef } from '../../shared/routes/index.js';

export interface RouteMatch {
  route: RouteDef;
  pathParameters: Record<string, string>;
}

const segments = (path: string) => path.split('/').filter(Boolean);

/**
 * Matches a request path the way API Gateway HTTP APIs do: a literal segment wins over a
 * `{parameter}` (so `/v1/customers/export` is not read as a customer id).
 */
export function matchRoute(method: string, path: string): { match?: RouteMatch; pathExists: boolean } {
  const wanted = segments(path);
  let best: { match: RouteMatch; score: number } | undefined;
  let pathExists = false;
  for (const route of routes as readonly RouteDef[]) {
    const pattern = segments(route.path);
    if (pattern.length !== wanted.length) continue;
    const pathParameters: Record<string, string> = {};
    let score = 0;
    const fits = pattern.every((part, i) => {
      const param = /^\{(\w+)\}$/.exec(part);
      if (param) {
        try {
          pathParameters[param[1]!] = decodeURIComponent(wanted[i]!);
        } catch {
          return false;
        }
        return true;
      }
      score += 1;
      return part === wanted[i];
    });
    if (!fits) continue;
    pathExists = true;
    if (route.method === method && (!best || score > best.score)) best = { match: { route, pathParameters }, score };
  }
  return { match: best?.match, pathExists };
}

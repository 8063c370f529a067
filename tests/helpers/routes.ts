// The routes an app actually registered, read back after build. Fastify has no public list of
// routes, so this parses the router's own print-out (find-my-way's radix tree) and then checks every
// parsed route with `app.hasRoute`, so that a parsing slip fails loudly instead of hiding a route.
import type { FastifyInstance } from 'fastify';

export type RegisteredRoute = { method: string; url: string };

const LINE = /^((?:│ {3}| {4})*)(?:├── |└── )(.+?)(?: \(([A-Z]+(?:, [A-Z]+)*)\))?$/;

// find-my-way's hasRoute does not recognise a wildcard pattern; a concrete path under it is found
function isRoute(app: FastifyInstance, method: string, url: string) {
  if (url.endsWith('*')) return app.findRoute({ method: method as 'GET', url: url.replace(/\*$/, 'any-path') }) !== null;
  return app.hasRoute({ method: method as 'GET', url });
}

/** Every method + url in the router, trailing-slash twins folded into one ("/api/users/" → "/api/users"). */
export function registeredRoutes(app: FastifyInstance): RegisteredRoute[] {
  // the default print is the radix tree itself: a route is the concatenation of its node labels
  const tree = app.printRoutes();
  const stack: string[] = [];
  const found = new Map<string, RegisteredRoute>();
  for (const line of tree.split('\n')) {
    if (!line.trim()) continue;
    const match = LINE.exec(line);
    if (!match) throw new Error(`unreadable line in app.printRoutes(): ${JSON.stringify(line)}`);
    const depth = match[1].length / 4;
    stack.length = depth;
    stack.push(match[2]);
    const url = stack.join('');
    for (const method of match[3]?.split(', ') ?? []) {
      if (!isRoute(app, method, url)) throw new Error(`parsed ${method} ${url} from printRoutes(), but app.hasRoute denies it`);
      const folded = url.length > 1 ? url.replace(/\/$/, '') : url;
      found.set(`${method} ${folded}`, { method, url: folded });
    }
  }
  return [...found.values()].sort((a, b) => (a.url + a.method).localeCompare(b.url + b.method));
}

export const routeKey = (r: RegisteredRoute) => `${r.method} ${r.url}`;

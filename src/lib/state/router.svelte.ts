import { parseRoute, type Route } from './routes';

/** The current hash route, kept in step with `location.hash`. */
class Router {
  route = $state.raw<Route>(parseRoute(location.hash));

  constructor() {
    addEventListener('hashchange', () => {
      this.route = parseRoute(location.hash);
    });
  }

  go(href: string): void {
    location.hash = href.replace(/^#/, '');
  }
}

export const router = new Router();

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

  /** Rewrites the address without a new history entry (e.g. state kept in the URL as it changes). */
  replace(href: string): void {
    const url = `${location.pathname}${location.search}#${href.replace(/^#/, '')}`;
    if (url === `${location.pathname}${location.search}${location.hash}`) return;
    history.replaceState(history.state, '', url);
    this.route = parseRoute(location.hash);
  }
}

export const router = new Router();

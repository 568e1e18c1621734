import { useCallback, useEffect, useState } from 'react';

export const ROUTES = ['home', 'inbox', 'settings'] as const;
export type Route = (typeof ROUTES)[number];

function routeOf(hash: string): Route {
  const name = hash.replace(/^#\/?/, '');
  return (ROUTES as readonly string[]).includes(name) ? (name as Route) : 'home';
}

export const hrefOf = (route: Route) => (route === 'home' ? '#/' : `#/${route}`);

/**
 * Pages live in the URL hash: the back button works, a reload stays on the page, and the server (which
 * serves index.html only at /) never sees a client-side path.
 */
export function useRoute(): [Route, (route: Route) => void] {
  const [route, setRoute] = useState<Route>(() => routeOf(window.location.hash));
  useEffect(() => {
    const onHashChange = () => setRoute(routeOf(window.location.hash));
    window.addEventListener('hashchange', onHashChange);
    return () => window.removeEventListener('hashchange', onHashChange);
  }, []);
  const navigate = useCallback((next: Route) => {
    window.location.hash = hrefOf(next);
  }, []);
  return [route, navigate];
}

/**
 * A notification's link is `/?notification=ID`: take the id once and tidy the address, so a reload
 * does not open it again.
 */
export function takeNotificationParam(): number | null {
  const url = new URL(window.location.href);
  const id = Number(url.searchParams.get('notification'));
  if (!Number.isInteger(id) || id <= 0) return null;
  url.searchParams.delete('notification');
  url.hash = hrefOf('inbox');
  window.history.replaceState(null, '', url);
  return id;
}

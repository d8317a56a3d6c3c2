import { describe, expect, it } from 'vitest';
import { diffHref, diffPairOf, parseRoute } from '$lib/state/routes';

describe('a link to the diff of two dataset versions', () => {
  it('names the versions by number and reads back through the router', () => {
    const href = diffHref('p1', 1, 3);
    expect(href).toBe('#/p/p1/data/diff-1-3');
    const route = parseRoute(href.slice(1));
    expect(route).toEqual({ name: 'project', projectId: 'p1', stage: 'data', view: 'diff-1-3' });
    expect(diffPairOf(route.name === 'project' ? route.view : undefined)).toEqual({ from: 1, to: 3 });
    expect(diffPairOf('diff')).toBeNull();
    expect(diffPairOf(undefined)).toBeNull();
  });
});

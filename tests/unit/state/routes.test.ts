import { describe, expect, it } from 'vitest';
import { parseRoute, routeHref, stageHref } from '$lib/state/routes';
import { STAGES } from '$lib/core/lifecycle/stages';

describe('hash routes', () => {
  it('reads the home and system pages, with or without trailing slashes', () => {
    expect(parseRoute('')).toEqual({ name: 'home' });
    expect(parseRoute('#')).toEqual({ name: 'home' });
    expect(parseRoute('#/')).toEqual({ name: 'home' });
    expect(parseRoute('#/system')).toEqual({ name: 'system' });
    expect(parseRoute('#/system/')).toEqual({ name: 'system' });
  });

  it('reads and writes the model inventory across projects', () => {
    expect(parseRoute('#/inventory')).toEqual({ name: 'inventory' });
    expect(parseRoute('#/inventory/')).toEqual({ name: 'inventory' });
    expect(routeHref({ name: 'inventory' })).toBe('#/inventory');
  });

  it('reads and writes the practice page and each mission, and no unknown mission', () => {
    expect(parseRoute('#/practice')).toEqual({ name: 'practice' });
    expect(parseRoute('#/practice/')).toEqual({ name: 'practice' });
    expect(routeHref({ name: 'practice' })).toBe('#/practice');
    expect(parseRoute('#/practice/drill-cost')).toEqual({ name: 'mission', missionId: 'drill-cost' });
    expect(routeHref({ name: 'mission', missionId: 'beginner' })).toBe('#/practice/beginner');
    expect(parseRoute('#/practice/expert')).toEqual({ name: 'not-found', path: '/practice/expert' });
  });

  it('reads every stage of a project and defaults to frame', () => {
    for (const stage of STAGES) {
      expect(parseRoute(`#/p/abc-123/${stage}`)).toEqual({ name: 'project', projectId: 'abc-123', stage });
    }
    expect(parseRoute('#/p/abc-123')).toEqual({ name: 'project', projectId: 'abc-123', stage: 'frame' });
  });

  it('reads a view inside a stage', () => {
    expect(parseRoute('#/p/abc/data/label')).toEqual({ name: 'project', projectId: 'abc', stage: 'data', view: 'label' });
    expect(parseRoute(stageHref('abc', 'data', 'explore'))).toEqual({ name: 'project', projectId: 'abc', stage: 'data', view: 'explore' });
  });

  it('sends unknown addresses to not-found instead of guessing', () => {
    expect(parseRoute('#/p/abc/training')).toEqual({ name: 'not-found', path: '/p/abc/training' });
    expect(parseRoute('#/p/abc/data/label/extra')).toEqual({ name: 'not-found', path: '/p/abc/data/label/extra' });
    expect(parseRoute('#/p/')).toEqual({ name: 'not-found', path: '/p' });
    expect(parseRoute('#/projects')).toEqual({ name: 'not-found', path: '/projects' });
  });

  it('writes addresses that read back to the same route, ids with odd characters included', () => {
    const id = 'a b/c?d';
    const href = stageHref(id, 'monitor');
    expect(href).toBe('#/p/a%20b%2Fc%3Fd/monitor');
    expect(parseRoute(href)).toEqual({ name: 'project', projectId: id, stage: 'monitor' });
    expect(parseRoute(routeHref({ name: 'system' }))).toEqual({ name: 'system' });
    expect(parseRoute(routeHref({ name: 'home' }))).toEqual({ name: 'home' });
  });

  it('reads the drift lab with its view and scenario state, and writes it back', () => {
    expect(parseRoute('#/lab/ctr')).toEqual({ name: 'lab', view: 'diagnose', state: null });
    expect(parseRoute('#/lab/ctr/present?s=abc_-9')).toEqual({ name: 'lab', view: 'present', state: 'abc_-9' });
    expect(parseRoute('#/lab/ctr?s=')).toEqual({ name: 'lab', view: 'diagnose', state: null });
    expect(parseRoute('#/lab/ctr?s=a+b')).toEqual({ name: 'not-found', path: '/lab/ctr?s=a+b' });
    expect(parseRoute('#/lab/other')).toEqual({ name: 'not-found', path: '/lab/other' });
    for (const route of [{ name: 'lab', view: 'present', state: 'xyz' }, { name: 'lab', view: 'diagnose', state: null }] as const) {
      expect(parseRoute(routeHref(route))).toEqual(route);
    }
  });
});

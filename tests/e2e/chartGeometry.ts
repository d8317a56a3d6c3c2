import type { Locator } from '@playwright/test';
import { expect } from './fixtures';

interface Box { text: string; left: number; right: number; top: number; bottom: number }

/** The drawn boxes of a chart's legend labels (series and target lines), and of the chart itself. */
async function labelBoxes(chart: Locator): Promise<{ labels: Box[]; svg: Box }> {
  return chart.evaluate((svg) => {
    const box = (el: Element) => {
      const r = el.getBoundingClientRect();
      return { text: el.textContent ?? '', left: r.left, right: r.right, top: r.top, bottom: r.bottom };
    };
    const labels = [...svg.querySelectorAll('text.series-label, text.sla-label')].filter((t) => t.textContent).map(box);
    return { labels, svg: box(svg) };
  });
}

/** No two legend labels of `chart` overlap, and none runs out of the chart (clipped). */
export async function expectLegendReadable(chart: Locator): Promise<void> {
  const { labels, svg } = await labelBoxes(chart);
  expect(labels.length).toBeGreaterThan(0);
  for (const [i, a] of labels.entries()) {
    expect(a.right, `"${a.text}" runs out of the chart`).toBeLessThanOrEqual(svg.right + 0.5);
    expect(a.top, `"${a.text}" runs out of the chart`).toBeGreaterThanOrEqual(svg.top - 0.5);
    for (const b of labels.slice(i + 1)) {
      const overlap = Math.min(a.right, b.right) - Math.max(a.left, b.left) > 0.5 && Math.min(a.bottom, b.bottom) - Math.max(a.top, b.top) > 0.5;
      expect(overlap, `"${a.text}" and "${b.text}" overlap`).toBe(false);
    }
  }
}

/** The numbers on a chart's y axis (the axis drawn with a vertical domain line). */
export async function yTickValues(chart: Locator): Promise<number[]> {
  return chart.evaluate((svg) => {
    const axis = [...svg.querySelectorAll('g')].find((g) => g.getAttribute('text-anchor') === 'end' && g.querySelector('.tick'));
    return [...(axis?.querySelectorAll('.tick text') ?? [])].map((t) => Number((t.textContent ?? '').replace('−', '-')));
  });
}

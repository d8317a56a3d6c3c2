/**
 * Reliability diagram: per confidence bin, the accuracy actually reached (bars) against the
 * diagonal of perfect calibration. Bars below the diagonal mean over-confidence.
 */
import { scaleLinear, select, type Selection } from 'd3';

export interface ReliabilityBin {
  lo: number;
  hi: number;
  count: number;
  confidence: number;
  accuracy: number;
}

export class ReliabilityChart {
  readonly #svg: Selection<SVGSVGElement, unknown, null, undefined>;
  readonly #title: string;

  constructor(container: HTMLElement, title: string) {
    this.#title = title;
    this.#svg = select(container).append('svg').attr('role', 'img').attr('class', 'chart reliability');
  }

  update(bins: readonly ReliabilityBin[]): void {
    const size = 300;
    const m = { top: 10, right: 10, bottom: 40, left: 46 };
    const x = scaleLinear().domain([0, 1]).range([m.left, size - m.right]);
    const y = scaleLinear().domain([0, 1]).range([size - m.bottom, m.top]);
    const used = bins.filter((b) => b.count > 0);
    this.#svg
      .attr('viewBox', `0 0 ${size} ${size}`)
      .attr('width', size)
      .attr('height', size)
      .attr('aria-label', `${this.#title}. ${used.map((b) => `confidence ${b.lo.toFixed(1)}–${b.hi.toFixed(1)}: accuracy ${(b.accuracy * 100).toFixed(0)} % of ${b.count}`).join('; ')}`);
    this.#svg.selectAll('*').remove();
    this.#svg
      .selectAll('rect')
      .data(used)
      .join('rect')
      .attr('x', (b) => x(b.lo) + 1)
      .attr('width', (b) => Math.max(1, x(b.hi) - x(b.lo) - 2))
      .attr('y', (b) => y(b.accuracy))
      .attr('height', (b) => y(0) - y(b.accuracy));
    this.#svg.append('line').attr('class', 'diagonal').attr('x1', x(0)).attr('y1', y(0)).attr('x2', x(1)).attr('y2', y(1));
    for (const t of [0, 0.5, 1]) {
      this.#svg.append('text').attr('class', 'tick-label').attr('x', x(t)).attr('y', size - m.bottom + 16).attr('text-anchor', 'middle').text(t);
      this.#svg.append('text').attr('class', 'tick-label').attr('x', m.left - 6).attr('y', y(t)).attr('dy', '0.35em').attr('text-anchor', 'end').text(t);
    }
    this.#svg.append('text').attr('class', 'axis-label').attr('x', (m.left + size - m.right) / 2).attr('y', size - 6).attr('text-anchor', 'middle').text('confidence');
    this.#svg.append('text').attr('class', 'axis-label').attr('transform', `translate(12,${(size - m.bottom + m.top) / 2}) rotate(-90)`).attr('text-anchor', 'middle').text('accuracy');
  }

  destroy(): void {
    this.#svg.remove();
  }
}

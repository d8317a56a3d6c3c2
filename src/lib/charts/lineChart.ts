/**
 * Line chart of a few series over a shared x (e.g. loss and accuracy per epoch), labelled at
 * the end of each line instead of a legend, with large type for projectors. Series can be
 * dashed (validation vs train) and overlaid from several runs.
 */
import { axisBottom, axisLeft, extent, line, max, min, scaleLinear, select, type Selection } from 'd3';

export interface LineSeries {
  name: string;
  values: readonly number[];
  /** Dashed lines for the second of a pair (e.g. validation). */
  dashed?: boolean;
  /** Index into the palette, so the same run keeps its colour across charts. */
  colour?: number;
}

export interface LineChartOptions {
  title: string;
  xLabel: string;
  yLabel: string;
  width?: number;
  height?: number;
  /** Fixed y domain, e.g. [0, 1] for accuracy; otherwise from the data. */
  yDomain?: [number, number];
  /** x of the first value (default 1: epochs count from 1; the lab's weeks from 0). */
  xStart?: number;
  /** Total x span to draw even before the data fills it (e.g. all 13 weeks of a quarter). */
  xCount?: number;
}

const PALETTE = ['#2f5fd0', '#d0562f', '#1b8a5a', '#8a3fb8', '#b8871b', '#2a8f9e'];

export class LineChart {
  readonly #svg: Selection<SVGSVGElement, unknown, null, undefined>;
  readonly #options: Required<Omit<LineChartOptions, 'yDomain' | 'xCount'>> & Pick<LineChartOptions, 'yDomain' | 'xCount'>;

  constructor(container: HTMLElement, options: LineChartOptions) {
    this.#options = { width: 560, height: 260, xStart: 1, ...options };
    this.#svg = select(container).append('svg').attr('role', 'img').attr('class', 'chart line-chart');
    this.#svg.append('g').attr('class', 'x-axis');
    this.#svg.append('g').attr('class', 'y-axis');
    this.#svg.append('g').attr('class', 'lines');
    this.#svg.append('text').attr('class', 'axis-label x-label').attr('text-anchor', 'middle');
    this.#svg.append('text').attr('class', 'axis-label y-label').attr('text-anchor', 'middle');
  }

  update(series: readonly LineSeries[]): void {
    const { width, height, title, xLabel, yLabel, yDomain, xStart, xCount } = this.#options;
    const margin = { top: 12, right: 130, bottom: 44, left: 56 };
    const longest = Math.max(max(series, (s) => s.values.length) ?? 0, xCount ?? 0);
    const all = series.flatMap((s) => s.values.filter(Number.isFinite));
    const x = scaleLinear()
      .domain([xStart, xStart + Math.max(1, longest - 1)])
      .range([margin.left, width - margin.right]);
    const [lo, hi] = yDomain ?? (all.length ? (extent(all) as [number, number]) : [0, 1]);
    const y = scaleLinear()
      .domain(yDomain ?? [Math.min(0, min(all) ?? 0, lo), hi === lo ? hi + 1 : hi])
      .nice()
      .range([height - margin.bottom, margin.top]);
    const last = series.map((s) => s.values.at(-1));
    this.#svg
      .attr('viewBox', `0 0 ${width} ${height}`)
      .attr('width', width)
      .attr('height', height)
      .attr('aria-label', `${title}. ${series.map((s, i) => `${s.name}: ${s.values.length} points, last ${last[i]?.toFixed(3) ?? '—'}`).join('; ')}`);
    this.#svg
      .select<SVGGElement>('g.x-axis')
      .attr('transform', `translate(0,${height - margin.bottom})`)
      .call(axisBottom(x).ticks(Math.min(10, Math.max(1, longest - 1))).tickFormat((d) => String(d)));
    this.#svg.select<SVGGElement>('g.y-axis').attr('transform', `translate(${margin.left},0)`).call(axisLeft(y).ticks(5));
    this.#svg.select('text.x-label').attr('x', (margin.left + width - margin.right) / 2).attr('y', height - 6).text(xLabel);
    this.#svg.select('text.y-label').attr('transform', `translate(14,${(margin.top + height - margin.bottom) / 2}) rotate(-90)`).text(yLabel);
    const path = line<number>()
      .defined((v) => Number.isFinite(v))
      .x((_, i) => x(xStart + i))
      .y((v) => y(v));
    const groups = this.#svg
      .select('g.lines')
      .selectAll<SVGGElement, LineSeries>('g.series')
      .data(series, (s) => s.name)
      .join((enter) => {
        const g = enter.append('g').attr('class', 'series');
        g.append('path').attr('fill', 'none').attr('stroke-width', 2.5);
        g.append('text').attr('class', 'series-label').attr('dy', '0.35em');
        return g;
      });
    groups.each(function (s, i) {
      const colour = PALETTE[(s.colour ?? i) % PALETTE.length];
      const g = select(this);
      g.select('path')
        .attr('d', path([...s.values]))
        .attr('stroke', colour)
        .attr('stroke-dasharray', s.dashed ? '6 4' : null);
      const lastValue = s.values.at(-1);
      g.select('text.series-label')
        .attr('x', x(xStart + Math.max(0, s.values.length - 1)) + 6)
        .attr('y', lastValue === undefined ? -100 : y(lastValue))
        .attr('fill', colour)
        .text(s.name);
    });
  }

  destroy(): void {
    this.#svg.remove();
  }
}

/**
 * Line chart of a few series over a shared x (e.g. loss and accuracy per epoch), labelled at
 * the end of each line instead of a legend, with large type for projectors. Series can be
 * dashed (validation vs train) and overlaid from several runs. The unit reads above the y axis;
 * end labels are spread so they never overlap, and a value with no neighbour is drawn as a dot.
 */
import { axisBottom, axisLeft, line, max, scaleLinear, select, type Selection } from 'd3';
import { lastDefined, lonePoints, spreadLabels, tickCount, valueDomain } from './layout';
import { measureText } from './measure';

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
  /** The unit of y, shown above the axis (e.g. "accuracy (0–1)", "ms"). */
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

export const PALETTE = ['#2f5fd0', '#d0562f', '#1b8a5a', '#8a3fb8', '#b8871b', '#2a8f9e'];
/** Room for the short line drawn before each legend label (solid or dashed, in the series colour). */
export const SWATCH = 18;

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
    this.#svg.append('text').attr('class', 'axis-label y-label').attr('text-anchor', 'start');
  }

  update(series: readonly LineSeries[]): void {
    const { width, height, title, xLabel, yLabel, yDomain, xStart, xCount } = this.#options;
    const svg = this.#svg.node()!;
    const longest = Math.max(max(series, (s) => s.values.length) ?? 0, xCount ?? 0);
    const y = scaleLinear()
      .domain(yDomain ?? valueDomain(series.flatMap((s) => s.values)))
      .nice();
    const yTicks = y.ticks(5);
    const tickText = measureText(svg, yTicks.map(y.tickFormat(5)), '', 'tick');
    const labels = measureText(svg, series.map((s) => s.name), 'series-label');
    const unit = measureText(svg, [yLabel], 'axis-label');
    const margin = {
      top: unit.fontSize + 14,
      right: Math.min(width * 0.35, Math.max(24, ...labels.widths) + SWATCH + 14),
      bottom: unit.fontSize + tickText.fontSize + 22,
      left: Math.max(...tickText.widths, 0) + 16,
    };
    y.range([height - margin.bottom, margin.top]);
    // One value: centre it instead of pinning it to the y axis.
    const x = scaleLinear()
      .domain(longest <= 1 ? [xStart - 0.5, xStart + 0.5] : [xStart, xStart + longest - 1])
      .range([margin.left, width - margin.right]);
    const xTickWidth = Math.max(...measureText(svg, [String(xStart + longest)], '', 'tick').widths);
    const xTicks = x.ticks(tickCount(width - margin.left - margin.right, xTickWidth, Math.max(1, longest - 1))).filter(Number.isInteger);
    const last = series.map((s) => s.values.at(-1));
    this.#svg
      .attr('viewBox', `0 0 ${width} ${height}`)
      .attr('width', width)
      .attr('height', height)
      .attr('aria-label', `${title} (${yLabel}). ${series.map((s, i) => `${s.name}: ${s.values.length} points, last ${last[i]?.toFixed(3) ?? '—'}`).join('; ')}`);
    this.#svg
      .select<SVGGElement>('g.x-axis')
      .attr('transform', `translate(0,${height - margin.bottom})`)
      .call(axisBottom(x).tickValues(xTicks).tickFormat((d) => String(d)));
    this.#svg.select<SVGGElement>('g.y-axis').attr('transform', `translate(${margin.left},0)`).call(axisLeft(y).tickValues(yTicks).tickFormat(y.tickFormat(5)));
    this.#svg.select('text.x-label').attr('x', (margin.left + width - margin.right) / 2).attr('y', height - 6).text(xLabel);
    this.#svg.select('text.y-label').attr('x', 4).attr('y', unit.fontSize).text(yLabel);
    const path = line<number>()
      .defined((v) => Number.isFinite(v))
      .x((_, i) => x(xStart + i))
      .y((v) => y(v));
    const lastIndex = series.map((s) => lastDefined(s.values));
    const labelY = spreadLabels(
      series.map((s, i) => (lastIndex[i] < 0 ? height : y(s.values[lastIndex[i]]))),
      labels.fontSize * 1.15,
      margin.top,
      height - margin.bottom,
    );
    const groups = this.#svg
      .select('g.lines')
      .selectAll<SVGGElement, LineSeries>('g.series')
      .data(series, (s) => s.name)
      .join((enter) => {
        const g = enter.append('g').attr('class', 'series');
        g.append('path').attr('fill', 'none').attr('stroke-width', 2.5);
        g.append('line').attr('class', 'swatch').attr('stroke-width', 2.5);
        g.append('text').attr('class', 'series-label').attr('dy', '0.35em');
        return g;
      });
    // The legend column starts just after the longest line, so labels stay near their lines.
    const ends = lastIndex.filter((k) => k >= 0).map((k) => x(xStart + k));
    const labelX = Math.min(width - margin.right, Math.max(margin.left, ...ends)) + 8;
    groups.each(function (s, i) {
      const colour = PALETTE[(s.colour ?? i) % PALETTE.length];
      const g = select(this);
      g.select('path')
        .attr('d', path([...s.values]))
        .attr('stroke', colour)
        .attr('stroke-dasharray', s.dashed ? '6 4' : null);
      g.selectAll('circle.lone')
        .data(lonePoints(s.values))
        .join('circle')
        .attr('class', 'lone')
        .attr('r', 4.5)
        .attr('fill', colour)
        .attr('cx', (k) => x(xStart + k))
        .attr('cy', (k) => y(s.values[k]));
      const labelTop = lastIndex[i] < 0 ? -100 : labelY[i];
      g.select('line.swatch')
        .attr('x1', labelX)
        .attr('x2', labelX + SWATCH - 4)
        .attr('y1', labelTop)
        .attr('y2', labelTop)
        .attr('stroke', colour)
        .attr('stroke-dasharray', s.dashed ? '4 2' : null);
      g.select('text.series-label')
        .attr('x', labelX + SWATCH)
        .attr('y', labelTop)
        .style('fill', colour)
        .text(s.name);
    });
  }

  destroy(): void {
    this.#svg.remove();
  }
}

/**
 * Horizontal bar chart: one bar per category, labelled with its value. Readable on a projector
 * (large type, direct labels instead of a legend). A view in the playground style: it owns its
 * container and exposes update().
 */
import { max, scaleBand, scaleLinear, select, type Selection } from 'd3';
import { measureText } from './measure';

export interface Bar {
  label: string;
  value: number;
  /** Text drawn after the bar; defaults to the value. */
  text?: string;
}

export interface BarChartOptions {
  /** Accessible name of the chart; the bars are also listed in its description. */
  title: string;
  width?: number;
  barHeight?: number;
  labelWidth?: number;
}

export class BarChart {
  readonly #svg: Selection<SVGSVGElement, unknown, null, undefined>;
  readonly #options: Required<BarChartOptions>;

  constructor(container: HTMLElement, options: BarChartOptions) {
    this.#options = { width: 560, barHeight: 26, labelWidth: 170, ...options };
    this.#svg = select(container).append('svg').attr('role', 'img').attr('class', 'chart bar-chart');
  }

  update(bars: readonly Bar[]): void {
    const { width, barHeight, labelWidth, title } = this.#options;
    const height = Math.max(1, bars.length) * barHeight + 8;
    // Room after the longest bar for its whole text (e.g. "4,110 (69.5 %)").
    const valueSpace = Math.max(40, ...measureText(this.#svg.node()!, bars.map((b) => b.text ?? String(b.value)), 'bar-value').widths) + 12;
    const x = scaleLinear()
      .domain([0, max(bars, (b) => b.value) || 1])
      .range([0, width - labelWidth - valueSpace]);
    const y = scaleBand<string>()
      .domain(bars.map((b) => b.label))
      .range([4, height - 4])
      .padding(0.2);
    this.#svg
      .attr('viewBox', `0 0 ${width} ${height}`)
      .attr('width', width)
      .attr('height', height)
      .attr('aria-label', `${title}: ${bars.map((b) => `${b.label} ${b.text ?? b.value}`).join('; ')}`);
    const rows = this.#svg
      .selectAll<SVGGElement, Bar>('g.bar')
      .data(bars, (b) => b.label)
      .join((enter) => {
        const g = enter.append('g').attr('class', 'bar');
        g.append('text').attr('class', 'bar-label').attr('text-anchor', 'end');
        g.append('rect');
        g.append('text').attr('class', 'bar-value');
        return g;
      })
      .attr('transform', (b) => `translate(0,${y(b.label)})`);
    rows
      .select('text.bar-label')
      .attr('x', labelWidth - 8)
      .attr('y', y.bandwidth() / 2)
      .attr('dy', '0.35em')
      .text((b) => (b.label.length > 24 ? `${b.label.slice(0, 23)}…` : b.label));
    rows
      .select('rect')
      .attr('x', labelWidth)
      .attr('height', y.bandwidth())
      .attr('width', (b) => Math.max(1, x(b.value)));
    rows
      .select('text.bar-value')
      .attr('x', (b) => labelWidth + Math.max(1, x(b.value)) + 6)
      .attr('y', y.bandwidth() / 2)
      .attr('dy', '0.35em')
      .text((b) => b.text ?? String(b.value));
  }

  destroy(): void {
    this.#svg.remove();
  }
}

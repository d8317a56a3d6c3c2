/**
 * Histograms of several series over the same bins (e.g. text length per class), drawn as small
 * multiples — one row per series — so shapes compare without overlapping colours. The name
 * column is as wide as the longest name allows (long names are shortened, in full in a tooltip);
 * bin labels are thinned to every k-th when they would run together.
 */
import { max, scaleBand, scaleLinear, select, type Selection } from 'd3';
import { fitText, labelStride } from './layout';
import { measureText } from './measure';

export interface HistogramSeries {
  name: string;
  /** Count per bin, aligned with the bin labels. */
  counts: readonly number[];
}

export interface HistogramOptions {
  title: string;
  /** One label per bin, e.g. "0–25". */
  binLabels: readonly string[];
  width?: number;
  rowHeight?: number;
}

export class Histogram {
  readonly #svg: Selection<SVGSVGElement, unknown, null, undefined>;
  readonly #options: Required<HistogramOptions>;

  constructor(container: HTMLElement, options: HistogramOptions) {
    this.#options = { width: 640, rowHeight: 70, ...options };
    this.#svg = select(container).append('svg').attr('role', 'img').attr('class', 'chart histogram');
  }

  update(series: readonly HistogramSeries[]): void {
    const { width, rowHeight, binLabels, title } = this.#options;
    const svg = this.#svg.node()!;
    const names = measureText(svg, series.map((s) => s.name), 'series-name');
    const left = Math.min(width * 0.4, Math.max(40, ...names.widths) + 16);
    const bins = measureText(svg, binLabels, 'bin-label');
    const axis = bins.fontSize + 18;
    const height = series.length * rowHeight + axis;
    const x = scaleBand<number>()
      .domain(binLabels.map((_, i) => i))
      .range([left, width - 8])
      .padding(0.1);
    this.#svg
      .attr('viewBox', `0 0 ${width} ${height}`)
      .attr('width', width)
      .attr('height', height)
      .attr('aria-label', `${title}. ${series.map((s) => `${s.name}: ${s.counts.join(', ')}`).join('. ')}`);
    const rows = this.#svg
      .selectAll<SVGGElement, HistogramSeries>('g.series')
      .data(series, (s) => s.name)
      .join((enter) => {
        const g = enter.append('g').attr('class', 'series');
        g.append('text').attr('class', 'series-name').attr('text-anchor', 'end');
        return g;
      })
      .attr('transform', (_, i) => `translate(0,${i * rowHeight})`);
    rows
      .select('text.series-name')
      .attr('x', left - 8)
      .attr('y', rowHeight / 2)
      .each(function (s, i) {
        const fits = names.widths[i] <= left - 12;
        select(this).text(fits ? s.name : fitText(s.name, left - 12, names.fontSize)).append('title').text(s.name);
      });
    rows.each(function (s) {
      const y = scaleLinear()
        .domain([0, max(s.counts) || 1])
        .range([rowHeight - 8, 6]);
      select(this)
        .selectAll<SVGRectElement, number>('rect')
        .data(s.counts)
        .join((enter) => enter.append('rect').call((r) => r.append('title')))
        .attr('x', (_, i) => x(i)!)
        .attr('width', x.bandwidth())
        .attr('y', (c) => y(c))
        .attr('height', (c) => rowHeight - 8 - y(c))
        .select('title')
        .text((c, i) => `${s.name}, ${binLabels[i]}: ${c}`);
    });
    const stride = labelStride(x.step(), Math.max(0, ...bins.widths));
    this.#svg
      .selectAll<SVGTextElement, string>('text.bin-label')
      .data(binLabels)
      .join('text')
      .attr('class', 'bin-label')
      .attr('text-anchor', 'middle')
      .attr('x', (_, i) => x(i)! + x.bandwidth() / 2)
      .attr('y', height - 8)
      .text((l, i) => (i % stride === 0 ? l : ''));
  }

  destroy(): void {
    this.#svg.remove();
  }
}

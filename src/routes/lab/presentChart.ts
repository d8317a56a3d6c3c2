/**
 * The facilitator's CTR chart for a projector: drawn at the pixel size of its box (so 20 px text
 * stays 20 px), y zoomed to the data with an axis break and a note saying where it starts, and a
 * marker where each model version started serving or a remedy was applied.
 */
import { axisBottom, axisLeft, line, scaleLinear, select, type Selection } from 'd3';
import { zoomedDomain } from '$lib/charts/zoomDomain';
import { labelRows } from '$lib/charts/labelRows';
import { spreadLabels, textWidth } from '$lib/charts/layout';
import type { ServingMarker } from './servingMarkers';

export interface PresentSeries {
  name: string;
  /** Per week from week 0, in percent. */
  values: readonly number[];
  dashed?: boolean;
}

export interface PresentChartData {
  /** Weeks in the quarter (the x axis spans them all from the start). */
  weeks: number;
  series: readonly PresentSeries[];
  markers: readonly ServingMarker[];
}

/** Chart text, px (≥ 18 px reads from the back of a room). */
const FONT = 20;
const ROW = FONT + 6;
/** Dark, distinct on white and in greyscale (one is dashed too). */
const COLOURS = ['#0b3d91', '#a63c00'];
/** Room for the y ticks ("10.5 %") and for the series' names at the line ends, px. */
const LEFT = 88;
const RIGHT = 170;

export class PresentChart {
  readonly #svg: Selection<SVGSVGElement, unknown, null, undefined>;
  readonly #size: { width: number; height: number };

  /** `size`: the box's size in CSS px; the chart is drawn 1:1 in it. */
  constructor(container: HTMLElement, size: { width: number; height: number }) {
    this.#size = size;
    this.#svg = select(container).append('svg').attr('role', 'img').attr('class', 'chart present-chart');
    for (const name of ['x-axis', 'y-axis', 'markers', 'lines', 'notes']) this.#svg.append('g').attr('class', name);
  }

  update({ weeks, series, markers }: PresentChartData): void {
    const { width, height } = this.#size;
    const x = scaleLinear().domain([0, Math.max(1, weeks - 1)]).range([LEFT, width - RIGHT]);
    // Marker labels sit above the plot, in as many rows as they need not to overlap; the axis note above them.
    // A label that would run off the right edge ends there instead.
    const labelX = markers.map((m) => Math.min(x(m.x) + 4, width - 8 - textWidth(m.label, FONT)));
    const rows = labelRows(markers.map((m, i) => ({ x: labelX[i], width: textWidth(m.label, FONT) })));
    const rowCount = rows.length ? Math.max(...rows) + 1 : 0;
    const margin = { top: 8 + ROW * (rowCount + 1), right: RIGHT, bottom: 2 * ROW + 12, left: LEFT };
    const { domain, fromZero } = zoomedDomain(series.flatMap((s) => s.values));
    const y = scaleLinear().domain(domain).range([height - margin.bottom, margin.top]);
    const svg = this.#svg.attr('width', width).attr('height', height).attr('viewBox', `0 0 ${width} ${height}`);
    svg.attr('aria-label', `CTR per week, in percent${fromZero ? '' : `; the axis starts at ${domain[0]} %, not 0`}. ${series.map((s) => `${s.name}: last ${s.values.at(-1)?.toFixed(2) ?? '—'} %`).join('; ')}. ${markers.map((m) => m.label).join('; ')}`);
    svg.select<SVGGElement>('g.x-axis').attr('transform', `translate(0,${height - margin.bottom})`).call(axisBottom(x).ticks(weeks).tickFormat((d) => String(d)));
    svg.select<SVGGElement>('g.y-axis').attr('transform', `translate(${margin.left},0)`).call(axisLeft(y).ticks(6).tickFormat((d) => `${(+d).toFixed(1)} %`));

    const notes = svg.select('g.notes');
    notes.selectAll('*').remove();
    notes.append('text').attr('class', 'axis-label').attr('x', (margin.left + width - margin.right) / 2).attr('y', height - 8).attr('text-anchor', 'middle').text('week of the quarter');
    notes.append('text').attr('class', 'axis-label zoom-note').attr('x', 8).attr('y', 8 + FONT - 4)
      .text(fromZero ? 'CTR, %' : `CTR, % — zoomed: the axis starts at ${domain[0]} %, not at 0`);
    if (!fromZero) {
      // An axis break (two slashes) at the foot of the y axis.
      const foot = height - margin.bottom - 10;
      for (const dy of [0, 8]) notes.append('path').attr('class', 'axis-break').attr('d', `M${margin.left - 9},${foot - dy + 5} l18,-10`);
    }

    const marks = svg.select('g.markers').selectAll<SVGGElement, ServingMarker>('g.marker').data(markers).join((enter) => {
      const g = enter.append('g');
      g.append('line');
      g.append('text').attr('class', 'marker-label');
      return g;
    });
    marks.attr('class', (m) => `marker marker-${m.kind}`);
    const rowTop = (i: number) => 8 + ROW * (rows[i] + 1);
    marks.select('line').attr('x1', (m) => x(m.x)).attr('x2', (m) => x(m.x)).attr('y1', (_, i) => rowTop(i)).attr('y2', height - margin.bottom);
    marks.select('text').attr('x', (_, i) => labelX[i]).attr('y', (_, i) => rowTop(i) + FONT - 4).text((m) => m.label);

    const path = line<number>().defined(Number.isFinite).x((_, i) => x(i)).y((v) => y(v));
    // Each series' name at its line's end, spread a line of text apart like every chart's labels
    // (a series with no value yet has its name off the chart).
    const drawn = series.flatMap((s, i) => (s.values.length ? [i] : []));
    const spread = spreadLabels(drawn.map((i) => y(series[i].values.at(-1)!)), ROW, margin.top, height - margin.bottom);
    const ends = series.map(() => -100);
    drawn.forEach((i, k) => (ends[i] = spread[k]));
    const groups = svg.select('g.lines').selectAll<SVGGElement, PresentSeries>('g.series').data(series, (s) => s.name).join((enter) => {
      const g = enter.append('g').attr('class', 'series');
      g.append('path').attr('fill', 'none');
      g.append('g').attr('class', 'points');
      g.append('text').attr('class', 'series-label').attr('dy', '0.35em');
      return g;
    });
    groups.each(function (s, i) {
      const g = select(this);
      const colour = COLOURS[i % COLOURS.length];
      g.select('path').attr('d', path([...s.values])).attr('stroke', colour).attr('stroke-dasharray', s.dashed ? '10 6' : null);
      // Points, so a single week shows too.
      const points = s.values.map((v, week) => [week, v] as const).filter(([, v]) => Number.isFinite(v));
      g.select('g.points').selectAll('circle').data(points).join('circle').attr('r', 5).attr('fill', colour).attr('cx', ([week]) => x(week)).attr('cy', ([, v]) => y(v));
      g.select('text.series-label').attr('x', x(Math.max(0, s.values.length - 1)) + 10).attr('y', ends[i]).attr('fill', colour).text(s.name);
    });
  }

  destroy(): void {
    this.#svg.remove();
  }
}

/**
 * Time series of a few metrics over a shared UTC time axis (e.g. latency p50/p95/p99 per minute),
 * with optional horizontal SLA lines from the success criteria. Gaps (null) break the line; a
 * value with no neighbour (one minute of traffic) is drawn as a dot. Series and SLA labels share
 * one column right of the plot, spread so they never overlap; the unit reads above the y axis.
 */
import { axisBottom, axisLeft, line, scaleLinear, scaleUtc, select, type Selection } from 'd3';
import { lastDefined, lonePoints, spreadLabels, tickCount, valueDomain } from './layout';
import { measureText } from './measure';
import { PALETTE, SWATCH } from './lineChart';

export interface TimeSeries {
  name: string;
  points: readonly { t: number; v: number | null }[];
}

export interface SlaLine {
  name: string;
  value: number;
}

export interface TimeSeriesData {
  from: number;
  to: number;
  series: readonly TimeSeries[];
  sla?: readonly SlaLine[];
}

export interface TimeSeriesOptions {
  title: string;
  /** The unit of y, shown above the axis (e.g. "requests per minute"). */
  yLabel: string;
  /** Fixed top of the y axis, e.g. 1 for shares. */
  yMax?: number;
}

export class TimeSeriesChart {
  readonly #svg: Selection<SVGSVGElement, unknown, null, undefined>;
  readonly #options: TimeSeriesOptions;

  constructor(container: HTMLElement, options: TimeSeriesOptions) {
    this.#options = options;
    this.#svg = select(container).append('svg').attr('role', 'img').attr('class', 'chart line-chart');
  }

  update(data: TimeSeriesData): void {
    const { title, yLabel, yMax } = this.#options;
    const width = 560;
    const height = 240;
    const svg = this.#svg.node()!;
    this.#svg.selectAll('*').remove();
    const values = data.series.flatMap((s) => s.points.map((p) => p.v).filter((v): v is number => v !== null));
    const sla = data.sla ?? [];
    const y = scaleLinear()
      .domain(yMax === undefined ? valueDomain([...values, ...sla.map((l) => l.value)]) : [0, yMax])
      .nice();
    const yTicks = y.ticks(5);
    const tickText = measureText(svg, yTicks.map(y.tickFormat(5)), '', 'tick');
    const names = [...data.series.map((s) => s.name), ...sla.map((l) => l.name)];
    const labels = measureText(svg, names, 'series-label');
    const unit = measureText(svg, [yLabel], 'axis-label');
    const m = {
      top: unit.fontSize + 14,
      right: Math.min(width * 0.35, Math.max(24, ...labels.widths) + SWATCH + 14),
      bottom: tickText.fontSize + 16,
      left: Math.max(...tickText.widths, 0) + 16,
    };
    y.range([height - m.bottom, m.top]);
    const x = scaleUtc().domain([data.from, data.to]).range([m.left, width - m.right]);
    const timeFormat = x.tickFormat();
    const timeWidth = Math.max(...measureText(svg, x.ticks(5).map(timeFormat), '', 'tick').widths, 24);
    const last = (s: TimeSeries) => s.points[lastDefined(s.points.map((p) => p.v))] as { t: number; v: number } | undefined;
    this.#svg
      .attr('viewBox', `0 0 ${width} ${height}`)
      .attr('width', width)
      .attr('height', height)
      .attr('aria-label', `${title} (${yLabel}). ${data.series.map((s) => `${s.name}: latest ${last(s)?.v.toFixed(3) ?? 'none'}`).join('; ')}${sla.length ? `. Targets: ${sla.map((l) => `${l.name} ${l.value}`).join(', ')}` : ''}`);
    this.#svg.append('g').attr('transform', `translate(0,${height - m.bottom})`).call(axisBottom(x).ticks(tickCount(width - m.left - m.right, timeWidth, 6)));
    this.#svg.append('g').attr('transform', `translate(${m.left},0)`).call(axisLeft(y).tickValues(yTicks).tickFormat(y.tickFormat(5)));
    this.#svg.append('text').attr('class', 'axis-label y-label').attr('x', 4).attr('y', unit.fontSize).text(yLabel);
    const labelY = spreadLabels(
      [...data.series.map((s) => { const p = last(s); return p ? y(p.v) : height; }), ...sla.map((l) => y(l.value))],
      labels.fontSize * 1.15,
      m.top,
      height - m.bottom,
    );
    const labelX = width - m.right + 8;
    sla.forEach((l, i) => {
      this.#svg.append('line').attr('class', 'sla').attr('x1', m.left).attr('x2', width - m.right).attr('y1', y(l.value)).attr('y2', y(l.value));
      const at = labelY[data.series.length + i];
      this.#svg.append('line').attr('class', 'sla swatch').attr('x1', labelX).attr('x2', labelX + SWATCH - 4).attr('y1', at).attr('y2', at);
      this.#svg.append('text').attr('class', 'sla-label').attr('x', labelX + SWATCH).attr('y', at).attr('dy', '0.35em').text(l.name);
    });
    const path = line<{ t: number; v: number | null }>()
      .defined((p) => p.v !== null)
      .x((p) => x(p.t))
      .y((p) => y(p.v ?? 0));
    data.series.forEach((s, i) => {
      const colour = PALETTE[i % PALETTE.length];
      const g = this.#svg.append('g').attr('class', 'series');
      g.append('path').attr('fill', 'none').attr('stroke', colour).attr('stroke-width', 2.5).attr('d', path([...s.points]));
      for (const k of lonePoints(s.points.map((p) => p.v))) {
        g.append('circle').attr('class', 'lone').attr('r', 4.5).attr('fill', colour).attr('cx', x(s.points[k].t)).attr('cy', y(s.points[k].v!));
      }
      if (!last(s)) return;
      g.append('line').attr('class', 'swatch').attr('stroke', colour).attr('stroke-width', 2.5).attr('x1', labelX).attr('x2', labelX + SWATCH - 4).attr('y1', labelY[i]).attr('y2', labelY[i]);
      g.append('text').attr('class', 'series-label').style('fill', colour).attr('x', labelX + SWATCH).attr('y', labelY[i]).attr('dy', '0.35em').text(s.name);
    });
  }

  destroy(): void {
    this.#svg.remove();
  }
}

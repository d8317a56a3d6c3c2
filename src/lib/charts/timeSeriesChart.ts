/**
 * Time series of a few metrics over a shared UTC time axis (e.g. latency p50/p95/p99 per step),
 * with optional horizontal SLA lines from the success criteria. Gaps (null) break the line.
 */
import { axisBottom, axisLeft, line, max, scaleLinear, scaleUtc, select, type Selection } from 'd3';

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

const PALETTE = ['#2f5fd0', '#d0562f', '#1b8a5a', '#8a3fb8', '#b8871b'];

export class TimeSeriesChart {
  readonly #svg: Selection<SVGSVGElement, unknown, null, undefined>;
  readonly #title: string;
  readonly #yLabel: string;
  readonly #yMax: number | undefined;

  constructor(container: HTMLElement, options: { title: string; yLabel: string; yMax?: number }) {
    this.#title = options.title;
    this.#yLabel = options.yLabel;
    this.#yMax = options.yMax;
    this.#svg = select(container).append('svg').attr('role', 'img').attr('class', 'chart line-chart');
  }

  update(data: TimeSeriesData): void {
    const width = 560;
    const height = 220;
    const m = { top: 10, right: 120, bottom: 30, left: 56 };
    const values = data.series.flatMap((s) => s.points.map((p) => p.v).filter((v): v is number => v !== null));
    const top = this.#yMax ?? Math.max(max(values) ?? 1, ...(data.sla ?? []).map((l) => l.value)) * 1.1;
    const x = scaleUtc().domain([data.from, data.to]).range([m.left, width - m.right]);
    const y = scaleLinear().domain([0, top || 1]).nice().range([height - m.bottom, m.top]);
    const last = (s: TimeSeries) => [...s.points].reverse().find((p) => p.v !== null)?.v;
    this.#svg
      .attr('viewBox', `0 0 ${width} ${height}`)
      .attr('width', width)
      .attr('height', height)
      .attr('aria-label', `${this.#title}. ${data.series.map((s) => `${s.name}: latest ${last(s)?.toFixed(3) ?? 'none'}`).join('; ')}${data.sla?.length ? `. Targets: ${data.sla.map((l) => `${l.name} ${l.value}`).join(', ')}` : ''}`);
    this.#svg.selectAll('*').remove();
    this.#svg.append('g').attr('transform', `translate(0,${height - m.bottom})`).call(axisBottom(x).ticks(5));
    this.#svg.append('g').attr('transform', `translate(${m.left},0)`).call(axisLeft(y).ticks(5));
    this.#svg.append('text').attr('class', 'axis-label').attr('transform', `translate(14,${(height - m.bottom + m.top) / 2}) rotate(-90)`).attr('text-anchor', 'middle').text(this.#yLabel);
    for (const l of data.sla ?? []) {
      this.#svg.append('line').attr('class', 'sla').attr('x1', m.left).attr('x2', width - m.right).attr('y1', y(l.value)).attr('y2', y(l.value));
      this.#svg.append('text').attr('class', 'sla-label').attr('x', width - m.right + 6).attr('y', y(l.value)).attr('dy', '0.35em').text(l.name);
    }
    const path = line<{ t: number; v: number | null }>()
      .defined((p) => p.v !== null)
      .x((p) => x(p.t))
      .y((p) => y(p.v ?? 0));
    data.series.forEach((s, i) => {
      const colour = PALETTE[i % PALETTE.length];
      this.#svg.append('path').attr('fill', 'none').attr('stroke', colour).attr('stroke-width', 2.5).attr('d', path([...s.points]));
      const lastPoint = [...s.points].reverse().find((p) => p.v !== null);
      if (lastPoint) this.#svg.append('text').attr('class', 'series-label').attr('fill', colour).attr('x', x(lastPoint.t) + 6).attr('y', y(lastPoint.v!)).attr('dy', '0.35em').text(s.name);
    });
  }

  destroy(): void {
    this.#svg.remove();
  }
}

// Small uPlot wrappers for per-period charts: bars or lines over whole years (or any run of
// periods with labels, such as quarters), sized to their container and redrawn when it resizes.
// uPlot is served locally from node_modules.
import uPlot from '/assets/vendor/uplot/uPlot.esm.js';

export const COLOURS = {
  blue: '#0b4f8a',
  red: '#b3261e',
  orange: '#b25e00',
  green: '#00703c',
  grey: '#4a4f55',
};

/**
 * @typedef {object} SeriesSpec
 * @property {string} label
 * @property {(number | null)[]} values
 * @property {string} colour
 * @property {'bars' | 'line'} [kind] default line
 * @property {-1 | 0 | 1} [align] bars: left of, centred on, or right of the year
 * @property {string} [scale] default "y"
 * @property {(v: number) => string} [format] value in the legend
 * @property {string} [empty] the legend's word for a period without a value (a median of no
 *   payments), default "none": the legend always says something, never a dash
 */

const HEIGHT = 240;
const AXIS_FONT = '12px system-ui, sans-serif';

/**
 * Draws a chart of values per year into `box`; returns the uPlot instance. With `labels` (one per
 * x value), `years` may be any evenly spaced numbers (quarter 0, 1, 2 …) and the axis and legend
 * name each by its label ("2024-Q1"). Until the pointer rests on a period, the legend shows the
 * values of the latest period that has any, rather than dashes.
 * @param {HTMLElement} box
 * @param {{ years: number[], labels?: string[], series: SeriesSpec[], axes?: { scale: string, side?: 0 | 1 | 2 | 3, format: (v: number) => string }[] }} spec
 */
export function yearChart(box, spec) {
  const width = Math.max(280, box.clientWidth || 480);
  // The period the legend shows at rest: the latest with any value (a median of a quarter
  // without payments has none).
  const last = Math.max(
    0,
    ...spec.years.map((_x, i) => (spec.series.some((s) => s.values[i] != null) ? i : 0)),
  );
  const labelOf = (/** @type {number} */ x) => {
    const i = spec.years.indexOf(x);
    return spec.labels && i >= 0 ? (spec.labels[i] ?? String(x)) : String(x);
  };
  // Room one tick label needs: a year fits in 40 px; a label in about 8 px a character.
  const tickRoom = spec.labels ? Math.max(40, 8 * Math.max(...spec.labels.map((l) => l.length))) : 40;
  const scales = {
    x: {
      time: false,
      range: (/** @type {any} */ _u, /** @type {number} */ min, /** @type {number} */ max) => [
        min - 0.6,
        max + 0.6,
      ],
    },
  };
  const axes = [
    {
      font: AXIS_FONT,
      stroke: COLOURS.grey,
      grid: { show: false },
      splits: () => spec.years,
      // Every year when there is room, else every n-th one (always the latest).
      values: (/** @type {uPlot} */ u, /** @type {number[]} */ ticks) => {
        const perYear = u.bbox.width / devicePixelRatio / Math.max(1, ticks.length);
        const step = Math.max(1, Math.ceil(tickRoom / perYear));
        return ticks.map((t, i) => ((ticks.length - 1 - i) % step === 0 ? labelOf(t) : ''));
      },
    },
    ...(spec.axes ?? [{ scale: 'y', format: (/** @type {number} */ v) => String(v) }]).map((a) => ({
      scale: a.scale,
      side: a.side ?? 3,
      font: AXIS_FONT,
      stroke: COLOURS.grey,
      size: 56,
      grid: { show: a.side !== 1, stroke: '#dde0e2', width: 1 },
      values: (/** @type {any} */ _u, /** @type {number[]} */ ticks) => ticks.map(a.format),
    })),
  ];
  const series = [
    {
      label: spec.labels ? 'Period' : 'Year',
      value: (
        /** @type {any} */ _u,
        /** @type {number | null} */ v,
        /** @type {number} */ _s,
        /** @type {number | null} */ idx,
      ) => {
        const x = idx === null || idx === undefined ? spec.years[last] : v;
        return x === null || x === undefined ? '—' : labelOf(x);
      },
    },
    ...spec.series.map((s) => ({
      label: s.label,
      scale: s.scale ?? 'y',
      stroke: s.colour,
      width: s.kind === 'bars' ? 1 : 2,
      fill: s.kind === 'bars' ? `${s.colour}cc` : undefined,
      paths:
        s.kind === 'bars'
          ? uPlot.paths.bars?.({ size: [s.align ? 0.38 : 0.6, 48], align: s.align ?? 0 })
          : undefined,
      points: { show: s.kind !== 'bars', size: 6, fill: s.colour },
      value: (
        /** @type {any} */ _u,
        /** @type {number | null} */ v,
        /** @type {number} */ _s,
        /** @type {number | null} */ idx,
      ) => {
        const shown = idx === null || idx === undefined ? s.values[last] : v;
        return shown === null || shown === undefined ? (s.empty ?? 'none') : (s.format ?? String)(shown);
      },
    })),
  ];
  /** @type {Record<string, any>} */
  const allScales = { ...scales };
  for (const a of spec.axes ?? [])
    allScales[a.scale] = {
      range: (/** @type {any} */ _u, /** @type {number} */ _min, /** @type {number} */ max) => [
        0,
        max > 0 ? max * 1.1 : 1,
      ],
    };
  if (!spec.axes)
    allScales.y = {
      range: (/** @type {any} */ _u, /** @type {number} */ _min, /** @type {number} */ max) => [
        0,
        max > 0 ? max * 1.1 : 1,
      ],
    };
  const plot = new uPlot(
    {
      width,
      height: HEIGHT,
      scales: allScales,
      axes,
      series,
      cursor: { drag: { x: false, y: false } },
      legend: { live: true },
    },
    [spec.years, ...spec.series.map((s) => s.values)],
    box,
  );
  const resize = new ResizeObserver(() => {
    const w = Math.max(280, box.clientWidth);
    if (w !== plot.width) plot.setSize({ width: w, height: HEIGHT });
  });
  resize.observe(box);
  return plot;
}

// Small charts, each followed by a table with the same figures for screen readers (the chart
// itself is hidden from them). Used by the reflection page and the sponsor's page. Callers pass
// only figures the server sent, which already follow the minimum of 3: nothing under it is drawn.
import { h } from './ui.js';

/** The charting library, a webjar the server serves; its version is pom.xml's uplot.version. */
const UPLOT = '/webjars/uplot/1.6.30/dist/uPlot.esm.js';

/** A day as people read it: 5 Mar 2026. */
export const day = (iso) => new Date(iso).toLocaleDateString('en-GB', { day: 'numeric', month: 'short', year: 'numeric' });

/**
 * A small chart of one or more series, one point per entry in order, labelled below.
 * If the library cannot be loaded, the chart says so and the table below it still has the figures.
 */
export async function chart(container, { labels, series, yRange }) {
  try {
    const { default: UPlot } = await import(UPLOT);
    const width = Math.max(280, Math.min(640, container.clientWidth || 640));
    const colours = ['#1d70b8', '#00703c', '#d4351c'];
    const x = labels.map((_, i) => i + 1);
    // eslint-disable-next-line no-new
    new UPlot({
      width, height: 220, legend: { show: series.length > 1 }, cursor: { show: false },
      scales: { x: { time: false, range: [0.5, labels.length + 0.5] }, y: { range: yRange } },
      series: [{ label: 'Date' }, ...series.map((s, i) => ({ label: s.label, stroke: colours[i % colours.length], width: 2, points: { show: true, size: 8 } }))],
      axes: [
        { space: 70, values: (u, ticks) => ticks.map((t) => (Number.isInteger(t) ? labels[t - 1] ?? '' : '')) },
        { values: (u, ticks) => ticks.map((t) => (Number.isInteger(t) ? String(t) : '')) },
      ],
    }, [x, ...series.map((s) => s.values)], container);
  } catch {
    container.replaceChildren(h('p', { class: 'govuk-body-s', text: 'The chart could not be drawn. The table below has the same figures.' }));
  }
}

/**
 * A figure: its title, a place for the chart when there is something to draw, and a table of
 * the same figures (the first cell of each row is its header). Returns the figure and the chart's
 * area, to draw into once the figure is on the page.
 */
export function figure(title, tableCaption, headers, rows, draw) {
  const area = h('div', { class: 'circle-chart', 'aria-hidden': 'true' });
  const table = h('table', { class: 'govuk-table' },
    h('caption', { class: 'govuk-table__caption govuk-table__caption--s', text: tableCaption }),
    h('thead', { class: 'govuk-table__head' }, h('tr', { class: 'govuk-table__row' },
      headers.map((t) => h('th', { class: 'govuk-table__header', scope: 'col', text: t })))),
    h('tbody', { class: 'govuk-table__body' }, rows.map((r) => h('tr', { class: 'govuk-table__row' },
      r.map((c, i) => (i === 0 ? h('th', { class: 'govuk-table__header', scope: 'row', text: c }) : h('td', { class: 'govuk-table__cell', text: c })))))));
  const fig = h('figure', { class: 'circle-figure' }, h('figcaption', { class: 'govuk-heading-s', text: title }), draw ? area : null, table);
  return { fig, area };
}

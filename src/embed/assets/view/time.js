// @ts-check
/*
 * Time: the "as of" slider. Its stops are the dates at which the view changes (a relationship
 * starts, or the day after one ends; an effect of a decision while the decision is in force),
 * then "all dates" (no asOf).
 */
import { $ } from './base.js';
import { queryOf, view } from './address.js';
import { fetchView } from './data.js';

/**
 * @typedef {import('../../graph').GraphView} GraphView
 * @typedef {import('../../params').ViewParams} ViewParams
 */

const timeBox = $('time-box');
const timeInput = $('time', HTMLInputElement);
const timeValue = $('time-value');
/** The dates at which the view changes (a relationship starts, or the day after one ends), per view without asOf. */
let timeline = { key: '', /** @type {string[]} */ dates: /** @type {string[]} */ ([]) };

/** @param {string} d YYYY-MM-DD @returns {string} the day after */
function dayAfter(d) {
  const t = new Date(d + 'T00:00:00Z');
  t.setUTCDate(t.getUTCDate() + 1);
  return t.toISOString().slice(0, 10);
}

/** @param {ViewParams} v */
const timelineKey = (v) => queryOf({ ...v, asOf: null, expand: [] });

/** @param {GraphView} graph */
function datesOf(graph) {
  /** @type {string[]} */
  const out = [];
  for (const { data } of graph.elements.edges) {
    if (data.validFrom) out.push(data.validFrom);
    if (data.validTo) out.push(dayAfter(data.validTo));
    // An effect of a decision holds while the decision is in force (9999-12-31: no end known).
    for (const d of data.inForceFrom || []) out.push(d);
    for (const d of data.inForceTo || []) if (d < '9999') out.push(dayAfter(d));
  }
  return out;
}

/**
 * Gathers the view's dates for the slider: from the view itself when it has no asOf (it then
 * holds every relationship), else from the same view without asOf, asked for once.
 * @param {GraphView} graph
 */
export async function updateTimeline(graph) {
  const key = timelineKey(graph.view);
  if (key !== timeline.key) {
    timeline = { key, dates: [] };
    if (graph.view.asOf) {
      try {
        const all = await fetchView({ ...graph.view, asOf: null });
        if (timeline.key !== key) return;
        timeline.dates = datesOf(all);
      } catch {
        // No slider is better than a wrong one: the view itself is drawn all the same.
      }
    }
  }
  if (!graph.view.asOf) timeline.dates.push(...datesOf(graph));
  timeline.dates = [...new Set(timeline.dates)].sort();
  renderTime();
}

/** The slider's stops: the view's dates, the one in the address, and last "all dates" (no asOf). */
function stops() {
  const dates = new Set(timeline.dates);
  if (view?.asOf) dates.add(view.asOf);
  return [...dates].sort();
}

/** @param {number} i @param {string[]} list */
const stopText = (i, list) => (i < list.length ? 'as of ' + list[i] : 'all dates');

function renderTime() {
  const list = stops();
  timeBox.hidden = list.length === 0;
  timeInput.max = String(list.length);
  const i = view?.asOf ? list.indexOf(view.asOf) : list.length;
  timeInput.value = String(i);
  timeInput.dataset.dates = list.join(',');
  showTimeValue(i, list);
}

/** The slider follows the view on screen, once it has dates (a view's first drawing gathers them). */
export function followView() {
  if (timeline.key) renderTime();
}

/** @param {number} i @param {string[]} list */
function showTimeValue(i, list) {
  timeValue.textContent = i < list.length ? list[i] : 'all';
  timeInput.setAttribute('aria-valuetext', stopText(i, list));
}

/**
 * Calls `pick` with the day the reader moved the slider to (null: every date).
 * @param {(asOf: string | null) => void} pick
 */
export function onTimePicked(pick) {
  timeInput.addEventListener('input', () => showTimeValue(Number(timeInput.value), stops()));
  timeInput.addEventListener('change', () => {
    const list = stops();
    const i = Number(timeInput.value);
    if (view) pick(i < list.length ? list[i] : null);
  });
}

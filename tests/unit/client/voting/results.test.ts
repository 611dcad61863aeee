/** A dot vote's results as the table and the chart show them, and the chart's mirroring in RTL. */
import { describe, expect, it } from 'vitest';
import { barChartConfig, wrapLabel, type ChartSettings } from '../../../../src/client/charts/chart-config.ts';
import { voteResults } from '../../../../src/client/features/dialogues/voting/results.ts';

const THEMES = [
  { id: 'a', name: 'Trygghet' },
  { id: 'b', name: 'Fritid' },
  { id: 'c', name: 'Skolan' },
];

describe('vote results', () => {
  it('sums the dots per theme, most first, with every theme listed (none: 0)', () => {
    const results = voteResults(THEMES, [{ dots: { a: 2, b: 1 } }, { dots: { b: 3 } }]);
    expect(results.rows).toEqual([
      { themeId: 'b', name: 'Fritid', dots: 4 },
      { themeId: 'a', name: 'Trygghet', dots: 2 },
      { themeId: 'c', name: 'Skolan', dots: 0 },
    ]);
    expect(results.voters).toBe(2);
    expect(results.total).toBe(6);
    expect(results.top.map((r) => r.name)).toEqual(['Fritid']);
  });

  it('keeps the themes’ own order between equals, and names every theme that shares the top', () => {
    const results = voteResults(THEMES, [{ dots: { c: 2 } }, { dots: { a: 2 } }]);
    expect(results.rows.map((r) => r.themeId)).toEqual(['a', 'c', 'b']);
    expect(results.top.map((r) => r.themeId)).toEqual(['a', 'c']);
  });

  it('leaves out dots on a theme that was deleted since, and has no top before any dot', () => {
    const results = voteResults(THEMES, [{ dots: { gone: 3, a: 1 } }]);
    expect(results.total).toBe(1);
    expect(results.rows.find((r) => r.themeId === 'gone')).toBeUndefined();
    expect(voteResults(THEMES, []).top).toEqual([]);
    expect(voteResults(THEMES, []).total).toBe(0);
  });
});

describe('the results chart', () => {
  const settings: ChartSettings = {
    axis: 'Prickar',
    locale: 'sv',
    rtl: false,
    fontFamily: 'Noto Sans',
    reducedMotion: false,
  };
  const rows = voteResults(THEMES, [{ dots: { a: 2, b: 1 } }]).rows.map((r) => ({
    name: r.name,
    value: r.dots,
  }));

  it('is a horizontal bar per theme, in the order of the table, with whole-dot ticks', () => {
    const config = barChartConfig(rows, settings);
    expect(config.type).toBe('bar');
    expect(config.options?.indexAxis).toBe('y');
    expect(config.data.labels).toEqual(['Trygghet', 'Fritid', 'Skolan']);
    expect(config.data.datasets[0]?.data).toEqual([2, 1, 0]);
    expect(config.options?.scales?.x?.title).toMatchObject({ display: true, text: 'Prickar' });
    expect(config.options?.locale).toBe('sv');
  });

  it('is mirrored in a right-to-left language: the value axis reversed, the names on the right', () => {
    const ltr = barChartConfig(rows, settings);
    expect(ltr.options?.scales?.x?.reverse).toBe(false);
    expect(ltr.options?.scales?.y?.position).toBe('left');
    const rtl = barChartConfig(rows, { ...settings, rtl: true, locale: 'ar', axis: 'النقاط' });
    expect(rtl.options?.scales?.x?.reverse).toBe(true);
    expect(rtl.options?.scales?.y?.position).toBe('right');
    expect(rtl.options?.locale).toBe('ar');
  });

  it('does not animate for someone who asked for less motion', () => {
    expect(barChartConfig(rows, { ...settings, reducedMotion: true }).options?.animation).toBe(false);
    expect(barChartConfig(rows, settings).options?.animation).not.toBe(false);
  });

  it('wraps a long theme name between words, so a phone keeps room for the bars', () => {
    expect(wrapLabel('Kort')).toBe('Kort');
    expect(wrapLabel('Fler vuxna ute i centrum på kvällarna', 20)).toEqual([
      'Fler vuxna ute i',
      'centrum på kvällarna',
    ]);
    expect(wrapLabel('Ett-enda-långt-ord-utan-mellanrum', 10)).toBe('Ett-enda-långt-ord-utan-mellanrum');
  });
});

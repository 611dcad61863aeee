import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import type { Change } from '../../../../src/shared/sync/change.ts';
import { formatHlc } from '../../../../src/shared/sync/hlc.ts';
import { applyChange, checkChange, type RecordState } from '../../../../src/shared/sync/merge.ts';
import { TextFieldDoc, yjsTextMerger } from '../../../../src/shared/sync/text-merge.ts';

const RECORD = '0193a6b2-7c1d-7e2f-8a9b-0c1d2e3f4a5b';
let n = 0;
function change(fields: Change['fields'], ms: number, device = 'dev-a', entity = 'dialogue'): Change {
  n++;
  return {
    changeId: `0193a6b2-7c1d-7e2f-8a9b-${String(n).padStart(12, '0')}`,
    entity: entity as Change['entity'],
    recordId: RECORD,
    tenantId: 't1',
    fields,
    hlc: formatHlc({ ms, counter: 0 }, device),
    deviceId: device,
    userId: null,
  };
}

function applyAll(changes: readonly Change[]): RecordState | undefined {
  return changes.reduce<RecordState | undefined>(
    (state, c) => applyChange(state, c, yjsTextMerger),
    undefined,
  );
}

describe('merge', () => {
  it('keeps the value with the newest stamp per field, whatever the arrival order', () => {
    const a = change({ title: 'Trygghet', question: 'Fråga A' }, 100, 'dev-a');
    const b = change({ title: 'Trygghet i skolan' }, 200, 'dev-b');
    const c = change({ question: 'Fråga C' }, 150, 'dev-c');
    for (const order of [
      [a, b, c],
      [c, b, a],
      [b, a, c],
    ]) {
      expect(applyAll(order)?.values).toEqual({ title: 'Trygghet i skolan', question: 'Fråga C' });
    }
  });

  it('converges for any order and any repetition of the same changes (property)', () => {
    const arbitraryChange = fc.record({
      field: fc.constantFrom('title', 'question', 'status'),
      value: fc.string({ maxLength: 5 }),
      ms: fc.integer({ min: 0, max: 50 }),
      device: fc.constantFrom('a', 'b', 'c'),
    });
    fc.assert(
      fc.property(
        fc.uniqueArray(arbitraryChange, { selector: (c) => `${c.ms}-${c.device}`, maxLength: 12 }),
        fc.infiniteStream(fc.nat()),
        (specs, seeds) => {
          const changes = specs.map((s) => change({ [s.field]: s.value }, s.ms, s.device));
          const reference = applyAll(changes);
          const shuffled = [...changes, ...changes.slice(0, 3)].sort(
            () => ((seeds.next().value as number) % 3) - 1,
          );
          expect(applyAll(shuffled)).toEqual(reference);
        },
      ),
      { numRuns: 300 },
    );
  });

  it('keeps both sentences when two tablets type into the same notes offline', () => {
    const base = new TextFieldDoc();
    const first = base.replace('Vi vill ha fler lampor.');
    const start = base.state();
    const tabletA = new TextFieldDoc(start);
    const tabletB = new TextFieldDoc(start);
    const fromA = tabletA.replace('Vi vill ha fler lampor. Och bänkar i parken.');
    const fromB = tabletB.replace('Vi vill ha fler lampor. Busskortet ska vara gratis.');
    // Merge through the text merger in both orders: same text, both sentences.
    const ab = yjsTextMerger.text(yjsTextMerger.merge([first!, fromA!, fromB!]));
    const ba = yjsTextMerger.text(yjsTextMerger.merge([fromB!, first!, fromA!]));
    expect(ab).toBe(ba);
    expect(ab).toContain('Och bänkar i parken.');
    expect(ab).toContain('Busskortet ska vara gratis.');
    expect(ab.startsWith('Vi vill ha fler lampor.')).toBe(true);
  });

  it('refuses unknown entities and fields, and changes to an append-only record', () => {
    expect(checkChange(change({ title: 'x' }, 1, 'a', 'meeting'), undefined)).toEqual({
      ok: false,
      code: 'unknown_entity',
    });
    expect(checkChange(change({ colour: 'red' }, 1), undefined)).toEqual({
      ok: false,
      code: 'unknown_field',
      field: 'colour',
    });
    const created = change(
      {
        dialogueId: RECORD,
        targetEntity: 'dialogue',
        targetId: RECORD,
        field: 'question',
        lang: 'en',
        text: 'hello',
        createdAt: 'x',
      },
      1,
      'a',
      'translation',
    );
    const state = applyChange(undefined, created, null);
    expect(checkChange(created, undefined)).toEqual({ ok: true });
    expect(checkChange(change({ translatedBy: 'Eva' }, 2, 'a', 'translation'), state)).toEqual({
      ok: false,
      code: 'append_only',
    });
    expect(checkChange(change({ deleted: true }, 3, 'a', 'translation'), state)).toEqual({ ok: true });
  });

  it('refuses a device change to a field only the server sets (the join code)', () => {
    expect(checkChange(change({ joinCode: 'ACDEFH' }, 1), undefined)).toEqual({
      ok: false,
      code: 'forbidden',
      field: 'joinCode',
    });
  });

  it('refuses to change a field that is set once', () => {
    const created = applyChange(undefined, change({ title: 'T', createdAt: '2026-01-01' }, 1), null);
    expect(checkChange(change({ createdAt: '2027-01-01' }, 2), created)).toEqual({
      ok: false,
      code: 'immutable_field',
      field: 'createdAt',
    });
    expect(checkChange(change({ createdAt: '2026-01-01' }, 2), created)).toEqual({ ok: true });
  });

  it('refuses a change to a record of another municipality', () => {
    const created = applyChange(undefined, change({ title: 'T' }, 1), null);
    expect(checkChange({ ...change({ title: 'U' }, 2), tenantId: 't2' }, created)).toEqual({
      ok: false,
      code: 'wrong_municipality',
    });
  });
});

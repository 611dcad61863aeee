import * as v from 'valibot';
import { describe, expect, it } from 'vitest';
import { ChangeSchema, isJsonValue } from '../../../../src/shared/sync/change.ts';

const change = (fields: Record<string, unknown>) => ({
  changeId: '0193a6b2-7c1d-7e2f-8a9b-000000000001',
  entity: 'dialogue',
  recordId: '0193a6b2-0000-7000-8000-00000000d001',
  tenantId: 'm',
  fields,
  hlc: '001732000000000-0000-device',
  deviceId: 'device',
  userId: null,
});

describe('a change as the server receives it', () => {
  it('takes every value JSON can carry, nested', () => {
    const fields = {
      title: 'Parken',
      dots: 3,
      price: -0.5,
      votingOpen: false,
      closedAt: null,
      articles: [12, 31],
      dots2: { a: 1, b: [true, null, { c: 'd' }] },
      summary: { y: 'AQID' },
    };
    expect(v.safeParse(ChangeSchema, change(fields)).success).toBe(true);
    expect(isJsonValue(JSON.parse(JSON.stringify(fields)))).toBe(true);
  });

  it('refuses what JSON cannot carry, or nests too deep', () => {
    for (const bad of [undefined, NaN, Infinity, () => 1, new Date(0), new Map(), 10n, Symbol('x')]) {
      expect(isJsonValue(bad), String(bad)).toBe(false);
      expect(v.safeParse(ChangeSchema, change({ title: bad })).success, String(bad)).toBe(false);
      expect(isJsonValue({ deep: [1, { bad }] }), String(bad)).toBe(false);
    }
    let nested: unknown = 'x';
    for (let depth = 0; depth < 16; depth++) nested = [nested];
    expect(isJsonValue(nested)).toBe(true);
    expect(isJsonValue([nested])).toBe(false);
  });

  it('names the field whose value is wrong', () => {
    const result = v.safeParse(ChangeSchema, change({ title: 'ok', order: NaN }));
    expect(result.success).toBe(false);
    const issue = result.issues?.[0];
    expect(issue?.message).toBe('Invalid JSON value');
    expect(v.getDotPath(issue!)).toBe('fields.order');
  });
});

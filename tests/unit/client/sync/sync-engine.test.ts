import { describe, expect, it } from 'vitest';
import type { Change } from '../../../../src/shared/sync/change.ts';
import { backoffDelay } from '../../../../src/client/sync/sync-engine.ts';
import { batches } from '../../../../src/client/sync/push-pull.ts';
import { parseEvents } from '../../../../src/client/sync/live-channel.ts';

function change(i: number, text = 'x'): Change {
  return {
    changeId: `c${i}`,
    entity: 'contribution',
    recordId: `r${i}`,
    tenantId: 't',
    fields: { text },
    hlc: 'h',
    deviceId: 'd',
    userId: null,
  };
}

describe('sync engine pieces', () => {
  it('splits the outbox into batches under both the count and the byte limit, keeping order', () => {
    const changes = Array.from({ length: 12 }, (_, i) => change(i));
    const byCount = batches(changes, 5, 1_000_000);
    expect(byCount.map((b) => b.length)).toEqual([5, 5, 2]);
    expect(byCount.flat().map((c) => c.changeId)).toEqual(changes.map((c) => c.changeId));
    const big = Array.from({ length: 4 }, (_, i) => change(i, 'y'.repeat(400)));
    const byBytes = batches(big, 100, 1000);
    expect(byBytes.every((b) => JSON.stringify(b).length <= 1000 + b.length)).toBe(true);
    expect(byBytes.flat()).toHaveLength(4);
  });

  it('puts a change larger than the byte limit in a batch of its own rather than dropping it', () => {
    const huge = change(1, 'z'.repeat(5000));
    expect(batches([change(0), huge, change(2)], 100, 1000).map((b) => b.map((c) => c.changeId))).toEqual([
      ['c0'],
      ['c1'],
      ['c2'],
    ]);
  });

  it('backs off exponentially with jitter, capped at five minutes', () => {
    expect(backoffDelay(0, () => 0)).toBe(500);
    expect(backoffDelay(0, () => 1)).toBe(1000);
    expect(backoffDelay(3, () => 1)).toBe(8000);
    expect(backoffDelay(30, () => 1)).toBe(300_000);
    expect(backoffDelay(30, () => 0)).toBe(150_000);
  });

  it('parses server-sent events across chunk boundaries', () => {
    const first = parseEvents(': hello\n\nevent: changes\ndata: {"cursor":4}\n\nevent: cha');
    expect(first.events).toEqual([{ event: 'changes', data: '{"cursor":4}' }]);
    const second = parseEvents(`${first.rest}nges\ndata: {"cursor":5}\n\n`);
    expect(second.events).toEqual([{ event: 'changes', data: '{"cursor":5}' }]);
    expect(second.rest).toBe('');
  });
});

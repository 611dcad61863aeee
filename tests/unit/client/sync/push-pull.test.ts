/**
 * The sync legs (src/client/sync/push-pull.ts) against a scripted server (fetch replaced): pushes go
 * out one at a time in outbox order even though acknowledgements and outbox reads overlap them; a
 * 413 halves a batch, a 422 marks the refused change and sends the rest; an answer acknowledging
 * nothing fails the leg; pulled pages are applied in order, the next one fetched with the cursor of
 * the one before.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { acknowledge } from '../../../../src/client/db/outbox.ts';
import { applyPulledChanges, readCursor } from '../../../../src/client/db/sync-apply.ts';
import { pullAll, pushOutbox } from '../../../../src/client/sync/push-pull.ts';
import type { Change } from '../../../../src/shared/sync/change.ts';
import type { PullResponse, PushRequest, PushResponse } from '../../../../src/shared/sync/protocol.ts';
import { MAX_PUSH_CHANGES } from '../../../../src/shared/sync/protocol.ts';
import { freshRepositories } from '../../helpers/db.ts';

const TENANT = 'borlange';
const WRITER = { tenantId: TENANT, userId: 'user-anna' };
const SESSION = { token: 't', tenantId: TENANT };

type Answer = { status: number; body: unknown };

/** Replaces fetch: each push body (inflated) is recorded and answered by `answer`. */
function scriptedServer(answer: (body: PushRequest, index: number) => Answer) {
  const pushes: PushRequest[] = [];
  vi.stubGlobal('fetch', async (path: string, init: RequestInit) => {
    const raw = init.body as string | Uint8Array<ArrayBuffer>;
    const text =
      typeof raw === 'string'
        ? raw
        : await new Response(new Blob([raw]).stream().pipeThrough(new DecompressionStream('gzip'))).text();
    // The cursor travels in the address (`?after=`).
    const after = new URL(path, 'http://x').searchParams.get('after');
    const body = {
      ...(JSON.parse(text) as PushRequest),
      ...(after === null ? {} : { after: Number(after) }),
    };
    pushes.push(body);
    const { status, body: json } = answer(body, pushes.length - 1);
    return new Response(JSON.stringify(json), { status, headers: { 'content-type': 'application/json' } });
  });
  return pushes;
}

const acknowledgeAll = (body: PushRequest, seq = 0): PushResponse => ({
  acknowledged: body.changes.map((c, i) => ({ changeId: c.changeId, seq: seq + i + 1 })),
  notices: [],
});

async function withContributions(count: number) {
  const repos = freshRepositories();
  const dialogue = await repos.dialogues.create(
    { title: 'Trygghet', question: 'Vad gör dig trygg?' },
    WRITER,
  );
  for (let i = 0; i < count; i++)
    await repos.contributions.add({ dialogueId: dialogue.id, text: `Förslag ${i}`, lang: 'sv' }, WRITER);
  const order = (await repos.db.outbox.orderBy('seq').toArray()).map((row) => row.changeId);
  return { repos, order };
}

afterEach(() => {
  vi.unstubAllGlobals();
});

/** Contributions for three outbox pages (with the dialogue: two full ones and a part). */
const THREE_PAGES = 2 * MAX_PUSH_CHANGES + 100;

// Some cases write 2,100 contributions through fake-indexeddb first: seconds on a busy machine.
describe('pushing the outbox', { timeout: 30_000 }, () => {
  it('sends every change once, in outbox order, over several pages, and empties the outbox', async () => {
    const { repos, order } = await withContributions(THREE_PAGES);
    let seq = 0;
    const pushes = scriptedServer((body) => {
      const answer = acknowledgeAll(body, seq);
      seq += body.changes.length;
      return { status: 200, body: answer };
    });
    await pushOutbox(repos.db, SESSION);
    expect(pushes.flatMap((p) => p.changes.map((c) => c.changeId))).toEqual(order);
    expect(pushes.length).toBeGreaterThanOrEqual(3);
    expect(await repos.db.outbox.count()).toBe(0);
  });

  it('moves the cursor past its own changes push by push, each push carrying the cursor the last one left', async () => {
    const { repos } = await withContributions(THREE_PAGES);
    // A device skips only from a cursor it saved (one that never pulled must pull).
    await applyPulledChanges(repos.db, TENANT, [], 0, null);
    let seq = 0;
    const pushes = scriptedServer((body) => {
      const answer = { ...acknowledgeAll(body, seq), cursor: seq + body.changes.length };
      seq += body.changes.length;
      return { status: 200, body: answer };
    });
    await pushOutbox(repos.db, SESSION);
    expect(pushes.map((p) => p.after)).toEqual([0, MAX_PUSH_CHANGES, 2 * MAX_PUSH_CHANGES]);
    expect(await readCursor(repos.db, TENANT)).toBe(THREE_PAGES + 1);
  });

  it('halves a batch the server finds too large, and refuses (keeps, marked) one change too large alone', async () => {
    const { repos, order } = await withContributions(3);
    const tooBig = order[2]!;
    const pushes = scriptedServer((body) =>
      body.changes.length > 1 || body.changes[0]!.changeId === tooBig
        ? { status: 413, body: { code: 'batch_too_large', message: 'Too large' } }
        : { status: 200, body: acknowledgeAll(body) },
    );
    await pushOutbox(repos.db, SESSION);
    expect(pushes.filter((p) => p.changes.length === 1).map((p) => p.changes[0]!.changeId)).toEqual(order);
    const left = await repos.db.outbox.toArray();
    expect(left.map((row) => [row.changeId, row.rejection?.code])).toEqual([[tooBig, 'invalid_value']]);
  });

  it('marks a refused change (422), keeps it, and sends the rest of its batch again', async () => {
    const { repos, order } = await withContributions(2);
    const refused = order[1]!;
    const pushes = scriptedServer((body) =>
      body.changes.some((c: Change) => c.changeId === refused)
        ? {
            status: 422,
            body: {
              code: 'changes_rejected',
              message: 'Refused',
              rejected: [{ changeId: refused, code: 'unknown_field', message: 'Unknown field' }],
            },
          }
        : { status: 200, body: acknowledgeAll(body) },
    );
    await pushOutbox(repos.db, SESSION);
    expect(pushes).toHaveLength(2);
    expect(pushes[1]!.changes.map((c) => c.changeId)).toEqual([order[0], order[2]]);
    const left = await repos.db.outbox.toArray();
    expect(left.map((row) => [row.changeId, row.rejection?.code])).toEqual([[refused, 'unknown_field']]);
  });

  it('fails when the server acknowledges nothing, and loses nothing', async () => {
    const { repos } = await withContributions(2);
    scriptedServer(() => ({ status: 200, body: { acknowledged: [], notices: [] } }));
    await expect(pushOutbox(repos.db, SESSION)).rejects.toThrow(/acknowledged none/);
    expect(await repos.db.outbox.count()).toBe(3);
  });

  it('keeps what was acknowledged before the network failed, and the rest', async () => {
    const { repos } = await withContributions(THREE_PAGES);
    scriptedServer((body, index) => {
      if (index === 1) throw new TypeError('Failed to fetch');
      return { status: 200, body: acknowledgeAll(body, index * MAX_PUSH_CHANGES) };
    });
    await expect(pushOutbox(repos.db, SESSION)).rejects.toThrow();
    expect(await repos.db.outbox.count()).toBe(THREE_PAGES + 1 - MAX_PUSH_CHANGES);
  });
});

describe('pulling', () => {
  it('fetches each page with the cursor of the one before and applies them all, in order', async () => {
    const source = await withContributions(5);
    const changes = (await source.repos.db.outbox.orderBy('seq').toArray()).map((row, i) => ({
      ...row,
      seq: i + 1,
    }));
    const pages: PullResponse[] = [
      { changes: changes.slice(0, 2), cursor: 2, hasMore: true },
      { changes: changes.slice(2, 4), cursor: 4, hasMore: true },
      { changes: changes.slice(4), cursor: 6, hasMore: false },
    ];
    const asked: string[] = [];
    vi.stubGlobal('fetch', async (path: string) => {
      asked.push(new URL(path, 'http://x').searchParams.get('after')!);
      return new Response(JSON.stringify(pages[asked.length - 1]), { status: 200 });
    });
    const device = freshRepositories();
    const progress: number[] = [];
    await pullAll(device.db, SESSION, { onProgress: (n) => progress.push(n) });
    expect(asked).toEqual(['0', '2', '4']);
    expect(progress).toEqual([2, 4]);
    expect(await readCursor(device.db, TENANT)).toBe(6);
    expect(await device.db.contributions.count()).toBe(5);
  });
});

describe('acknowledging', () => {
  it('deletes exactly the acknowledged rows, whether their keys follow one another or not', async () => {
    const { repos, order } = await withContributions(5);
    const rows = await repos.db.outbox.orderBy('seq').toArray();
    const keys = new Map(rows.map((row) => [row.changeId, row.seq!]));
    // Keys with a gap: the row between must stay.
    await acknowledge(repos.db, [order[0]!, order[1]!, order[3]!], keys);
    expect((await repos.db.outbox.toArray()).map((row) => row.changeId)).toEqual([
      order[2],
      order[4],
      order[5],
    ]);
    // Keys one after another (one range): the rows outside it stay.
    await acknowledge(repos.db, [order[4]!, order[5]!], keys);
    expect((await repos.db.outbox.toArray()).map((row) => row.changeId)).toEqual([order[2]]);
  });
});

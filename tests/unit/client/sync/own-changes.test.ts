/**
 * The device's half of not pulling back its own changes: which pushes may ask for it (not one that
 * carries changes imported from a file, whose records this device does not have yet), and how the
 * cursor moves on the answer (only from where the push started or further, never backwards).
 */
import { describe, expect, it } from 'vitest';
import { importChanges } from '../../../../src/client/db/changes-import.ts';
import { exportChanges } from '../../../../src/client/db/local-data.ts';
import { pushableChanges, toChange } from '../../../../src/client/db/outbox.ts';
import { applyPulledChanges, readCursor, skipOwnChanges } from '../../../../src/client/db/sync-apply.ts';
import { outboxPage, pushAnswered, pushBody } from '../../../../src/client/sync/push-pull.ts';
import { freshRepositories } from '../../helpers/db.ts';

const TENANT = 'borlange';
const WRITER = { tenantId: TENANT, userId: 'user-anna' };

async function atCursor(cursor: number) {
  const repos = freshRepositories();
  await applyPulledChanges(repos.db, TENANT, [], cursor, null);
  return repos;
}

describe('skipping one’s own changes', () => {
  it('sends the cursor with changes written here, and moves it on the answer', async () => {
    const repos = await atCursor(7);
    await repos.dialogues.create({ title: 'Trygghet', question: 'Q' }, WRITER);
    const rows = await pushableChanges(repos.db, TENANT, 500);
    const page = outboxPage(rows);
    const body = pushBody(rows.map(toChange), page, await readCursor(repos.db, TENANT));
    expect(body.after).toBe(7);
    await pushAnswered(
      repos.db,
      { tenantId: TENANT },
      body,
      { acknowledged: [{ changeId: rows[0]!.changeId, seq: 8 }], notices: [], cursor: 8 },
      page,
    );
    expect(await readCursor(repos.db, TENANT)).toBe(8);
    expect(await repos.db.outbox.count()).toBe(0);
  });

  it('does not send the cursor with changes imported from a file: their records come with the pull', async () => {
    const source = await atCursor(0);
    await source.dialogues.create({ title: 'Från en annan surfplatta', question: 'Q' }, WRITER);
    const file = JSON.stringify(await exportChanges(source.db, TENANT, { id: TENANT, name: 'Borlänge' }));
    const repos = await atCursor(3);
    await repos.dialogues.create({ title: 'Härifrån', question: 'Q' }, WRITER);
    await importChanges(repos.db, file, WRITER);
    const rows = await pushableChanges(repos.db, TENANT, 500);
    expect(rows).toHaveLength(2);
    const page = outboxPage(rows);
    const [own, imported] = rows.map(toChange);
    const after = await readCursor(repos.db, TENANT);
    expect(pushBody([own!], page, after).after).toBe(3);
    expect(pushBody([own!, imported!], page, after).after).toBeUndefined();
  });

  it('moves the cursor only from where the push started or further, and never backwards', async () => {
    const repos = await atCursor(10);
    // Another tab pulled further meanwhile: still fine to move past the device's own changes.
    await skipOwnChanges(repos.db, TENANT, 8, 12);
    expect(await readCursor(repos.db, TENANT)).toBe(12);
    await skipOwnChanges(repos.db, TENANT, 12, 11);
    expect(await readCursor(repos.db, TENANT)).toBe(12);
    // A cursor behind the push's (another municipality's, or none after a sign-out wipe): unmoved.
    await skipOwnChanges(repos.db, 'falun', 0, 5);
    expect(await readCursor(repos.db, 'falun')).toBe(0);
    const fresh = freshRepositories();
    await skipOwnChanges(fresh.db, TENANT, 0, 5);
    expect(await readCursor(fresh.db, TENANT)).toBe(0);
  });
});

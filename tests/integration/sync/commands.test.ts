/**
 * Status changes are named commands checked by the shared state machine on the server: a command
 * that is no longer possible (someone else moved the dialogue on first) is refused with a notice,
 * never applied silently, and the device that ran it is set back by a compensating change.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ChangesRejected, pushChanges } from '../../../src/server/sync/change-log.ts';
import { SqliteStorage } from '../../../src/server/storage/sqlite-storage.ts';
import type { Storage } from '../../../src/server/storage/storage.ts';
import { ACTOR, createMunicipality, Device, heal, serverSnapshot, snapshot } from './simulation.ts';

let dir: string;
let storage: Storage;

beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'delaktig-commands-'));
  storage = await SqliteStorage.open(dir);
  await createMunicipality(storage);
});
afterEach(async () => {
  await storage.close();
  rmSync(dir, { recursive: true, force: true });
});

async function twoTabletsWithAClosedDialogue() {
  const a = new Device('a', 0);
  const b = new Device('b', 5000);
  const dialogue = await a.dialogues.create({ title: 'Trygghet', question: 'Q' }, a.writer);
  await a.dialogues.transition(dialogue.id, 'open', a.writer);
  await a.dialogues.transition(dialogue.id, 'close', a.writer);
  await heal(storage, a);
  await heal(storage, b);
  return { a, b, id: dialogue.id };
}

describe('status commands', () => {
  it('refuses a command someone else made impossible, tells the device, and sets it back', async () => {
    const { a, b, id } = await twoTabletsWithAClosedDialogue();
    // Offline, A reports the dialogue while B reopens it.
    await a.dialogues.transition(id, 'report', a.writer);
    await b.dialogues.transition(id, 'open', b.writer);
    expect((await b.dialogues.get(id))?.status).toBe('open');
    await heal(storage, a);
    const [reopen] = await b.outboxBatch();
    const answer = await pushChanges(storage, ACTOR, [reopen!]);
    expect(answer.acknowledged.map((x) => x.changeId)).toEqual([reopen!.changeId]);
    expect(answer.notices).toEqual([
      expect.objectContaining({ changeId: reopen!.changeId, code: 'command_refused' }),
    ]);
    expect(answer.notices[0]!.message).toContain('reported');
    await heal(storage, b);
    await heal(storage, a);
    expect((await b.dialogues.get(id))?.status).toBe('reported');
    expect(await snapshot(a)).toEqual(await serverSnapshot(storage));
    expect(await snapshot(b)).toEqual(await serverSnapshot(storage));
    // A retry of the refused command changes nothing and is acknowledged again.
    const again = await pushChanges(storage, ACTOR, [reopen!]);
    expect(again.acknowledged).toEqual(answer.acknowledged);
  });

  it('refuses a command the role may not run, with a notice', async () => {
    const { a, id } = await twoTabletsWithAClosedDialogue();
    await a.dialogues.transition(id, 'report', a.writer);
    const [report] = await a.outboxBatch();
    const answer = await pushChanges(storage, { ...ACTOR, role: 'politician' }, [report!]);
    expect(answer.notices[0]?.message).toContain('role_may_not');
    await heal(storage, a);
    expect((await a.dialogues.get(id))?.status).toBe('closed');
  });

  it('refuses a status set without a command (422), so nobody can skip the machine', async () => {
    const { a, id } = await twoTabletsWithAClosedDialogue();
    await a.dialogues.update(id, { title: 'Ny rubrik' }, a.writer);
    const [edit] = await a.outboxBatch();
    const sneaky = { ...edit!, fields: { ...edit!.fields, status: 'feedbackGiven' } };
    await expect(pushChanges(storage, ACTOR, [sneaky])).rejects.toBeInstanceOf(ChangesRejected);
    await expect(pushChanges(storage, ACTOR, [sneaky])).rejects.toMatchObject({
      rejected: [expect.objectContaining({ code: 'immutable_field', field: 'status' })],
    });
  });

  it('refuses on the device a command its own status does not allow', async () => {
    const { a, id } = await twoTabletsWithAClosedDialogue();
    await expect(a.dialogues.transition(id, 'giveFeedback', a.writer)).rejects.toThrow(
      /not possible while the status is "closed"/,
    );
    expect(await a.db.outbox.count()).toBe(0);
  });
});

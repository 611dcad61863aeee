/**
 * The dialogue's status machine as the server runs it, exhaustively: for every status a dialogue can
 * be in (reached through allowed commands), every command and every role, a pushed command either
 * moves the stored status to its target with no notice, or leaves it where it was and comes back
 * with exactly one `command_refused` notice (and a compensating change that devices pull).
 *
 * The expectation comes from the table below, written out by hand (the issue's words: planned →
 * open → closed → reported → feedback given, reopen closed → open; officials report and give
 * feedback), not from checkCommand: so this test fails if the machine itself is wrong.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { v7 as uuidv7 } from 'uuid';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pushChanges, SERVER_DEVICE, type Actor } from '../../../src/server/sync/change-log.ts';
import { pullChanges } from '../../../src/server/sync/change-pull.ts';
import { SqliteStorage } from '../../../src/server/storage/sqlite-storage.ts';
import type { Storage } from '../../../src/server/storage/storage.ts';
import { ROLES, type Role } from '../../../src/shared/domain/roles.ts';
import { DIALOGUE_STATUSES, type DialogueStatus } from '../../../src/shared/domain/dialogue.ts';
import { DIALOGUE_MACHINE } from '../../../src/shared/domain/status-machine.ts';
import type { Change, JsonValue } from '../../../src/shared/sync/change.ts';
import { formatHlc } from '../../../src/shared/sync/hlc.ts';
import { ACTOR, createMunicipality, MUNICIPALITY } from './simulation.ts';

type Command = 'open' | 'close' | 'report' | 'giveFeedback';

/** Every command: the statuses it may run from, and the status it leads to. */
const TRANSITIONS: Record<
  Command,
  { readonly from: readonly DialogueStatus[]; readonly to: DialogueStatus }
> = {
  open: { from: ['planned', 'closed'], to: 'open' },
  close: { from: ['open'], to: 'closed' },
  report: { from: ['closed'], to: 'reported' },
  giveFeedback: { from: ['reported'], to: 'feedbackGiven' },
};

/** Who may run each command (every role not listed may not). */
const MAY_RUN: Record<Command, readonly Role[]> = {
  open: ['admin', 'facilitator'],
  close: ['admin', 'facilitator'],
  report: ['admin', 'facilitator', 'official'],
  giveFeedback: ['admin', 'facilitator', 'official'],
};

const COMMANDS = Object.keys(TRANSITIONS) as Command[];

/** How a facilitator brings a fresh dialogue to each status (open twice: first time and reopened). */
const PATHS: readonly {
  readonly name: string;
  readonly status: DialogueStatus;
  readonly commands: Command[];
}[] = [
  { name: 'planned', status: 'planned', commands: [] },
  { name: 'open', status: 'open', commands: ['open'] },
  { name: 'open (reopened)', status: 'open', commands: ['open', 'close', 'open'] },
  { name: 'closed', status: 'closed', commands: ['open', 'close'] },
  { name: 'reported', status: 'reported', commands: ['open', 'close', 'report'] },
  { name: 'feedbackGiven', status: 'feedbackGiven', commands: ['open', 'close', 'report', 'giveFeedback'] },
];

const DEVICE = 'tablet-matrix';
/** A clock for the device: every stamp is newer than the one before. */
let ms = 1_764_000_000_000;
const stamp = () => formatHlc({ ms: (ms += 10), counter: 0 }, DEVICE);

function createChange(recordId: string): Change {
  const hlc = stamp();
  const at = new Date(ms).toISOString();
  return {
    changeId: uuidv7(),
    entity: 'dialogue',
    recordId,
    tenantId: MUNICIPALITY,
    fields: {
      title: 'Trygghet',
      question: 'Var känner du dig trygg?',
      status: 'planned',
      createdAt: at,
      createdHlc: hlc,
      updatedAt: at,
    },
    hlc,
    deviceId: DEVICE,
    userId: ACTOR.userId,
  };
}

/** A command as a device sends it: the status it leads to (and when), under the command's name. */
function commandChange(recordId: string, command: string, to: string, userId: string | null): Change {
  const hlc = stamp();
  return {
    changeId: uuidv7(),
    entity: 'dialogue',
    recordId,
    tenantId: MUNICIPALITY,
    fields: { status: to, updatedAt: new Date(ms).toISOString() },
    hlc,
    deviceId: DEVICE,
    userId,
    command,
  };
}

const actorOf = (role: Role): Actor => ({ municipalityId: MUNICIPALITY, userId: `user-${role}`, role });

async function storedValues(recordId: string): Promise<Record<string, JsonValue>> {
  const row = await storage.db
    .selectFrom('records')
    .select('values_json')
    .where('municipality_id', '=', MUNICIPALITY)
    .where('entity', '=', 'dialogue')
    .where('record_id', '=', recordId)
    .executeTakeFirstOrThrow();
  return JSON.parse(row.values_json) as Record<string, JsonValue>;
}

/** A fresh dialogue at `path.status`, reached by a facilitator's allowed commands. */
async function dialogueAt(path: (typeof PATHS)[number]): Promise<string> {
  const id = uuidv7();
  await pushChanges(storage, ACTOR, [createChange(id)]);
  for (const command of path.commands) {
    const answer = await pushChanges(storage, ACTOR, [
      commandChange(id, command, TRANSITIONS[command].to, ACTOR.userId),
    ]);
    expect(answer.notices, `${command} on the way to ${path.name}`).toEqual([]);
  }
  expect((await storedValues(id)).status, `reaching ${path.name}`).toBe(path.status);
  return id;
}

let dir: string;
let storage: Storage;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'delaktig-status-matrix-'));
  storage = await SqliteStorage.open(dir);
  await createMunicipality(storage);
});
afterAll(async () => {
  await storage.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('the dialogue status machine on the server', () => {
  it('has the statuses and commands this table covers, no more', () => {
    expect([...DIALOGUE_STATUSES].sort()).toEqual([...new Set(PATHS.map((p) => p.status))].sort());
    expect(Object.keys(DIALOGUE_MACHINE.commands).sort()).toEqual([...COMMANDS].sort());
  });

  for (const path of PATHS) {
    describe(`from ${path.name}`, () => {
      for (const command of COMMANDS) {
        for (const role of ROLES) {
          const { from, to } = TRANSITIONS[command];
          const allowed = from.includes(path.status) && MAY_RUN[command].includes(role);
          it(`${command} by ${role} is ${allowed ? `done (→ ${to})` : 'refused'}`, async () => {
            const id = await dialogueAt(path);
            const before = await storedValues(id);
            const actor = actorOf(role);
            const change = commandChange(id, command, to, actor.userId);
            const answer = await pushChanges(storage, actor, [change]);

            // Either way the command is acknowledged: the device takes it out of its outbox.
            expect(answer.acknowledged.map((a) => a.changeId)).toEqual([change.changeId]);
            const seq = answer.acknowledged[0]!.seq;
            const after = await storedValues(id);
            // What devices pull under the command's change id: the command, or the server's
            // compensating change that sets them back.
            const pulled = (await pullChanges(storage, ACTOR, seq - 1, 10)).changes.find(
              (c) => c.changeId === change.changeId,
            );

            if (allowed) {
              expect(answer.notices).toEqual([]);
              expect(after.status).toBe(to);
              expect(after.updatedAt).toBe(change.fields.updatedAt);
              expect(pulled).toMatchObject({ deviceId: DEVICE, fields: { status: to } });
            } else {
              expect(answer.notices).toEqual([
                { changeId: change.changeId, code: 'command_refused', message: expect.any(String) },
              ]);
              expect(answer.notices[0]!.message).toContain(`"${path.status}"`);
              expect(after.status).toBe(path.status);
              expect(after).toEqual(before);
              expect(pulled).toMatchObject({ deviceId: SERVER_DEVICE, fields: { status: path.status } });
            }
          });
        }
      }
    });
  }
});

describe('commands outside the table', () => {
  it('refuses an allowed command that claims another status than its own', async () => {
    const id = await dialogueAt(PATHS.find((p) => p.name === 'closed')!);
    const change = commandChange(id, 'report', 'feedbackGiven', ACTOR.userId);
    const answer = await pushChanges(storage, ACTOR, [change]);
    expect(answer.notices).toEqual([
      expect.objectContaining({ changeId: change.changeId, code: 'command_refused' }),
    ]);
    expect(answer.notices[0]!.message).toContain('wrong_target');
    expect((await storedValues(id)).status).toBe('closed');
  });

  it.each(['delete', 'toString', 'reopen'])(
    'refuses the unknown command %s for every role',
    async (command) => {
      const id = await dialogueAt(PATHS.find((p) => p.name === 'closed')!);
      for (const role of ROLES) {
        const actor = actorOf(role);
        const change = commandChange(id, command, 'open', actor.userId);
        const answer = await pushChanges(storage, actor, [change]);
        expect(answer.notices, role).toEqual([
          expect.objectContaining({ changeId: change.changeId, code: 'command_refused' }),
        ]);
        expect((await storedValues(id)).status, role).toBe('closed');
      }
    },
  );
});

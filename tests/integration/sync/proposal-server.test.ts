/**
 * Proposals on the server, as devices push them: every lifecycle command by every role from every
 * status (done, or refused with a notice and nothing changed), a decision without a date refused,
 * plain edits of lifecycle fields refused, the text fixed after submission, and the history and a
 * response's author written by the server from the session, whatever the device claims; an
 * attachment only of a type the blob store keeps, and a photo only an image.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { v7 as uuidv7 } from 'uuid';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pushChanges, ChangesRejected, type Actor } from '../../../src/server/sync/change-log.ts';
import { pullChanges } from '../../../src/server/sync/change-pull.ts';
import { SqliteStorage } from '../../../src/server/storage/sqlite-storage.ts';
import type { Storage } from '../../../src/server/storage/storage.ts';
import { ROLES, type Role } from '../../../src/shared/domain/roles.ts';
import type { Change, JsonValue } from '../../../src/shared/sync/change.ts';
import { formatHlc } from '../../../src/shared/sync/hlc.ts';
import { createMunicipality, MUNICIPALITY } from './simulation.ts';

const DEVICE = 'tablet-proposals';
let ms = 1_780_000_000_000;
const stamp = () => formatHlc({ ms: (ms += 10), counter: 0 }, DEVICE);
const actorOf = (role: Role): Actor => ({ municipalityId: MUNICIPALITY, userId: `user-${role}`, role });
const ADMIN = actorOf('admin');
const YOUTH = actorOf('youthDeveloper');
const OFFICIAL = actorOf('official');

const DECISION = {
  outcome: 'yes',
  decisionText: 'Fritidsnämnden bifaller förslaget.',
  decisionBodyId: 'c-fritid',
  decisionBodyName: 'Fritidsnämnden',
  decidedOn: '2026-09-14',
};

/** Lifecycle: the path of commands (with the fields each carries) that leads to each status. */
const STEPS: Record<string, { command: string; to: string; fields?: Record<string, JsonValue> }> = {
  submit: { command: 'submit', to: 'submitted' },
  withdraw: { command: 'withdraw', to: 'withdrawn' },
  receive: { command: 'receive', to: 'received' },
  review: { command: 'review', to: 'inReview' },
  decide: { command: 'decide', to: 'decided', fields: DECISION },
  markImplemented: { command: 'markImplemented', to: 'implemented' },
  markNotImplemented: { command: 'markNotImplemented', to: 'notImplemented' },
};
const PATHS: Record<string, string[]> = {
  draft: [],
  submitted: ['submit'],
  received: ['submit', 'receive'],
  inReview: ['submit', 'receive', 'review'],
  decided: ['submit', 'receive', 'review', 'decide'],
  implemented: ['submit', 'receive', 'review', 'decide', 'markImplemented'],
  notImplemented: ['submit', 'receive', 'review', 'decide', 'markNotImplemented'],
  withdrawn: ['withdraw'],
};
/** From the issue, by hand: "from:command" allowed, and who may run each command. */
const ALLOWED = new Set([
  'draft:submit',
  'draft:withdraw',
  'submitted:withdraw',
  'submitted:receive',
  'received:review',
  'inReview:decide',
  'decided:markImplemented',
  'decided:markNotImplemented',
]);
const AUTHORS: Role[] = ['youthDeveloper', 'admin'];
const OFFICIALS: Role[] = ['official', 'admin'];
const MAY: Record<string, Role[]> = {
  submit: AUTHORS,
  withdraw: AUTHORS,
  receive: OFFICIALS,
  review: OFFICIALS,
  decide: OFFICIALS,
  markImplemented: OFFICIALS,
  markNotImplemented: OFFICIALS,
};

function change(
  recordId: string,
  fields: Record<string, JsonValue>,
  command?: string,
  entity = 'proposal',
): Change {
  return {
    changeId: uuidv7(),
    entity: entity as Change['entity'],
    recordId,
    tenantId: MUNICIPALITY,
    fields,
    hlc: stamp(),
    deviceId: DEVICE,
    userId: 'someone-else-claimed',
    ...(command ? { command } : {}),
  };
}

const createChange = (id: string) =>
  change(id, {
    title: 'Gratis busskort på sommaren',
    proposal: 'Alla unga under 20 får åka gratis i juli.',
    committeeId: 'c-fritid',
    committeeName: 'Fritidsnämnden',
    year: 2026,
    lang: 'sv',
    status: 'draft',
    createdAt: new Date(ms).toISOString(),
  });

function stepChange(id: string, step: string): Change {
  const { command, to, fields = {} } = STEPS[step]!;
  const at = new Date(ms).toISOString();
  const stampField = { submit: 'submittedAt', decide: 'decidedAt' }[command];
  return change(
    id,
    { status: to, updatedAt: at, ...(stampField ? { [stampField]: at } : {}), ...fields },
    command,
  );
}

let dir: string;
let storage: Storage;

async function values(entity: string, id: string): Promise<Record<string, JsonValue>> {
  const row = await storage.db
    .selectFrom('records')
    .select('values_json')
    .where('entity', '=', entity)
    .where('record_id', '=', id)
    .executeTakeFirstOrThrow();
  return JSON.parse(row.values_json) as Record<string, JsonValue>;
}

const present = (v: Record<string, JsonValue>) =>
  Object.fromEntries(Object.entries(v).filter(([, value]) => value !== null));

async function proposalAt(status: string): Promise<string> {
  const id = uuidv7();
  await pushChanges(storage, YOUTH, [createChange(id)]);
  for (const step of PATHS[status]!) {
    const actor = ['submit', 'withdraw'].includes(step) ? YOUTH : OFFICIAL;
    expect((await pushChanges(storage, actor, [stepChange(id, step)])).notices, step).toEqual([]);
  }
  expect((await values('proposal', id)).status).toBe(status);
  return id;
}

async function refusal(actor: Actor, changes: Change[]): Promise<unknown> {
  try {
    await pushChanges(storage, actor, changes);
  } catch (error) {
    if (error instanceof ChangesRejected) return error.rejected;
    throw error;
  }
  throw new Error('the push was accepted');
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'delaktig-proposals-'));
  storage = await SqliteStorage.open(dir);
  await createMunicipality(storage);
  const now = new Date().toISOString();
  for (const role of ROLES) {
    await storage.db
      .insertInto('users')
      .values({
        id: `user-${role}`,
        municipality_id: MUNICIPALITY,
        username: `u-${role.toLowerCase()}`,
        display_name: `Name of ${role}`,
        role,
        kind: 'person',
        password_hash: null,
        created_at: now,
        updated_at: now,
      })
      .execute();
  }
});
afterAll(async () => {
  await storage.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('the proposal lifecycle on the server', () => {
  for (const status of Object.keys(PATHS)) {
    for (const step of Object.keys(STEPS)) {
      it(`from ${status}: ${step} is done only by ${MAY[step]!.join(' and ')}, where allowed`, async () => {
        const id = await proposalAt(status);
        for (const role of ROLES) {
          const before = await values('proposal', id);
          const sent = stepChange(id, step);
          const answer = await pushChanges(storage, actorOf(role), [sent]);
          const allowed = ALLOWED.has(`${status}:${step}`) && MAY[step]!.includes(role);
          const after = await values('proposal', id);
          if (allowed) {
            expect(answer.notices, role).toEqual([]);
            expect(after.status, role).toBe(STEPS[step]!.to);
            return; // The status moved: the other roles are checked from the next status's paths.
          }
          expect(answer.notices, role).toEqual([expect.objectContaining({ code: 'command_refused' })]);
          // A compensating change writes back what the server had; a field it never had reads null.
          expect(present(after), `${role}: nothing changed`).toEqual(present(before));
        }
      });
    }
  }
});

describe('what the server refuses and adds', () => {
  it('refuses a decision without a date, and changes nothing', async () => {
    const id = await proposalAt('inReview');
    const sent = stepChange(id, 'decide');
    const { decidedOn: _dropped, ...undated } = sent.fields;
    const rejected = await refusal(OFFICIAL, [{ ...sent, fields: undated }]);
    expect(rejected).toEqual([expect.objectContaining({ code: 'missing_value', field: 'decidedOn' })]);
    const bad = await refusal(OFFICIAL, [{ ...sent, fields: { ...sent.fields, decidedOn: 'igår' } }]);
    expect(bad).toEqual([expect.objectContaining({ code: 'invalid_value', field: 'decidedOn' })]);
    expect((await values('proposal', id)).status).toBe('inReview');
  });

  it('refuses an outcome or a decision written as a plain edit, by anyone', async () => {
    const id = await proposalAt('submitted');
    // Authors and admins may edit proposals, but not these fields; officials may not edit at all.
    for (const actor of [YOUTH, ADMIN]) {
      expect(await refusal(actor, [change(id, { outcome: 'yes' })])).toEqual([
        expect.objectContaining({ code: 'forbidden', field: 'outcome' }),
      ]);
    }
    expect(await refusal(OFFICIAL, [change(id, { outcome: 'yes' })])).toEqual([
      expect.objectContaining({ code: 'forbidden' }),
    ]);
    expect(await refusal(YOUTH, [change(id, { submittedAt: '2020-01-01T00:00:00Z' })])).toEqual([
      expect.objectContaining({ code: 'forbidden', field: 'submittedAt' }),
    ]);
  });

  it('keeps the text of a submitted proposal as it was sent, except for admins', async () => {
    const id = await proposalAt('submitted');
    expect(await refusal(YOUTH, [change(id, { title: 'Ändrad' })])).toEqual([
      expect.objectContaining({ code: 'proposal_locked' }),
    ]);
    await pushChanges(storage, ADMIN, [change(id, { title: 'Rättat stavfel' })]);
    expect((await values('proposal', id)).title).toBe('Rättat stavfel');
    expect(await refusal(OFFICIAL, [change(uuidv7(), { title: 'x', status: 'draft' })])).toEqual([
      expect.objectContaining({ code: 'forbidden' }),
    ]);
  });

  it('writes each step into the history with the session user and the server time, never the device claim', async () => {
    const id = await proposalAt('decided');
    const page = await pullChanges(storage, OFFICIAL, 0, 1000);
    const events = page.changes
      .filter((c) => c.entity === 'proposalEvent' && c.fields.proposalId === id)
      .map((c) => c.fields);
    expect(events.map((e) => [e.command, e.status, e.actorName, e.actorRole])).toEqual([
      ['create', 'draft', 'Name of youthDeveloper', 'youthDeveloper'],
      ['submit', 'submitted', 'Name of youthDeveloper', 'youthDeveloper'],
      ['receive', 'received', 'Name of official', 'official'],
      ['review', 'inReview', 'Name of official', 'official'],
      ['decide', 'decided', 'Name of official', 'official'],
    ]);
    for (const e of events) expect(Date.parse(e.at as string)).toBeGreaterThan(Date.now() - 60_000);
  });

  it('writes no history event for a refused step, and refuses history written by a device', async () => {
    const id = await proposalAt('draft');
    await pushChanges(storage, OFFICIAL, [stepChange(id, 'submit')]);
    const events = (await pullChanges(storage, ADMIN, 0, 1000)).changes.filter(
      (c) => c.entity === 'proposalEvent' && c.fields.proposalId === id,
    );
    expect(events.map((e) => e.fields.command)).toEqual(['create']);
    const forged = change(
      uuidv7(),
      { proposalId: id, command: 'decide', actorName: 'Mayor' },
      undefined,
      'proposalEvent',
    );
    expect(await refusal(ADMIN, [forged])).toEqual([expect.objectContaining({ code: 'forbidden' })]);
  });

  it('takes an attachment that is an image or a PDF, and keeps a photo of a dialogue an image', async () => {
    const id = await proposalAt('draft');
    const attachment = (fields: Record<string, JsonValue>) =>
      change(
        uuidv7(),
        {
          proposalId: id,
          sha256: 'a'.repeat(64),
          mime: 'application/pdf',
          bytes: 1234,
          name: 'enkat.pdf',
          createdAt: new Date().toISOString(),
          ...fields,
        },
        undefined,
        'proposalAttachment',
      );
    const pdf = attachment({});
    expect((await pushChanges(storage, YOUTH, [pdf])).notices).toEqual([]);
    expect((await values('proposalAttachment', pdf.recordId)).mime).toBe('application/pdf');
    for (const [fields, field] of [
      [{ mime: 'text/html' }, 'mime'],
      [{ mime: 'image/svg+xml' }, 'mime'],
      [{ sha256: '../etc/passwd' }, 'sha256'],
      [{ bytes: 20_000_001 }, 'bytes'],
      [{ proposalId: uuidv7() }, 'proposalId'],
    ] as const) {
      expect(await refusal(YOUTH, [attachment(fields)])).toEqual([
        expect.objectContaining({ code: 'invalid_value', field }),
      ]);
    }
    const photo = (mime: string) =>
      change(
        uuidv7(),
        {
          dialogueId: uuidv7(),
          sha256: 'b'.repeat(64),
          mime,
          bytes: 1234,
          width: 10,
          height: 10,
          thumbnail: 'data:image/jpeg;base64,AAAA',
          createdAt: new Date().toISOString(),
        },
        undefined,
        'photo',
      );
    expect(await refusal(ADMIN, [photo('application/pdf')])).toEqual([
      expect.objectContaining({ code: 'invalid_value', field: 'mime' }),
    ]);
  });

  it('signs a response with the name and role of the session that wrote it', async () => {
    const id = await proposalAt('decided');
    const responseId = uuidv7();
    const sent = change(
      responseId,
      {
        proposalId: id,
        text: 'Tack, vi tar med det i budgeten.',
        lang: 'sv',
        createdAt: new Date().toISOString(),
      },
      undefined,
      'proposalResponse',
    );
    await pushChanges(storage, actorOf('politician'), [sent]);
    expect(await values('proposalResponse', responseId)).toMatchObject({
      authorName: 'Name of politician',
      authorRole: 'politician',
    });
    const claimed = change(
      uuidv7(),
      { proposalId: id, text: 'x', authorName: 'The Mayor' },
      undefined,
      'proposalResponse',
    );
    expect(await refusal(OFFICIAL, [claimed])).toEqual([
      expect.objectContaining({ code: 'forbidden', field: 'authorName' }),
    ]);
    expect(
      await refusal(YOUTH, [change(uuidv7(), { proposalId: id, text: 'x' }, undefined, 'proposalResponse')]),
    ).toEqual([expect.objectContaining({ code: 'forbidden' })]);
  });
});

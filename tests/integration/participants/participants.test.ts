/**
 * Participants over HTTP, on SQLite and PostgreSQL: a dialogue gets its join code from the server
 * when first opened; a phone joins by it with no account and gets an anonymous session that reads
 * only its dialogue (only the fields participants may read) and adds contributions while it is open;
 * refused otherwise, rate-limited, and kept away from everything else. Hidden contributions reach
 * admins only.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { v4 as uuidv4, v7 as uuidv7 } from 'uuid';
import type { Change } from '../../../src/shared/sync/change.ts';
import { formatHlc } from '../../../src/shared/sync/hlc.ts';
import type { PullResponse, PushRejectedBody } from '../../../src/shared/sync/protocol.ts';
import { JOIN_CODE_ALPHABET } from '../../../src/shared/domain/join-code.ts';
import type { JoinResponse, ReceiptResponse } from '../../../src/shared/domain/participation.ts';
import * as Y from 'yjs';
import { requirePostgres } from '../../support/postgres.ts';
import { call, startSyncServer, type Dialect, type SignedIn, type SyncServer } from '../sync/http-fixture.ts';

const dialects: Dialect[] = ['sqlite'];
if (await requirePostgres('tests/integration/participants/participants.test.ts')) dialects.push('postgres');

let clock = 1_764_000_000_000;
function change(
  server: SyncServer,
  entity: Change['entity'],
  recordId: string,
  fields: Change['fields'],
  extra: Partial<Change> = {},
): Change {
  clock += 10;
  return {
    changeId: uuidv7(),
    entity,
    recordId,
    tenantId: server.municipalityId,
    fields,
    hlc: formatHlc({ ms: clock, counter: 0 }, 'device-a'),
    deviceId: 'device-a',
    userId: null,
    ...extra,
  };
}

/** Facilitators' notes as a Yjs update, as a device sends them. */
function notes(text: string): string {
  const doc = new Y.Doc();
  doc.getText('text').insert(0, text);
  return Buffer.from(Y.encodeStateAsUpdate(doc)).toString('base64');
}

async function push(server: SyncServer, token: string, changes: Change[]) {
  return call(server, 'POST', '/api/sync/push', { token, body: { changes } });
}

async function pullAll(server: SyncServer, token: string): Promise<PullResponse['changes']> {
  const answer = await call(server, 'GET', '/api/sync/pull?after=0', { token });
  expect(answer.status).toBe(200);
  return (answer.body as unknown as PullResponse).changes;
}

/** A facilitator's dialogue, created and (unless told otherwise) opened; returns its id and code. */
async function openDialogue(
  server: SyncServer,
  facilitator: SignedIn,
  open = true,
): Promise<{ id: string; code: string | null }> {
  const id = uuidv7();
  const created = await push(server, facilitator.token, [
    change(server, 'dialogue', id, {
      title: 'Trygghet',
      question: 'Vad gör dig trygg?',
      description: { y: notes('Hemliga anteckningar') },
      status: 'planned',
      createdAt: new Date(clock).toISOString(),
    }),
  ]);
  expect(created.status).toBe(200);
  if (!open) return { id, code: null };
  const opened = await push(server, facilitator.token, [
    change(server, 'dialogue', id, { status: 'open' }, { command: 'open' }),
  ]);
  expect(opened.status).toBe(200);
  const code = (await pullAll(server, facilitator.token)).find(
    (c) => c.recordId === id && typeof c.fields.joinCode === 'string',
  )?.fields.joinCode as string | undefined;
  return { id, code: code ?? null };
}

async function join(server: SyncServer, code: string, token?: string) {
  return call(server, 'POST', '/api/join', { body: { code }, token });
}

function contribution(
  server: SyncServer,
  dialogueId: string,
  text: string,
  extra: Change['fields'] = {},
): Change {
  return change(server, 'contribution', uuidv7(), {
    dialogueId,
    text,
    lang: 'sv',
    channel: 'phone',
    participantKey: uuidv4(),
    createdAt: new Date(clock).toISOString(),
    ...extra,
  });
}

describe.each(dialects)('participants on %s', (dialect) => {
  let server: SyncServer;
  let facilitator: SignedIn;
  beforeAll(async () => {
    server = await startSyncServer(dialect, {
      participantLimits: { perDevice: 5, perCode: 1000, joinsPerIp: 1000 },
    });
    facilitator = await server.signIn('facilitator');
  });
  afterAll(async () => server.close());

  it('gives a dialogue a join code from the server when it is first opened, and keeps it on reopening', async () => {
    const { id, code } = await openDialogue(server, facilitator);
    expect(code).toMatch(new RegExp(`^[${JOIN_CODE_ALPHABET}]{6}$`));
    for (const look of ['0', 'O', '1', 'I', 'L', '5', 'S', '2', 'Z', '8', 'B'])
      expect(code).not.toContain(look);
    await push(server, facilitator.token, [
      change(server, 'dialogue', id, { status: 'closed' }, { command: 'close' }),
    ]);
    await push(server, facilitator.token, [
      change(server, 'dialogue', id, { status: 'open' }, { command: 'open' }),
    ]);
    const codes = (await pullAll(server, facilitator.token))
      .filter((c) => c.recordId === id && c.fields.joinCode !== undefined)
      .map((c) => c.fields.joinCode);
    expect(codes).toEqual([code]);
  });

  it('refuses a text update Yjs cannot read with 422 invalid_value, not a server error', async () => {
    const { id } = await openDialogue(server, facilitator, false);
    const answer = await push(server, facilitator.token, [
      change(server, 'dialogue', id, { description: { y: 'bm90IGEgeWpzIHVwZGF0ZQ==' } }),
    ]);
    expect(answer.status).toBe(422);
    expect((answer.body as unknown as PushRejectedBody).rejected[0]).toMatchObject({
      code: 'invalid_value',
      field: 'description',
    });
  });

  it('refuses a device that sets a join code itself', async () => {
    const { id } = await openDialogue(server, facilitator, false);
    const answer = await push(server, facilitator.token, [
      change(server, 'dialogue', id, { joinCode: 'ACDEFH' }),
    ]);
    expect(answer.status).toBe(422);
    expect((answer.body as unknown as PushRejectedBody).rejected[0]).toMatchObject({
      code: 'forbidden',
      field: 'joinCode',
    });
  });

  it('joins by code, typed in any case with spaces, with no account; the same phone keeps its session and receipt', async () => {
    const { id, code } = await openDialogue(server, facilitator);
    const first = await join(server, `${code!.slice(0, 3).toLowerCase()} ${code!.slice(3)}`);
    expect(first.status).toBe(200);
    const joined = first.body as unknown as JoinResponse;
    expect(joined).toMatchObject({ dialogueId: id, municipalityId: server.municipalityId, code });
    expect(joined.token).toMatch(/^p_/);
    expect(joined.receipt).toMatch(new RegExp(`^[${JOIN_CODE_ALPHABET}]{10}$`));
    const again = (await join(server, code!, joined.token)).body as unknown as JoinResponse;
    expect(again.token).toBe(joined.token);
    expect(again.receipt).toBe(joined.receipt);
  });

  it('answers an unknown or malformed code with 404 unknown_code', async () => {
    for (const code of ['ACDEFH', 'xx', '<script>']) {
      const answer = await join(server, code);
      expect(answer.status, code).toBe(404);
      expect(answer.body.code).toBe('unknown_code');
    }
  });

  it("reads only its own dialogue's question and status: not notes, not contributions, not other dialogues", async () => {
    const mine = await openDialogue(server, facilitator);
    const other = await openDialogue(server, facilitator);
    await push(server, facilitator.token, [
      contribution(server, mine.id, 'Lampor i parken', { channel: 'staff' }),
    ]);
    const { token } = (await join(server, mine.code!)).body as unknown as JoinResponse;
    const changes = await pullAll(server, token);
    expect(changes.length).toBeGreaterThan(0);
    expect(new Set(changes.map((c) => c.recordId))).toEqual(new Set([mine.id]));
    const fields = new Set(changes.flatMap((c) => Object.keys(c.fields)));
    expect(fields.has('question')).toBe(true);
    expect(fields.has('description')).toBe(false);
    expect(changes.every((c) => c.userId === null)).toBe(true);
    expect(changes.some((c) => c.recordId === other.id)).toBe(false);
  });

  it('reads the translations of its question, not those of contributions', async () => {
    const { id, code } = await openDialogue(server, facilitator);
    const question = change(server, 'translation', uuidv7(), {
      dialogueId: id,
      targetEntity: 'dialogue',
      targetId: id,
      field: 'question',
      lang: 'en',
      text: 'What makes you feel safe?',
      translatedBy: 'Anna',
      createdAt: 'x',
    });
    const ofContribution = change(server, 'translation', uuidv7(), {
      dialogueId: id,
      targetEntity: 'contribution',
      targetId: uuidv7(),
      field: 'text',
      lang: 'en',
      text: 'Lamps in the park',
      translatedBy: 'Anna',
      createdAt: 'x',
    });
    expect((await push(server, facilitator.token, [question, ofContribution])).status).toBe(200);
    const { token, receipt } = (await join(server, code!)).body as unknown as JoinResponse;
    const translations = (await pullAll(server, token)).filter((c) => c.entity === 'translation');
    expect(translations.map((c) => c.recordId)).toEqual([question.recordId]);
    const shown = await call(server, 'GET', `/api/receipts/${receipt}`);
    expect(shown.status).toBe(200);
    expect(shown.body as unknown as ReceiptResponse).toMatchObject({
      dialogueId: id,
      status: 'open',
      question: 'Vad gör dig trygg?',
      questionTranslations: [{ lang: 'en', text: 'What makes you feel safe?' }],
    });
  });

  it('adds contributions to its open dialogue, and nothing anywhere else', async () => {
    const mine = await openDialogue(server, facilitator);
    const other = await openDialogue(server, facilitator);
    const { token } = (await join(server, mine.code!)).body as unknown as JoinResponse;
    const ok = contribution(server, mine.id, 'Mer ljus på vägen hem');
    expect((await push(server, token, [ok])).status).toBe(200);
    const seen = await pullAll(server, facilitator.token);
    expect(seen.find((c) => c.changeId === ok.changeId)?.fields.text).toBe('Mer ljus på vägen hem');

    const refused: [string, Change, string][] = [
      ['another dialogue', contribution(server, other.id, 'Fel dialog'), 'forbidden'],
      ['a moderation field', contribution(server, mine.id, 'x', { hidden: true }), 'forbidden'],
      ['as if from a kiosk', contribution(server, mine.id, 'x', { channel: 'kiosk' }), 'invalid_value'],
      ['an empty text', contribution(server, mine.id, '   '), 'invalid_value'],
      ['a text over the limit', contribution(server, mine.id, 'a'.repeat(2001)), 'invalid_value'],
      [
        'a dialogue',
        change(server, 'dialogue', uuidv7(), { title: 'x', question: 'y', status: 'planned' }),
        'forbidden',
      ],
      ['a change to the dialogue', change(server, 'dialogue', mine.id, { title: 'Kapad' }), 'forbidden'],
      [
        'a status command',
        change(server, 'dialogue', mine.id, { status: 'closed' }, { command: 'close' }),
        'forbidden',
      ],
    ];
    for (const [what, bad, code] of refused) {
      const answer = await push(server, token, [bad]);
      expect(answer.status, what).toBe(422);
      expect((answer.body as unknown as PushRejectedBody).rejected[0]?.code, what).toBe(code);
    }
    expect((await pullAll(server, facilitator.token)).some((c) => c.fields.title === 'Kapad')).toBe(false);
  });

  it('refuses contributions written after the dialogue closed, and takes those written before', async () => {
    const { id, code } = await openDialogue(server, facilitator);
    const { token } = (await join(server, code!)).body as unknown as JoinResponse;
    const writtenWhileOpen = contribution(server, id, 'Skrevs i rummet, utan nät');
    await push(server, facilitator.token, [
      change(server, 'dialogue', id, { status: 'closed' }, { command: 'close' }),
    ]);
    const writtenAfter = contribution(server, id, 'För sent');
    const late = await push(server, token, [writtenAfter]);
    expect(late.status).toBe(422);
    expect((late.body as unknown as PushRejectedBody).rejected[0]?.code).toBe('dialogue_closed');
    expect((await push(server, token, [writtenWhileOpen])).status).toBe(200);
    // Joining a closed dialogue still works: it shows what came of it.
    expect((await join(server, code!)).status).toBe(200);
  });

  it('limits how much one phone sends, with a clear 429, storing nothing of the refused batch', async () => {
    const { id, code } = await openDialogue(server, facilitator);
    const { token } = (await join(server, code!)).body as unknown as JoinResponse;
    const five = Array.from({ length: 5 }, (_, i) => contribution(server, id, `Förslag ${i}`));
    expect((await push(server, token, five)).status).toBe(200);
    const flood = contribution(server, id, 'Ett till');
    const answer = await push(server, token, [flood]);
    expect(answer.status).toBe(429);
    expect(answer.body).toMatchObject({ code: 'too_many_contributions' });
    expect(answer.body.retryAfterSeconds).toBeGreaterThan(0);
    expect((await pullAll(server, facilitator.token)).some((c) => c.changeId === flood.changeId)).toBe(false);
    // A retried batch that was already stored is not counted again.
    expect((await push(server, token, five)).status).toBe(200);
    // Another phone in the same dialogue is not held back by the first.
    const other = (await join(server, code!)).body as unknown as JoinResponse;
    expect(
      (await push(server, other.token, [contribution(server, id, 'Från en annan telefon')])).status,
    ).toBe(200);
  });

  it("is refused everywhere but its doors: staff routes answer 401, another municipality's pull is its own", async () => {
    const { code } = await openDialogue(server, facilitator);
    const { token } = (await join(server, code!)).body as unknown as JoinResponse;
    for (const path of ['/api/users', '/api/devices', '/api/municipality']) {
      expect((await call(server, 'GET', path, { token })).status, path).toBe(401);
    }
    const forged = await call(server, 'GET', '/api/sync/pull?after=0', { token: 'p_notarealtoken' });
    expect(forged.status).toBe(401);
    expect(forged.body.code).toBe('session_invalid');
  });

  it('keeps the words of a hidden contribution from everyone but admins', async () => {
    const { id } = await openDialogue(server, facilitator);
    const admin = await server.signIn('admin');
    const official = await server.signIn('official');
    const words = contribution(server, id, 'Kalle i 8B är dum', { channel: 'staff' });
    await push(server, facilitator.token, [words]);
    const hide = change(server, 'contribution', words.recordId, {
      hidden: true,
      hiddenReason: 'Nämner en person',
      hiddenAt: new Date(clock).toISOString(),
      hiddenBy: 'Anna',
    });
    expect((await push(server, facilitator.token, [hide])).status).toBe(200);
    const forOfficial = (await pullAll(server, official.token)).filter((c) => c.recordId === words.recordId);
    expect(forOfficial.length).toBeGreaterThan(0);
    expect(forOfficial.some((c) => 'text' in c.fields)).toBe(false);
    expect(forOfficial.some((c) => c.fields.hidden === true)).toBe(true);
    const forAdmin = (await pullAll(server, admin.token)).filter((c) => c.recordId === words.recordId);
    expect(forAdmin.find((c) => c.changeId === words.changeId)?.fields.text).toBe('Kalle i 8B är dum');
    // Only facilitators and admins may hide.
    const byOfficial = await push(server, official.token, [
      change(server, 'contribution', words.recordId, { hidden: false }),
    ]);
    expect(byOfficial.status).toBe(422);
  });
});

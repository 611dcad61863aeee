/**
 * Dot votes over HTTP, on SQLite and PostgreSQL: a participant's phone votes while the dialogue's
 * voting is open; the server refuses a vote once voting has closed (voting_closed), unless it was
 * cast before (a phone that lost the network delivers late); refuses more dots than the dialogue
 * gives (too_many_dots) and dots on a theme of another dialogue (invalid_value) — for phones and
 * staff devices (a kiosk tablet) alike.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { v4 as uuidv4, v7 as uuidv7 } from 'uuid';
import type { Change } from '../../../src/shared/sync/change.ts';
import { formatHlc } from '../../../src/shared/sync/hlc.ts';
import type { PullResponse, PushRejectedBody } from '../../../src/shared/sync/protocol.ts';
import type { JoinResponse } from '../../../src/shared/domain/participation.ts';
import { requirePostgres } from '../../support/postgres.ts';
import { call, startSyncServer, type Dialect, type SignedIn, type SyncServer } from '../sync/http-fixture.ts';

const dialects: Dialect[] = ['sqlite'];
if (await requirePostgres('tests/integration/participants/voting.test.ts')) dialects.push('postgres');

let clock = 1_764_500_000_000;
/** A change stamped now on `device`'s clock (every call one step later than the last). */
function change(
  server: SyncServer,
  entity: Change['entity'],
  recordId: string,
  fields: Change['fields'],
  extra: Partial<Change> & { device?: string } = {},
): Change {
  clock += 10;
  const { device = 'device-a', ...rest } = extra;
  return {
    changeId: uuidv7(),
    entity,
    recordId,
    tenantId: server.municipalityId,
    fields,
    hlc: formatHlc({ ms: clock, counter: 0 }, device),
    deviceId: device,
    userId: null,
    ...rest,
  };
}

async function push(server: SyncServer, token: string, changes: Change[]) {
  return call(server, 'POST', '/api/sync/push', { token, body: { changes } });
}

async function pullAll(server: SyncServer, token: string): Promise<PullResponse['changes']> {
  const answer = await call(server, 'GET', '/api/sync/pull?after=0', { token });
  expect(answer.status).toBe(200);
  return (answer.body as unknown as PullResponse).changes;
}

function refusal(answer: { status: number; body: Record<string, unknown> }) {
  expect(answer.status).toBe(422);
  return (answer.body as unknown as PushRejectedBody).rejected[0];
}

interface VotingDialogue {
  readonly id: string;
  readonly code: string;
  readonly themes: readonly string[];
}

/** An open dialogue with three themes, its voting opened with `dots` dots each (unless `open` is false). */
async function votingDialogue(
  server: SyncServer,
  facilitator: SignedIn,
  { dots = 3, open = true }: { dots?: number; open?: boolean } = {},
): Promise<VotingDialogue> {
  const id = uuidv7();
  const themes = [uuidv7(), uuidv7(), uuidv7()];
  const made = await push(server, facilitator.token, [
    change(server, 'dialogue', id, {
      title: 'Trygghet',
      question: 'Vad gör dig trygg?',
      status: 'planned',
      createdAt: new Date(clock).toISOString(),
    }),
    change(server, 'dialogue', id, { status: 'open' }, { command: 'open' }),
    ...['Ljus i parken', 'Fritidsgården', 'Bussarna'].map((name, order) =>
      change(server, 'theme', themes[order]!, {
        dialogueId: id,
        name,
        order,
        createdAt: new Date(clock).toISOString(),
      }),
    ),
  ]);
  expect(made.status).toBe(200);
  if (open) await setVoting(server, facilitator, id, { votingOpen: true, dotsPerParticipant: dots });
  const code = (await pullAll(server, facilitator.token)).find(
    (c) => c.recordId === id && typeof c.fields.joinCode === 'string',
  )?.fields.joinCode as string | undefined;
  if (!code) throw new Error('The server gave the dialogue no join code');
  return { id, code, themes };
}

async function setVoting(
  server: SyncServer,
  facilitator: SignedIn,
  dialogueId: string,
  fields: { votingOpen: boolean; dotsPerParticipant?: number },
): Promise<void> {
  const answer = await push(server, facilitator.token, [change(server, 'dialogue', dialogueId, fields)]);
  expect(answer.status).toBe(200);
}

async function phone(server: SyncServer, code: string): Promise<string> {
  const answer = await call(server, 'POST', '/api/join', { body: { code } });
  expect(answer.status).toBe(200);
  return (answer.body as unknown as JoinResponse).token;
}

/** A vote as a participant's phone sends it (one per participant key). */
function vote(
  server: SyncServer,
  dialogueId: string,
  dots: Record<string, number>,
  extra: { channel?: string; device?: string } = {},
): Change {
  return change(
    server,
    'vote',
    uuidv7(),
    {
      dialogueId,
      participantKey: uuidv4(),
      dots,
      channel: extra.channel ?? 'phone',
      createdAt: new Date(clock).toISOString(),
    },
    { device: extra.device ?? 'phone-1' },
  );
}

describe.each(dialects)('dot voting on %s', (dialect) => {
  let server: SyncServer;
  let facilitator: SignedIn;
  beforeAll(async () => {
    server = await startSyncServer(dialect, {
      participantLimits: { perDevice: 1000, perCode: 1000, joinsPerIp: 1000 },
    });
    facilitator = await server.signIn('facilitator');
  });
  afterAll(async () => server.close());

  it('takes a phone’s vote while voting is open, and the facilitator reads it', async () => {
    const dialogue = await votingDialogue(server, facilitator);
    const token = await phone(server, dialogue.code);
    // The phone reads the themes to vote on (names, not summaries).
    const themes = (await pullAll(server, token)).filter((c) => c.entity === 'theme');
    expect(new Set(themes.map((c) => c.recordId))).toEqual(new Set(dialogue.themes));
    const [a, b] = dialogue.themes as [string, string, string];
    const given = vote(server, dialogue.id, { [a]: 2, [b]: 1 });
    expect((await push(server, token, [given])).status).toBe(200);
    const seen = (await pullAll(server, facilitator.token)).find((c) => c.changeId === given.changeId);
    expect(seen?.fields.dots).toEqual({ [a]: 2, [b]: 1 });
    // The phone never reads votes back, its own or others'.
    expect((await pullAll(server, token)).some((c) => c.entity === 'vote')).toBe(false);
  });

  it('refuses a vote once voting has closed, and one before it was ever opened, with voting_closed', async () => {
    const dialogue = await votingDialogue(server, facilitator);
    const token = await phone(server, dialogue.code);
    await setVoting(server, facilitator, dialogue.id, { votingOpen: false });
    const late = vote(server, dialogue.id, { [dialogue.themes[0]!]: 1 });
    expect(refusal(await push(server, token, [late]))?.code).toBe('voting_closed');

    const never = await votingDialogue(server, facilitator, { open: false });
    const early = vote(server, never.id, { [never.themes[0]!]: 1 });
    expect(refusal(await push(server, await phone(server, never.code), [early]))?.code).toBe('voting_closed');
    // Nothing of either was stored.
    const log = await pullAll(server, facilitator.token);
    expect(log.some((c) => c.changeId === late.changeId || c.changeId === early.changeId)).toBe(false);
  });

  it('counts a vote cast before voting closed and delivered after (a phone that lost the network)', async () => {
    const dialogue = await votingDialogue(server, facilitator);
    const token = await phone(server, dialogue.code);
    const castWhileOpen = vote(server, dialogue.id, { [dialogue.themes[1]!]: 3 });
    await setVoting(server, facilitator, dialogue.id, { votingOpen: false });
    expect((await push(server, token, [castWhileOpen])).status).toBe(200);
    const castAfter = vote(server, dialogue.id, { [dialogue.themes[1]!]: 1 });
    expect(refusal(await push(server, token, [castAfter]))?.code).toBe('voting_closed');
    // Opened again: votes count again.
    await setVoting(server, facilitator, dialogue.id, { votingOpen: true });
    expect(
      (await push(server, token, [vote(server, dialogue.id, { [dialogue.themes[0]!]: 1 })])).status,
    ).toBe(200);
  });

  it('refuses more dots than the dialogue gives with too_many_dots, and takes exactly as many', async () => {
    const dialogue = await votingDialogue(server, facilitator, { dots: 3 });
    const token = await phone(server, dialogue.code);
    const [a, b] = dialogue.themes as [string, string, string];
    const four = vote(server, dialogue.id, { [a]: 2, [b]: 2 });
    expect(refusal(await push(server, token, [four]))).toMatchObject({
      code: 'too_many_dots',
      field: 'dots',
    });
    expect((await push(server, token, [vote(server, dialogue.id, { [a]: 3 })])).status).toBe(200);
    // Fewer dots from now on: a vote that fitted before no longer does.
    await setVoting(server, facilitator, dialogue.id, { votingOpen: true, dotsPerParticipant: 1 });
    expect(refusal(await push(server, token, [vote(server, dialogue.id, { [a]: 2 })]))?.code).toBe(
      'too_many_dots',
    );
  });

  it('refuses dots on a theme of another dialogue, or on no theme, with invalid_value', async () => {
    const mine = await votingDialogue(server, facilitator);
    const other = await votingDialogue(server, facilitator);
    const token = await phone(server, mine.code);
    const elsewhere = vote(server, mine.id, { [other.themes[0]!]: 1 });
    expect(refusal(await push(server, token, [elsewhere]))).toMatchObject({
      code: 'invalid_value',
      field: 'dots',
    });
    const made = [
      ['an unknown theme', vote(server, mine.id, { [uuidv7()]: 1 })],
      ['no dots at all', vote(server, mine.id, {})],
      ['half a dot', vote(server, mine.id, { [mine.themes[0]!]: 0.5 })],
      ['as if from a kiosk', vote(server, mine.id, { [mine.themes[0]!]: 1 }, { channel: 'kiosk' })],
    ] as const;
    for (const [what, bad] of made)
      expect(refusal(await push(server, token, [bad]))?.code, what).toBe('invalid_value');
  });

  it('holds a staff device (a kiosk tablet) to the same rules', async () => {
    const dialogue = await votingDialogue(server, facilitator, { dots: 2 });
    const kiosk = await server.signIn('facilitator');
    const [a] = dialogue.themes as [string];
    const ok = vote(server, dialogue.id, { [a]: 2 }, { channel: 'kiosk', device: 'kiosk-1' });
    expect((await push(server, kiosk.token, [ok])).status).toBe(200);
    const tooMany = vote(server, dialogue.id, { [a]: 3 }, { channel: 'kiosk', device: 'kiosk-1' });
    expect(refusal(await push(server, kiosk.token, [tooMany]))?.code).toBe('too_many_dots');
    await setVoting(server, facilitator, dialogue.id, { votingOpen: false });
    const late = vote(server, dialogue.id, { [a]: 1 }, { channel: 'kiosk', device: 'kiosk-1' });
    expect(refusal(await push(server, kiosk.token, [late]))?.code).toBe('voting_closed');
  });
});

/**
 * Proposals on a device: lifecycle steps checked with the person's role before anything is saved,
 * a decision refused without its date, an attachment over 20 MB refused, and earlier years imported
 * through the same lifecycle.
 */
import { describe, expect, it } from 'vitest';
import { freshDatabase, WRITER } from '../../helpers/db.ts';
import {
  ProposalRepository,
  AttachmentTooLarge,
  type ProposalContent,
} from '../../../../src/client/db/proposal-repository.ts';
import { importProposal } from '../../../../src/client/db/proposal-import.ts';
import { ValidationError } from '../../../../src/shared/validation/errors.ts';

const CONTENT: ProposalContent = {
  year: 2026,
  cohortId: null,
  assignmentId: null,
  lang: 'sv',
  title: 'Gratis busskort på sommaren',
  summary: 'Unga ska kunna ta sig till jobb och fritid.',
  background: 'I dialogen sa många att bussen är för dyr.',
  dialogueIds: [],
  proposal: 'Alla under 20 åker gratis i juli.',
  articles: [31, 2, 31],
  focusAreas: ['equalHealth'],
  affected: 'Alla unga',
  effort: 'Cirka 400 000 kr',
  committeeId: 'c1',
  committeeName: 'Fritidsnämnden',
  authorIds: [],
};
const DECISION = {
  outcome: 'partly',
  decisionText: 'Delvis bifall: gratis i juli för 13–19 år.',
  decisionBodyId: 'c1',
  decisionBodyName: 'Fritidsnämnden',
  decidedOn: '2026-09-14',
};

function setUp() {
  const db = freshDatabase();
  return { db, repo: new ProposalRepository(db) };
}

describe('proposals on a device', () => {
  it('stores a draft and queues it, with its articles in order once each', async () => {
    const { db, repo } = setUp();
    const p = await repo.create(CONTENT, WRITER);
    expect(p).toMatchObject({ status: 'draft', articles: [2, 31], imported: false });
    const [change] = await db.outbox.toArray();
    expect(change).toMatchObject({
      entity: 'proposal',
      recordId: p.id,
      fields: { status: 'draft', title: CONTENT.title },
    });
  });

  it('refuses a step the role may not take, and changes nothing', async () => {
    const { db, repo } = setUp();
    const p = await repo.create(CONTENT, WRITER);
    await expect(repo.transition(p.id, 'receive', WRITER, 'official')).rejects.toMatchObject({
      name: 'CommandRefused',
      code: 'not_allowed_now',
    });
    await expect(repo.transition(p.id, 'submit', WRITER, 'official')).rejects.toMatchObject({
      code: 'role_may_not',
    });
    await expect(repo.transition(p.id, 'submit', WRITER, 'politician')).rejects.toMatchObject({
      code: 'role_may_not',
    });
    expect((await repo.get(p.id))?.status).toBe('draft');
    expect(await db.outbox.count()).toBe(1);
  });

  it('takes a proposal from draft to decided and implemented, each step a named command with its time', async () => {
    const { db, repo } = setUp();
    const p = await repo.create(CONTENT, WRITER);
    await repo.transition(p.id, 'submit', WRITER, 'youthDeveloper');
    await repo.transition(p.id, 'receive', WRITER, 'official');
    await repo.transition(p.id, 'review', WRITER, 'official');
    await repo.transition(p.id, 'decide', WRITER, 'official', DECISION);
    const done = await repo.transition(p.id, 'markImplemented', WRITER, 'admin', {
      followUpNote: 'Införs 2027',
    });
    expect(done).toMatchObject({
      status: 'implemented',
      outcome: 'partly',
      decidedOn: '2026-09-14',
      followUpNote: 'Införs 2027',
    });
    expect(done.submittedAt).toEqual(expect.any(String));
    const commands = (await db.outbox.toArray()).map((c) => c.command ?? 'create');
    expect(commands).toEqual(['create', 'submit', 'receive', 'review', 'decide', 'markImplemented']);
    const decide = (await db.outbox.toArray())[4]!;
    expect(Object.keys(decide.fields).sort()).toEqual(
      ['status', 'updatedAt', 'decidedAt', ...Object.keys(DECISION)].sort(),
    );
  });

  it('refuses a decision without a date, naming the field, and saves nothing', async () => {
    const { db, repo } = setUp();
    const p = await repo.create(CONTENT, WRITER);
    for (const [command, role] of [
      ['submit', 'youthDeveloper'],
      ['receive', 'official'],
      ['review', 'official'],
    ] as const)
      await repo.transition(p.id, command, WRITER, role);
    const before = await db.outbox.count();
    const error = await repo
      .transition(p.id, 'decide', WRITER, 'official', { ...DECISION, decidedOn: '' })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ValidationError);
    expect((error as ValidationError).errors).toEqual([{ field: 'decidedOn', code: 'required' }]);
    expect((await repo.get(p.id))?.status).toBe('inReview');
    expect(await db.outbox.count()).toBe(before);
  });

  it('keeps a submitted proposal’s text as it was sent, except for admins', async () => {
    const { repo } = setUp();
    const p = await repo.create(CONTENT, WRITER);
    await repo.transition(p.id, 'submit', WRITER, 'youthDeveloper');
    await expect(
      repo.update(p.id, { ...CONTENT, title: 'Nytt' }, WRITER, 'youthDeveloper'),
    ).rejects.toMatchObject({
      name: 'CommandRefused',
    });
    expect((await repo.update(p.id, { ...CONTENT, title: 'Rättat' }, WRITER, 'admin')).title).toBe('Rättat');
  });

  it('refuses an attachment over 20 MB and keeps nothing of it', async () => {
    const { db, repo } = setUp();
    const p = await repo.create(CONTENT, WRITER);
    const big = new Blob([new Uint8Array(20_000_001)], { type: 'image/png' });
    await expect(
      repo.attach(p.id, { name: 'skiss.png', type: 'image/png', bytes: big, sha256: 'a'.repeat(64) }, WRITER),
    ).rejects.toBeInstanceOf(AttachmentTooLarge);
    expect(await db.proposalAttachments.count()).toBe(0);
    expect(await db.photoBlobs.count()).toBe(0);
    const small = new Blob([new Uint8Array(10)], { type: 'image/png' });
    await repo.attach(
      p.id,
      { name: 'skiss.png', type: 'image/png', bytes: small, sha256: 'b'.repeat(64) },
      WRITER,
    );
    expect(await db.photoBlobs.count()).toBe(1);
  });

  it('imports an earlier year’s proposal through the lifecycle, with its old dates', async () => {
    const { db, repo } = setUp();
    const p = await importProposal(
      db,
      repo,
      {
        line: 2,
        year: 2019,
        title: 'Ungdomens hus',
        summary: '',
        proposal: '',
        committeeId: 'k1',
        committeeName: 'Kommunstyrelsen',
        status: 'notImplemented',
        outcome: 'yes',
        decidedOn: '2019-11-02',
        decisionText: 'Bifall',
        submittedOn: null,
        articles: [12],
        lang: 'sv',
      },
      WRITER,
    );
    expect(p).toMatchObject({
      status: 'notImplemented',
      imported: true,
      outcome: 'yes',
      submittedAt: '2019-07-31T12:00:00.000Z',
      decidedAt: '2019-11-02T12:00:00.000Z',
    });
    expect((await db.outbox.toArray()).map((c) => c.command ?? 'create')).toEqual([
      'create',
      'submit',
      'receive',
      'review',
      'decide',
      'markNotImplemented',
    ]);
  });
});

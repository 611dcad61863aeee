/**
 * Proposals on a device: lifecycle steps checked with the person's role before anything is saved,
 * a decision refused without its date, attachments (images without metadata and PDF, known by their
 * first bytes; over 20 MB or of another type refused), cohorts and assignments edited under the
 * rules of new ones (consent decides whether a name reaches reports), and earlier years imported
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
import { authorsForReport } from '../../../../src/shared/domain/proposal.ts';
import { ascii, cameraJpeg, indexOfBytes, SERIAL } from '../../helpers/images.ts';

const PDF_HEAD = '%PDF-1.7\n';

async function sha(blob: Blob): Promise<string> {
  const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', await blob.arrayBuffer()));
  return Array.from(digest, (b) => b.toString(16).padStart(2, '0')).join('');
}

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
    const big = new Blob([PDF_HEAD, new Uint8Array(20_000_001 - PDF_HEAD.length)], {
      type: 'application/pdf',
    });
    await expect(repo.attach(p.id, { name: 'enkat.pdf', bytes: big }, WRITER)).rejects.toBeInstanceOf(
      AttachmentTooLarge,
    );
    expect(await db.proposalAttachments.count()).toBe(0);
    expect(await db.photoBlobs.count()).toBe(0);
    expect(await db.outbox.count()).toBe(1);
  });

  it('attaches a PDF known by its first bytes, whatever its name or the browser’s type, and keeps it to send', async () => {
    const { db, repo } = setUp();
    const p = await repo.create(CONTENT, WRITER);
    const bytes = new Blob([PDF_HEAD, '1 0 obj\n<< /Type /Catalog >>\nendobj\n%%EOF\n'], {
      type: 'text/plain',
    });
    const a = await repo.attach(p.id, { name: 'enkätsammanfattning.txt', bytes }, WRITER);
    expect(a).toMatchObject({
      proposalId: p.id,
      mime: 'application/pdf',
      bytes: bytes.size,
      sha256: await sha(bytes),
    });
    const row = await db.photoBlobs.get(a.sha256);
    expect(row).toMatchObject({ mime: 'application/pdf', bytes: bytes.size });
    expect(row?.blob?.type).toBe('application/pdf');
    expect(await sha((await repo.localFile(a.sha256))!)).toBe(a.sha256);
    const change = (await db.outbox.toArray()).at(-1);
    expect(change).toMatchObject({
      entity: 'proposalAttachment',
      fields: { mime: 'application/pdf', sha256: a.sha256 },
    });
  });

  it('refuses an HTML page or an SVG drawing named .pdf, and keeps nothing of them', async () => {
    const { db, repo } = setUp();
    const p = await repo.create(CONTENT, WRITER);
    for (const text of [
      '<!doctype html><script>alert(1)</script>',
      '<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>',
      ' %PDF-1.7 (not at the start)',
    ]) {
      const bytes = new Blob([text], { type: 'application/pdf' });
      await expect(repo.attach(p.id, { name: 'karta.pdf', bytes }, WRITER)).rejects.toMatchObject({
        name: 'AttachmentRefused',
        code: 'notAllowed',
      });
    }
    expect(await db.proposalAttachments.count()).toBe(0);
    expect(await db.photoBlobs.count()).toBe(0);
  });

  it('attaches an image without its metadata (GPS, serial number), as photos are kept', async () => {
    const { db, repo } = setUp();
    const p = await repo.create(CONTENT, WRITER);
    const camera = cameraJpeg('II', 1);
    expect(indexOfBytes(camera, ascii(SERIAL))).toBeGreaterThan(0);
    const a = await repo.attach(p.id, { name: 'platsen.jpg', bytes: new Blob([camera]) }, WRITER);
    const kept = new Uint8Array(await (await repo.localFile(a.sha256))!.arrayBuffer());
    expect(a.mime).toBe('image/jpeg');
    expect(kept.length).toBe(a.bytes);
    expect(kept.length).toBeLessThan(camera.length);
    expect(indexOfBytes(kept, ascii(SERIAL))).toBe(-1);
    expect(await sha(new Blob([kept]))).toBe(a.sha256);
    expect(await db.photoBlobs.count()).toBe(1);
  });

  it('edits a cohort with the rules of a new one; a member’s name reaches reports only once they consent', async () => {
    const { db, repo } = setUp();
    const cohort = await repo.saveCohort(
      {
        year: 2026,
        weeks: '25–27',
        supervisor: 'Kim',
        members: [
          { id: 'm1', name: 'Amira', consent: false },
          { id: 'm2', name: 'Noah', consent: true },
        ],
      },
      WRITER,
    );
    const p = await repo.create({ ...CONTENT, cohortId: cohort.id, authorIds: ['m1', 'm2'] }, WRITER);
    const report = async () => authorsForReport(p.authorIds, (await db.cohorts.get(cohort.id))!.members);
    expect(await report()).toEqual([null, 'Noah']);

    // A blank name is refused as when creating, naming the member's field; nothing changes.
    const blank = cohort.members.map((m) => (m.id === 'm2' ? { ...m, name: '  ' } : m));
    const refused = await repo
      .saveCohort({ ...cohort, members: blank }, WRITER, cohort.id)
      .catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(ValidationError);
    expect((refused as ValidationError).errors).toEqual([
      expect.objectContaining({ field: 'members.1.name', code: 'required' }),
    ]);
    expect(await report()).toEqual([null, 'Noah']);

    const edited = await repo.saveCohort(
      {
        year: 2026,
        weeks: '25–28',
        supervisor: 'Kim L',
        members: [
          { id: 'm1', name: 'Amira', consent: true },
          { id: 'm2', name: 'N.', consent: false },
        ],
      },
      WRITER,
      cohort.id,
    );
    expect(edited).toMatchObject({ id: cohort.id, createdAt: cohort.createdAt, weeks: '25–28' });
    expect(await db.cohorts.count()).toBe(1);
    expect(await report()).toEqual(['Amira', null]);
    const change = (await db.outbox.toArray()).at(-1);
    expect(change).toMatchObject({ entity: 'cohort', recordId: cohort.id });
    expect(change?.fields).not.toHaveProperty('createdAt');
  });

  it('edits an assignment with the rules of a new one, sending only what changed', async () => {
    const { db, repo } = setUp();
    const input = {
      cohortId: 'k1',
      committeeId: 'c1',
      committeeName: 'Fritidsnämnden',
      question: 'Hur når vi unga som inte går på fritidsgården?',
      background: '',
      articles: [12],
    };
    const a = await repo.addAssignment(input, WRITER);
    await expect(repo.updateAssignment(a.id, { ...input, question: ' ' }, WRITER)).rejects.toBeInstanceOf(
      ValidationError,
    );
    const edited = await repo.updateAssignment(a.id, { ...input, articles: [31, 12] }, WRITER);
    expect(edited).toMatchObject({ id: a.id, question: input.question, articles: [12, 31] });
    const change = (await db.outbox.toArray()).at(-1);
    expect(change).toMatchObject({ entity: 'assignment', recordId: a.id, fields: { articles: [12, 31] } });
    expect(Object.keys(change!.fields)).toEqual(['articles']);
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

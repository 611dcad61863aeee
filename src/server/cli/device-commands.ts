import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { findMunicipality } from '../auth/municipalities.ts';
import { listSessions } from '../auth/sessions.ts';
import type { ServerConfig } from '../config.ts';
import { StartupError } from '../startup-error.ts';
import { withStorage } from './account-commands.ts';
import { UsageError } from './parse.ts';

type Out = (line: string) => void;

/** `list-devices [--municipality <id|name>] [--all]`: signed-in devices, as a table. */
export async function listDevicesCommand(args: string[], config: ServerConfig, out: Out) {
  const { values } = parseArgs({
    args,
    options: { municipality: { type: 'string' }, all: { type: 'boolean' } },
  });
  await withStorage(config, async ({ db }) => {
    const municipalities = await db.selectFrom('municipalities').select(['id', 'name']).execute();
    const names = new Map(municipalities.map((m) => [m.id, m.name]));
    let municipalityId: string | undefined;
    if (values.municipality !== undefined) {
      const found = await findMunicipality(db, values.municipality);
      if (found.length !== 1) {
        throw new StartupError(
          `Delaktig has ${found.length === 0 ? 'no' : 'several'} municipality ${values.municipality}: give its id.`,
        );
      }
      municipalityId = found[0]!.id;
    }
    const sessions = await listSessions(db, { municipalityId, includeEnded: values.all ?? false });
    if (sessions.length === 0) {
      out(values.all ? 'No device sessions.' : 'No signed-in devices.');
      return;
    }
    const now = new Date().toISOString();
    const rows = sessions.map((s) => [
      names.get(s.municipalityId) ?? s.municipalityId,
      s.username,
      s.displayName,
      s.role,
      s.deviceLabel || '-',
      s.lastSeenAt.slice(0, 16).replace('T', ' '),
      s.revokedAt ? 'revoked' : s.expiresAt <= now ? 'expired' : 'active',
      s.id,
    ]);
    printTable(
      ['MUNICIPALITY', 'USERNAME', 'NAME', 'ROLE', 'DEVICE', 'LAST SEEN (UTC)', 'STATUS', 'SESSION'],
      rows,
      out,
    );
  });
}

/** `backup <file>`: a consistent copy of the embedded database while the server runs. */
export async function backupCommand(args: string[], config: ServerConfig, out: Out) {
  const { positionals } = parseArgs({ args, allowPositionals: true, options: {} });
  if (positionals.length !== 1) throw new UsageError('backup takes one file name.');
  const file = resolve(process.cwd(), positionals[0]!);
  await withStorage(config, async (storage) => {
    await storage.backup(file);
    out(`Backed up the database to ${file}`);
  });
}

function printTable(header: string[], rows: string[][], out: Out): void {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => [...(r[i] ?? '')].length)));
  const line = (cells: string[]) =>
    cells
      .map((c, i) => c + ' '.repeat((widths[i] ?? 0) - [...c].length))
      .join('  ')
      .trimEnd();
  out(line(header));
  for (const row of rows) out(line(row));
}

/**
 * The operator's commands for municipalities and accounts (`npm run admin -- <command>`). Each
 * opens the storage DATA_DIR or DATABASE_URL names (migrating it, as start does), does one thing,
 * prints one line or a table, and closes. They work while the server runs.
 */
import { parseArgs } from 'node:util';
import { PasswordSchema, TimeZoneSchema, UsernameSchema } from '../../shared/domain/account.ts';
import { requiredText } from '../../shared/validation/fields.ts';
import { createMunicipality, findMunicipality } from '../auth/municipalities.ts';
import { hashPassword } from '../auth/password.ts';
import { findByUsername, insertUser, setPassword } from '../auth/users.ts';
import type { ServerConfig } from '../config.ts';
import { StartupError } from '../startup-error.ts';
import { isUniqueViolation } from '../storage/db-errors.ts';
import { openStorage } from '../storage/open-storage.ts';
import type { Storage } from '../storage/storage.ts';
import { parseOption, required } from './parse.ts';
import { readPassword } from './read-password.ts';

type Out = (line: string) => void;

export async function withStorage<T>(
  config: ServerConfig,
  work: (storage: Storage) => Promise<T>,
): Promise<T> {
  const { storage } = await openStorage(config);
  try {
    return await work(storage);
  } finally {
    await storage.close();
  }
}

export async function createMunicipalityCommand(args: string[], config: ServerConfig, out: Out) {
  const { values } = parseArgs({
    args,
    options: { name: { type: 'string' }, 'time-zone': { type: 'string' } },
  });
  const name = parseOption('--name', requiredText(120), required('--name', values.name));
  const timeZone = parseOption('--time-zone', TimeZoneSchema, values['time-zone'] ?? 'Europe/Stockholm');
  await withStorage(config, async ({ db }) => {
    const existing = (await findMunicipality(db, name)).find(
      (m) => m.name.toLowerCase() === name.toLowerCase(),
    );
    if (existing)
      throw new StartupError(
        `Delaktig has a municipality named ${existing.name} already (id ${existing.id}).`,
      );
    const municipality = await createMunicipality(db, { name, timeZone });
    out(`Created municipality ${municipality.name} (${municipality.timeZone}), id ${municipality.id}`);
  });
}

export async function createAdminCommand(args: string[], config: ServerConfig, out: Out) {
  const { values } = parseArgs({
    args,
    options: {
      municipality: { type: 'string' },
      username: { type: 'string' },
      'display-name': { type: 'string' },
      password: { type: 'string' },
    },
  });
  const which = required('--municipality', values.municipality);
  const username = parseOption('--username', UsernameSchema, required('--username', values.username));
  const displayName = parseOption(
    '--display-name',
    requiredText(80),
    required('--display-name', values['display-name']),
  );
  await withStorage(config, async ({ db }) => {
    const municipality = await oneMunicipality(db, which);
    if (await findByUsername(db, username))
      throw new StartupError(`Delaktig has a user named ${username} already.`);
    const password = parseOption(
      'the password',
      PasswordSchema,
      values.password ?? (await readPassword(`Password for ${username}: `)),
    );
    const passwordHash = await hashPassword(password);
    const user = await insertUser(db, {
      municipalityId: municipality.id,
      username,
      displayName,
      role: 'admin',
      kind: 'person',
      passwordHash,
    }).catch((error: unknown) => {
      // Someone took the name between our check and the insert.
      throw isUniqueViolation(error)
        ? new StartupError(`Delaktig has a user named ${username} already.`)
        : error;
    });
    out(`Created admin ${user.username} in ${municipality.name}, id ${user.id}`);
  });
}

export async function resetPasswordCommand(args: string[], config: ServerConfig, out: Out) {
  const { values } = parseArgs({
    args,
    options: { username: { type: 'string' }, password: { type: 'string' } },
  });
  const username = parseOption('--username', UsernameSchema, required('--username', values.username));
  await withStorage(config, async (storage) => {
    const user = await findByUsername(storage.db, username);
    if (!user) throw new StartupError(`Delaktig has no user named ${username}.`);
    if (user.kind === 'device')
      throw new StartupError(`${username} is a shared tablet's account: it has no password.`);
    const password = parseOption(
      'the password',
      PasswordSchema,
      values.password ?? (await readPassword(`New password for ${username}: `)),
    );
    await setPassword(storage, user.municipality_id, user.id, await hashPassword(password));
    out(`New password set for ${username}; every device signed in as ${username} is signed out.`);
  });
}

async function oneMunicipality(db: Storage['db'], idOrName: string) {
  const found = await findMunicipality(db, idOrName);
  if (found.length === 1) return found[0]!;
  if (found.length === 0) {
    throw new StartupError(
      `Delaktig has no municipality ${idOrName}: create it with create-municipality --name "${idOrName}".`,
    );
  }
  throw new StartupError(
    `Delaktig has ${found.length} municipalities named ${idOrName}: give the id instead (${found.map((m) => m.id).join(', ')}).`,
  );
}

/**
 * `aisle hq …`: the head-office service on PostgreSQL (src-main/hq). Every subcommand reads the
 * database from --database-url or AISLE_HQ_DATABASE_URL and applies pending migrations first,
 * except `hq doctor`, which only reports.
 */
import { EXIT, flagInt, flagString, UsageError, type CliContext, type Command } from '../command';
import { HqConfigError, hqDatabaseUrl, migrateHq, openHqDatabase, redactUrl, type HqDatabase } from '../../hq/db';
import { addDevice, addStore, DeviceError, listDevices, revokeDevice } from '../../hq/devices';
import { runHqDoctor } from '../../hq/doctor';
import { importAtHq, type HqImportReport } from '../../hq/import';
import { addManager, ManagerError, MANAGER_ROLES } from '../../hq/managers';
import { startHqService } from '../../hq/server';
import { findRendererDir } from '../../server/serve';
import { IMPORT_FORMATS } from '../../sync/formats/detect';

const DB_USAGE = '  database: --database-url URL or AISLE_HQ_DATABASE_URL (postgres://user:password@host/db)';

async function withHq<T>(ctx: CliContext, fn: (hdb: HqDatabase) => Promise<T>, migrate = true): Promise<T> {
  let url: string;
  try {
    url = hqDatabaseUrl(flagString(ctx.args, 'database-url'));
  } catch (e) {
    throw new UsageError((e as Error).message);
  }
  const hdb = openHqDatabase(url);
  try {
    if (migrate) {
      try {
        await migrateHq(hdb);
      } catch (e) {
        throw new HqConfigError(`cannot prepare the HQ database at ${redactUrl(url)}: ${(e as Error).message}`);
      }
    }
    return await fn(hdb);
  } finally {
    await hdb.close();
  }
}

/** Errors a person can act on become exit 2 with their message; anything else propagates. */
async function friendly(ctx: CliContext, fn: () => Promise<number>): Promise<number> {
  try {
    return await fn();
  } catch (e) {
    if (e instanceof HqConfigError || e instanceof DeviceError || e instanceof ManagerError) {
      ctx.io.warn(`aisle hq: ${e.message}`);
      if (ctx.json) ctx.io.json({ error: { message: e.message } });
      return EXIT.UNUSABLE;
    }
    throw e;
  }
}

export const hqServeCommand: Command = {
  name: 'hq serve',
  summary: "run the head-office service (HQ API for laptops, managers' Review app, /health) on PostgreSQL",
  usage: [
    'aisle hq serve [--port N] [--host ADDR] [--database-url URL] [--json]',
    DB_USAGE,
    '  --port: default 8470 (0 = any free port); --host: default 127.0.0.1 (0.0.0.0 to serve other machines, behind TLS)',
    '  applies pending migrations, then serves until SIGINT/SIGTERM; logs are JSON lines on stderr without customer data',
  ].join('\n'),
  async run(ctx) {
    const port = flagInt(ctx.args, 'port', 8470)!;
    const host = flagString(ctx.args, 'host') ?? '127.0.0.1';
    return friendly(ctx, () =>
      withHq(ctx, async (hdb) => {
        const log = (e: Record<string, unknown>) =>
          process.stderr.write(JSON.stringify({ t: new Date().toISOString(), ...e }) + '\n');
        const svc = await startHqService(hdb, { port, host, log, rendererDir: findRendererDir() });
        if (ctx.json) ctx.io.json({ url: svc.url, port: svc.port });
        else
          ctx.io.say(
            `Aisle HQ is serving at ${svc.url} (managers' Review: ${svc.url}/; health: ${svc.url}/health; Ctrl+C to stop)`,
          );
        await new Promise<void>((resolve) => {
          const stop = () => {
            process.off('SIGINT', stop);
            process.off('SIGTERM', stop);
            void svc.close().then(resolve);
          };
          process.on('SIGINT', stop);
          process.on('SIGTERM', stop);
        });
        return EXIT.OK;
      }),
    );
  },
};

function describeHqImport(r: HqImportReport): string[] {
  if (r.error)
    return [
      `error: ${r.error}`,
      ...r.rejected.slice(0, 20).map((x) => `  rejected ${r.file}:${x.line} [${x.field}] ${x.message}`),
    ];
  const lines = [
    `${r.file} (${r.format}) → HQ: ${r.rows.products} products, ${r.rows.variants} variants, ${r.rows.inventoryRows} inventory rows, ${r.rows.customers} customers, ${r.rows.orders} orders`,
    `  ${r.inserted} inserted, ${r.updated} updated, ${r.unchanged} unchanged, ${r.discontinued} discontinued, ${r.rejected.length} rejected — ${r.seconds} s (change sequence now ${r.changeSeq})`,
  ];
  for (const w of r.warnings) lines.push(`  warning: ${w}`);
  for (const x of r.rejected.slice(0, 20)) lines.push(`  rejected ${r.file}:${x.line} [${x.field}] ${x.message}`);
  if (r.rejected.length > 20) lines.push(`  … and ${r.rejected.length - 20} more rejected rows (use --json for all)`);
  return lines;
}

export const hqImportCommand: Command = {
  name: 'hq import',
  summary: 'import a retailer file into HQ (same parsers as `aisle import`, one transaction)',
  usage: [
    'aisle hq import <format> <file> [--encoding E] [--source NAME] [--currency CODE] [--database-url URL] [--json]',
    `  formats: ${IMPORT_FORMATS.join(', ')}`,
    DB_USAGE,
    '  only rows whose content changed get a new change sequence, so laptops pull exactly those',
    '  exit 0 imported, 1 some rows rejected (the rest imported), 2 unusable file (nothing changed)',
  ].join('\n'),
  async run(ctx) {
    const [format, file] = ctx.args.positionals;
    if (!format || !file) throw new UsageError('give a format and a file');
    if (!IMPORT_FORMATS.includes(format as never))
      throw new UsageError(`unknown format "${format}" (one of: ${IMPORT_FORMATS.join(', ')})`);
    return friendly(ctx, () =>
      withHq(ctx, async (hdb) => {
        const r = await importAtHq(hdb, {
          format,
          file,
          encoding: flagString(ctx.args, 'encoding'),
          sourceName: flagString(ctx.args, 'source'),
          currency: flagString(ctx.args, 'currency'),
        });
        if (ctx.json) ctx.io.json(r);
        for (const l of describeHqImport(r)) {
          if (r.exitCode === 2) ctx.io.warn(l);
          else ctx.io.say(l);
        }
        return r.exitCode;
      }),
    );
  },
};

export const hqDeviceCommand: Command = {
  name: 'hq device',
  summary: 'enrol, list or revoke store laptops (device tokens)',
  usage: [
    'aisle hq device add --store ID --name "Till 2, Leeds" [--json]   prints the token once (only its hash is kept)',
    'aisle hq device list [--json]',
    'aisle hq device revoke <device-id> [--json]                      the token gets 401 from then on',
    DB_USAGE,
  ].join('\n'),
  async run(ctx) {
    const [action, id] = ctx.args.positionals;
    return friendly(ctx, () =>
      withHq(ctx, async (hdb) => {
        if (action === 'add') {
          const d = await addDevice(hdb, {
            storeId: flagString(ctx.args, 'store') ?? '',
            name: flagString(ctx.args, 'name') ?? '',
          });
          if (ctx.json) ctx.io.json(d);
          else {
            ctx.io.say(
              `Device ${d.device} enrolled for store ${d.store}. Its token (shown once; set it as the laptop's HQ token):`,
            );
            ctx.io.say(d.token);
          }
          return EXIT.OK;
        }
        if (action === 'list') {
          const list = await listDevices(hdb);
          if (ctx.json) ctx.io.json({ devices: list });
          else if (!list.length) ctx.io.say('No devices enrolled yet (aisle hq device add --store ID --name NAME).');
          else
            for (const d of list)
              ctx.io.say(
                `${d.device}  ${d.store}  ${d.name}  ${d.revokedAt ? `revoked ${d.revokedAt}` : `last seen ${d.lastSeenAt ?? 'never'}`}`,
              );
          return EXIT.OK;
        }
        if (action === 'revoke') {
          if (!id) throw new UsageError('give the device id to revoke (see `aisle hq device list`)');
          const d = await revokeDevice(hdb, id);
          if (ctx.json) ctx.io.json(d);
          else ctx.io.say(`Device ${d.device} (${d.name}, store ${d.store}) is revoked: its token now gets 401.`);
          return EXIT.OK;
        }
        throw new UsageError(`unknown action "${action ?? ''}" (add, list or revoke)`);
      }),
    );
  },
};

export const hqStoreCommand: Command = {
  name: 'hq store',
  summary: 'add or rename a store at HQ (imports also create stores from location names)',
  usage: ['aisle hq store add <id> --name "Leeds Briggate" [--json]', DB_USAGE].join('\n'),
  async run(ctx) {
    const [action, id] = ctx.args.positionals;
    const name = flagString(ctx.args, 'name');
    if (action !== 'add' || !id || !name) throw new UsageError('usage: aisle hq store add <id> --name NAME');
    return friendly(ctx, () =>
      withHq(ctx, async (hdb) => {
        await addStore(hdb, id, name);
        if (ctx.json) ctx.io.json({ store: id, name });
        else ctx.io.say(`Store ${id} (${name}) is known at HQ.`);
        return EXIT.OK;
      }),
    );
  },
};

export const hqManagerCommand: Command = {
  name: 'hq manager',
  summary: 'add a head-office manager account for chain-wide Review',
  usage: [
    `aisle hq manager add <id> --name NAME --role ${MANAGER_ROLES.join('|')} [--store ID] --password-env VAR [--json]`,
    '  the password is read from the environment variable VAR (never from the command line); a store_manager needs --store',
    DB_USAGE,
  ].join('\n'),
  async run(ctx) {
    const [action, id] = ctx.args.positionals;
    if (action !== 'add' || !id)
      throw new UsageError('usage: aisle hq manager add <id> --name NAME --role ROLE --password-env VAR');
    const envName = flagString(ctx.args, 'password-env');
    const password = envName ? process.env[envName] : undefined;
    if (!password)
      throw new UsageError(
        `--password-env must name a set environment variable holding the password${envName ? ` (${envName} is empty)` : ''}`,
      );
    return friendly(ctx, () =>
      withHq(ctx, async (hdb) => {
        const m = await addManager(hdb, {
          id,
          name: flagString(ctx.args, 'name') ?? id,
          role: flagString(ctx.args, 'role') ?? '',
          storeId: flagString(ctx.args, 'store'),
          password,
        });
        if (ctx.json) ctx.io.json(m);
        else
          ctx.io.say(`Manager ${m.id} (${m.role}${m.storeId ? `, store ${m.storeId}` : ''}) can sign in to HQ Review.`);
        return EXIT.OK;
      }),
    );
  },
};

export const hqDoctorCommand: Command = {
  name: 'hq doctor',
  summary: 'check HQ: database reachable, migrations, devices, event backlog',
  usage: [
    'aisle hq doctor [--database-url URL] [--json]',
    DB_USAGE,
    '  exit 0 healthy, 1 warnings, 2 broken (database unreachable or migrations missing)',
  ].join('\n'),
  async run(ctx) {
    let url: string;
    try {
      url = hqDatabaseUrl(flagString(ctx.args, 'database-url'));
    } catch (e) {
      throw new UsageError((e as Error).message);
    }
    const report = await runHqDoctor(url);
    if (ctx.json) ctx.io.json(report);
    else {
      ctx.io.say(`Aisle HQ doctor — ${report.database}: ${report.status}`);
      for (const c of report.checks) ctx.io.say(`  ${c.status.padEnd(4)} ${c.name}: ${c.detail}`);
    }
    return report.status === 'ok' ? EXIT.OK : report.status === 'warn' ? EXIT.PARTIAL : EXIT.UNUSABLE;
  },
};

export const hqCommands: Command[] = [
  hqServeCommand,
  hqImportCommand,
  hqDeviceCommand,
  hqStoreCommand,
  hqManagerCommand,
  hqDoctorCommand,
];

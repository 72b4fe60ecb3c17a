/**
 * `aisle associates list` and `aisle associates hash-pin`: the people who can sign in, and a PIN hash
 * for IT to put in roles.people[].pinHash (a plain PIN is never accepted in a configuration file).
 */
import { EXIT, UsageError, type Command } from '../command';
import { hashPin } from '../../shared/pin-hash';
import { pinSchema } from '../../contract/auth';
import { PeopleDirectory } from '../../auth/people';

export const associatesHashPinCommand: Command = {
  name: 'associates hash-pin',
  summary: 'print the scrypt hash of a PIN for roles.people[].pinHash',
  usage:
    'aisle associates hash-pin <PIN> [--json]\n  The PIN (4–8 digits) can also come on stdin, so it stays out of the shell history: echo 1234 | aisle associates hash-pin -',
  async run(ctx) {
    let pin = ctx.args.positionals[0];
    if (pin === '-' || pin === undefined) {
      if (process.stdin.isTTY || pin === undefined) throw new UsageError('give the PIN, or "-" and the PIN on stdin');
      const chunks: Buffer[] = [];
      for await (const c of process.stdin) chunks.push(c as Buffer);
      pin = Buffer.concat(chunks).toString('utf8').trim();
    }
    if (!pinSchema.safeParse(pin).success) throw new UsageError('a PIN is 4 to 8 digits');
    const pinHash = hashPin(pin);
    if (ctx.json) ctx.io.json({ pinHash });
    else ctx.io.say(pinHash);
    return EXIT.OK;
  },
};

export const associatesListCommand: Command = {
  name: 'associates list',
  summary: 'list the people who can sign in at this store',
  usage: 'aisle associates list [--json]',
  async run(ctx) {
    const rt = ctx.runtime();
    const dir = new PeopleDirectory(rt.adb.sqlite, rt.config, rt.here().id);
    dir.syncFromConfig();
    const people = dir.list();
    if (ctx.json) ctx.io.json({ store: rt.here(), people });
    else {
      if (!people.length)
        ctx.io.say('No one can sign in yet: add people to roles.people in the configuration, or run `aisle demo`.');
      for (const p of people)
        ctx.io.say(
          `${p.id.padEnd(20)} ${p.name.padEnd(24)} ${p.role.padEnd(10)} ${p.hasPin ? 'PIN set' : 'no PIN'}${p.source === 'config' ? '  (configuration)' : ''}`,
        );
    }
    return EXIT.OK;
  },
};

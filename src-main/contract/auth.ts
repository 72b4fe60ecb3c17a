/**
 * Who is working: the people who can sign in, PIN sign-in/out, and managing associates.
 * A sign-in returns an opaque session token; the renderer sends it with every later call and the
 * adapters resolve it to `ctx.actor`, so roles are enforced the same way over IPC and HTTP.
 */
import { z } from 'zod';
import { mutation, query } from './define';

export const roleName = z.enum(['associate', 'manager']);
export type RoleName = z.infer<typeof roleName>;

/** A PIN is 4 to 8 digits: short enough for a till, rate-limited against guessing. */
export const pinSchema = z.string().regex(/^\d{4,8}$/, 'must be 4 to 8 digits');

export const actorSchema = z.object({ associateId: z.string(), name: z.string(), role: roleName });

export const personSchema = z.object({
  id: z.string(),
  name: z.string(),
  role: roleName,
  /** false = cannot sign in until a manager sets a PIN */
  hasPin: z.boolean(),
  /** "config" = set by IT in roles.people (name/role/PIN managed there) */
  source: z.enum(['config', 'app']),
});
export type Person = z.infer<typeof personSchema>;

const AFTER_SIGN_IN = ['auth.whoami', 'review.list', 'review.kpis', 'review.replay'] as const;

export const authCalls = {
  /** everyone who can be picked at the "who is working?" screen (no hashes, ever) */
  'auth.people': query({ input: z.object({}).default({}), output: z.object({ people: z.array(personSchema) }) }),
  'auth.signIn': mutation({
    input: z.object({ associateId: z.string().min(1).max(100), pin: pinSchema }),
    output: z.object({ sessionToken: z.string(), actor: actorSchema }),
    invalidates: AFTER_SIGN_IN,
  }),
  'auth.signOut': mutation({
    input: z.object({}).default({}),
    output: z.object({ signedOut: z.boolean() }),
    invalidates: AFTER_SIGN_IN,
  }),
  'auth.whoami': query({ input: z.object({}).default({}), output: z.object({ actor: actorSchema.nullable() }) }),
  'auth.createAssociate': mutation({
    input: z.object({
      /** letters, digits, dot, dash, underscore; made from the name when left out */
      id: z
        .string()
        .min(1)
        .max(64)
        .regex(/^[a-z0-9._-]+$/i, 'letters, digits, dot, dash or underscore')
        .optional(),
      name: z.string().trim().min(1).max(100),
      role: roleName.default('associate'),
      pin: pinSchema,
    }),
    output: personSchema,
    invalidates: ['auth.people'],
    role: 'manager',
  }),
  /** your own PIN (give the current one), or anyone's when a manager is signed in */
  'auth.setPin': mutation({
    input: z.object({ associateId: z.string().min(1).max(100), currentPin: pinSchema.optional(), newPin: pinSchema }),
    output: z.object({ associateId: z.string(), changed: z.literal(true) }),
    invalidates: ['auth.people'],
  }),
};

import type { z } from 'zod';
import type { actorSchema } from '../../../../src-main/contract';

export type Actor = z.infer<typeof actorSchema>;

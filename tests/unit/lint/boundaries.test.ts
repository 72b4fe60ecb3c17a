/**
 * The import boundaries of ARCHITECTURE.md hold because `npm run lint` fails when one is crossed: services never
 * import electron, the renderer imports nothing of src-main but the contract (and no Node built-ins), and the
 * contract imports nothing else of src-main. Fixture source is linted as if it lived at each path, with the
 * project's own eslint.config.js (type-aware rules off: the fixture files do not exist on disk).
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { ESLint } from 'eslint';
import tseslint from 'typescript-eslint';
import { describe, expect, it } from 'vitest';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
const eslint = new ESLint({ cwd: root, overrideConfig: [tseslint.configs.disableTypeChecked] });

/** The boundary messages ESLint reports for `source` placed at `file` (relative to the repository). */
async function boundaryErrors(file: string, source: string): Promise<string[]> {
  const [result] = await eslint.lintText(source, { filePath: path.join(root, file) });
  if (!result) throw new Error(`ESLint returned no result for ${file}`);
  const fatal = result.messages.filter((m) => m.fatal);
  if (fatal.length) throw new Error(`${file}: ${fatal.map((m) => m.message).join('; ')}`);
  return result.messages.filter((m) => m.ruleId === 'no-restricted-imports').map((m) => m.message);
}

describe('import boundaries', () => {
  it('a service importing electron is reported; the Electron shell may', async () => {
    const src = "import { app } from 'electron';\nexport const name = app.getName();\n";
    expect(await boundaryErrors('src-main/catalog/x.ts', src)).toEqual([
      expect.stringMatching(/Only src-main\/electron\/ imports electron/),
    ]);
    expect(
      await boundaryErrors(
        'src-main/copilot/llm/x.ts',
        "import { safeStorage } from 'electron/main';\nexport { safeStorage };\n",
      ),
    ).toHaveLength(1);
    expect(await boundaryErrors('src-main/electron/x.ts', src)).toEqual([]);
  });

  it('the renderer importing the database, a service or a Node built-in is reported; the contract is allowed', async () => {
    const db = "import { products } from '../../../../src-main/db/schema';\nexport { products };\n";
    expect(await boundaryErrors('src-renderer/src/features/catalog/x.ts', db)).toEqual([
      expect.stringMatching(/imports only the contract/),
    ]);
    const service = "import { CatalogService } from '../../../src-main/catalog/service';\nexport { CatalogService };\n";
    expect(await boundaryErrors('src-renderer/src/api/x.ts', service)).toHaveLength(1);
    expect(await boundaryErrors('src-renderer/src/lib/x.ts', "import fs from 'node:fs';\nexport { fs };\n")).toEqual([
      expect.stringMatching(/no Node built-ins/),
    ]);
    expect(
      await boundaryErrors('src-renderer/src/lib/x.ts', "import path from 'path';\nexport { path };\n"),
    ).toHaveLength(1);
    const allowed = [
      "import { calls } from '../../../../src-main/contract';",
      "import type { SuggestionCard } from '../../../../src-main/contract/copilot';",
      "import { Button } from '@mantine/core';",
      "import { useState } from 'react';",
      "import { timeAgo } from '../../lib/time';",
      'export { calls, Button, useState, timeAgo };',
      'export type { SuggestionCard };',
    ].join('\n');
    expect(await boundaryErrors('src-renderer/src/features/consult/x.tsx', allowed)).toEqual([]);
  });

  it('the contract importing the rest of src-main or Node is reported; zod and its own files are allowed', async () => {
    expect(
      await boundaryErrors(
        'src-main/contract/x.ts',
        "import { products } from '../db/schema';\nexport { products };\n",
      ),
    ).toEqual([expect.stringMatching(/nothing else of src-main/)]);
    expect(
      await boundaryErrors(
        'src-main/contract/x.ts',
        "import { EventEmitter } from 'node:events';\nexport { EventEmitter };\n",
      ),
    ).toEqual([expect.stringMatching(/no Node built-ins/)]);
    expect(
      await boundaryErrors('src-main/contract/x.ts', "import { app } from 'electron';\nexport { app };\n"),
    ).toHaveLength(1);
    const allowed =
      "import { z } from 'zod';\nimport { eventSchemas } from './events';\nexport const x = z.string();\nexport { eventSchemas };\n";
    expect(await boundaryErrors('src-main/contract/x.ts', allowed)).toEqual([]);
  });

  it('a service may use Node built-ins and other services', async () => {
    const src = "import fs from 'node:fs';\nimport { AppError } from '../contract/errors';\nexport { fs, AppError };\n";
    expect(await boundaryErrors('src-main/sync/x.ts', src)).toEqual([]);
  });
});

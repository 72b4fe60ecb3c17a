/** Every `aisle` command, in the order `aisle --help` lists them. Add a command: one import, one entry. */
import type { Command } from '../command';
import { productsSearchCommand } from './products-search';
import { demoCommand } from './demo';
import { doctorCommand } from './doctor';
import { serveCommand } from './serve';
import { importCommand } from './import';
import { syncCommand } from './sync';
import { benchImportCommand } from './bench-import';
import { benchAllCommand } from './bench';
import { benchCatalogCommand } from './bench-catalog';
import { sessionsExportCommand } from './sessions-export';
import { associatesHashPinCommand, associatesListCommand } from './associates';
import { benchKpiCommand } from './bench-kpi';
import { benchRecommendCommand } from './bench-recommend';
import { evalCommand } from './eval';
import { recommendCommand } from './recommend';
import { askCommand } from './ask';
import { benchCopilotCommand } from './bench-copilot';
import { hqCommands } from './hq';
import { benchHqCommand } from './bench-hq';

export const commands: Command[] = [
  importCommand,
  syncCommand,
  productsSearchCommand,
  recommendCommand,
  askCommand,
  evalCommand,
  sessionsExportCommand,
  associatesListCommand,
  associatesHashPinCommand,
  serveCommand,
  doctorCommand,
  demoCommand,
  benchCatalogCommand,
  benchImportCommand,
  benchCopilotCommand,
  benchKpiCommand,
  benchRecommendCommand,
  benchHqCommand,
  ...hqCommands,
];

commands.push(benchAllCommand(() => commands));

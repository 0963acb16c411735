import type { ClausesArgs } from '../args';
import { EXIT_CONFORMING } from '../errors';
import { writeText, type Io } from '../io';
import { checkWritable } from '../writable';
import { catalogue, type CatalogueEntry } from './catalogue';
import { filterEntries } from './filter';
import { catalogueRegister } from './register';
import { catalogueJson, catalogueMarkdown, catalogueTable } from './render';
import { rulesMarkdown } from './rules';

const RENDER: Readonly<Record<ClausesArgs['format'], (entries: ReadonlyArray<CatalogueEntry>) => string>> = {
  register: catalogueRegister,
  table: catalogueTable,
  json: catalogueJson,
  markdown: catalogueMarkdown,
  rules: () => rulesMarkdown(),
};

export function clausesCommand(args: ClausesArgs, io: Io): number {
  if (args.out !== undefined) checkWritable(io, '--out', args.out);
  const entries = filterEntries(catalogue(), { services: args.services, strengths: args.strengths });
  const text = RENDER[args.format](entries);
  if (args.out !== undefined) writeText(io, '--out', args.out, text);
  else io.stdout(text);
  return EXIT_CONFORMING;
}

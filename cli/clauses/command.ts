import type { ClausesArgs } from '../args';
import { EXIT_CONFORMING } from '../errors';
import { writeText, type Io } from '../io';
import { checkWritable } from '../writable';
import { catalogue } from './catalogue';
import { catalogueJson, catalogueMarkdown, catalogueTable } from './render';

export function clausesCommand(args: ClausesArgs, io: Io): number {
  if (args.out !== undefined) checkWritable(io, '--out', args.out);
  const entries = catalogue();
  const render = { table: catalogueTable, json: catalogueJson, markdown: catalogueMarkdown }[args.format];
  const text = render(entries);
  if (args.out !== undefined) writeText(io, '--out', args.out, text);
  else io.stdout(text);
  return EXIT_CONFORMING;
}

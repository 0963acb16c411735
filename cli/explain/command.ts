import type { ExplainArgs } from '../args';
import { catalogue } from '../clauses/catalogue';
import { EXIT_CONFORMING } from '../errors';
import type { Io } from '../io';
import { computeExamples } from './examples';
import { mutantsBreaking } from './mutants';
import { explainText } from './render';

/** Each clause asked for, with what checks it, what breaks it and, unless told not to, two runs computed to show it. */
export async function explainCommand(args: ExplainArgs, io: Io): Promise<number> {
  const entries = catalogue();
  const blocks: string[] = [];
  for (const c of args.clauses) {
    const entry = entries.find((e) => e.id === c.id)!;
    const examples = args.examples && entry.testable ? await computeExamples(c.id, { seed: args.seed, runs: args.runs, cwd: io.cwd }) : undefined;
    blocks.push(explainText(entry, mutantsBreaking(c.id, io.cwd), examples));
  }
  io.stdout(blocks.join('\n'));
  return EXIT_CONFORMING;
}

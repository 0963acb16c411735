import type { ReporterName } from '../args';
import { htmlReport } from './html';
import { jsonReport } from './json';
import { junitReport } from './junit';
import type { RunOutcome } from './outcome';
import { prettyReport } from './pretty';

export type { RunOutcome } from './outcome';
export { verdictLines } from './pretty';

export const REPORTERS: Readonly<Record<ReporterName, (o: RunOutcome) => string>> = {
  pretty: prettyReport,
  json: jsonReport,
  junit: junitReport,
  html: htmlReport,
};

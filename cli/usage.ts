import { FAMILIES } from '../spec/interface/implementation';

/** Printed for --help; docs/cli.md says the same at more length. */
export const USAGE = `Usage:
  dmaconform [run] [options]       run the conformance suite (default: the built-in reference kernel)
  dmaconform clauses [--table | --json | --markdown | --rules] [--service NAME] [--strength S] [--out FILE]
                                   list the clauses: the rule, sources, the reading of any ambiguity,
                                   and the properties covering it; --rules: docs/rules.md
  dmaconform explain CLAUSE... [--no-examples] [--seed N] [--runs N]
                                   one clause (id or glob) in full: rule, reading, checking properties,
                                   mutants that break it, and two examples computed by the suite
  dmaconform merge A.json B.json ... [--reporter R] [--out FILE] [--expectations F] [--strict]
                   [--require-family F[,F...]]
                                   one report and one verdict from the JSON reports of the shards of a run
  dmaconform --version | --help

Allocator under test (one of):
  --impl PATH        a .ts/.js module exporting createImplementation() (named or default),
                     or a default-exported DmaImplementation object
  --exec "COMMAND"   a process speaking the exec protocol (docs/protocol.md); one process per property
  --core PATH        a .ts/.js module exporting createCore(): a placement core run inside the
                     suite's service shell (docs/core-walkthrough.md)
  --core-exec "COMMAND"
                     a placement core in any language, as a process speaking the core
                     protocol (docs/core-protocol.md); one process per property

Pool engine (with the reference, --core or --core-exec; the Linux dma_pool services):
  --pools PATH       a .ts/.js module exporting createPools(): lays dma_pool blocks into the
                     coherent memory the suite's Linux services hand it (core/pool-contract.ts)
  --pools-exec "COMMAND"
                     the same as a process speaking the core protocol's pool ops
                     (docs/core-protocol.md, "Pool engines")

Selection and effort:
  --property NAME    only this property (name or glob, repeatable)
  --only CLAUSE      only properties checking this clause (id or glob, repeatable)
  --runs N           runs per property, replacing each property's own count
  --budget X         multiply each property's own run count by X (default 1)
  --seed N           fix the seed (a 32-bit integer); printed with every report
  --replay SEED:PATH replay one counterexample exactly (with exactly one --property)
  --shard K/N        run the K-th of N shares of every property's runs (give every shard the same --seed)
  --strict           SHOULD failures make the run non-conforming too
  --require-family F[,F...]
                     the implementation must serve these families (${FAMILIES.join(', ')}):
                     one it leaves UNSUPPORTED fails the gate
  --timeout MS       how long one call may take before the allocator counts as hanging
  --jobs N           check N properties at once (default: the cores available); same seed, same report
  --wake-deadline MS how long a sleeper may stay asleep once its request could be met (default 500, 2000 for --exec)

Reports and gating:
  --reporter R       pretty (default), json, junit or html (one self-contained page, written to
                     --out or else dmaconform-report.html, never to the terminal)
  --out FILE         write the report to FILE instead of standard output
  --verbose          pretty: list the clauses each passing property covered
  --expectations F   known failures, keyed by clause id (see docs/cli.md)
  --update-expectations
                     rewrite F from this run's failures, keeping existing reasons

Exit status: 0 conforming, 1 not conforming (or a regression), 2 usage or setup error,
3 internal error of the suite itself (never a verdict on the allocator),
130/143 interrupted by SIGINT/SIGTERM (the report covers the properties that finished).
`;

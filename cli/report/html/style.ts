/** Inline, so the report is one file that opens anywhere with no network. */
export const STYLE = `
:root { font-family: system-ui, sans-serif; color: #1b1f24; background: #fff; }
body { margin: 1.5rem auto; max-width: 1000px; padding: 0 1rem; }
h1 { font-size: 1.4rem; margin: 0 0 .3rem; }
h2 { font-size: 1.15rem; margin-top: 2rem; border-bottom: 1px solid #d0d7de; }
h3 { font-size: 1rem; margin: 0 0 .4rem; }
code, pre { font-family: ui-monospace, monospace; font-size: .85rem; }
pre { background: #f6f8fa; padding: .6rem; overflow-x: auto; }
.verdict { font-size: 1.2rem; font-weight: 700; padding: .5rem .8rem; border-radius: 4px; display: inline-block; }
.verdict.ok { background: #dafbe1; color: #116329; }
.verdict.bad { background: #ffebe9; color: #a40e26; }
.filters { display: flex; gap: .8rem; align-items: center; margin: .8rem 0; flex-wrap: wrap; }
table { border-collapse: collapse; width: 100%; font-size: .88rem; }
th, td { text-align: left; padding: .25rem .5rem; border-bottom: 1px solid #eaeef2; vertical-align: top; }
tr.hidden, section.hidden { display: none; }
.status { font-weight: 600; }
.status-PASS { color: #116329; } .status-FAIL { color: #a40e26; } .status-TIMEOUT, .status-BROKEN { color: #9a6700; } .status-UNSUPPORTED { color: #57606a; }
section.failure { border: 1px solid #d0d7de; border-radius: 6px; padding: .8rem; margin: 1rem 0; }
.message { font-weight: 600; }
p.promise { background: #f6f8fa; border-left: 3px solid #8c959f; padding: .3rem .6rem; font-size: .9rem; }
.note { color: #57606a; font-size: .85rem; }
svg.memmap { display: block; max-width: 100%; height: auto; margin: .5rem 0; }
svg .ram { fill: #b7e4c7; stroke: #2d6a4f; stroke-width: .5; }
svg .reserved { fill: #d0d7de; stroke: #6e7781; stroke-width: .5; }
svg .hole { fill: #ffffff; stroke: #d0d7de; stroke-dasharray: 3 2; }
svg .live { fill: #9ec5fe; stroke: #0a58ca; stroke-width: 1; }
svg .run { fill: #f28b82; stroke: #a40e26; stroke-width: 2; }
svg .zoom { fill: none; stroke: #0a58ca; stroke-width: 2; }
svg .zoomlink { stroke: #0a58ca; stroke-width: .7; stroke-dasharray: 2 2; }
svg text { font: 11px ui-monospace, monospace; fill: #1b1f24; }
svg text.axis { font: 12px system-ui, sans-serif; fill: #57606a; }
svg line.mark { stroke-width: 1.5; }
svg line.boundary { stroke: #bc4c00; stroke-dasharray: 5 3; }
svg line.alignment { stroke: #8c959f; stroke-width: .8; stroke-dasharray: 1 3; }
svg line.fixed { stroke: #8250df; }
svg text.fixed { fill: #8250df; }
svg line.limit { stroke: #a40e26; stroke-dasharray: 6 2; }
svg line.crossed { stroke: #d1242f; stroke-width: 2.5; stroke-dasharray: none; }
svg text.runlabel { fill: #a40e26; font-size: 10px; }
svg text.crossed { fill: #d1242f; font-weight: 700; }
.legend span { display: inline-block; margin-right: 1rem; font-size: .8rem; }
.legend i { display: inline-block; width: 12px; height: 12px; margin-right: 4px; vertical-align: -2px; border: 1px solid #57606a; }
table.edges { width: auto; font-size: .8rem; }
`;

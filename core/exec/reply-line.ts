/** One reply line of the core protocol as an object; a line that is not a JSON object is the process's fault, said with `what` it answered. */
export function replyObject(line: string, what: string): Record<string, unknown> {
  let reply: unknown;
  try {
    reply = JSON.parse(line);
  } catch {
    throw new TypeError(`${what}: the reply ${JSON.stringify(line.slice(0, 200))} is not JSON`);
  }
  if (typeof reply !== 'object' || reply === null) throw new TypeError(`${what}: the reply is not an object`);
  return reply as Record<string, unknown>;
}

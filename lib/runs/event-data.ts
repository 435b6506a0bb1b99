import type { Frame } from '../images/sse-frames';

const FIELD = Buffer.from('"b64_json":"');
const QUOTE = 0x22;
const COMMA = 0x2c;

/**
 * An event's data (its `data:` lines) from the frame's bytes; with `withoutImage`, less
 * its image bytes (`b64_json`), which are skipped over, never decoded into a string or
 * parsed. (Base64 has no quote, so the value ends at the next one.)
 */
export function eventData(frame: Frame, { withoutImage = false } = {}): string {
  const bytes = Buffer.concat(frame);
  const at = withoutImage ? bytes.indexOf(FIELD) : -1;
  let text: string;
  if (at < 0) text = bytes.toString('utf8');
  else {
    const end = bytes.indexOf(QUOTE, at + FIELD.length);
    let from = at;
    let to = end + 1;
    if (bytes[to] === COMMA) to++;
    else if (bytes[from - 1] === COMMA) from--;
    text = bytes.subarray(0, from).toString('utf8') + bytes.subarray(to).toString('utf8');
  }
  return text
    .split('\n')
    .filter((line) => line.startsWith('data:'))
    .map((line) => line.slice(5).replace(/^ /, ''))
    .join('\n');
}

// Fails (exit 1) when a language's catalogue lacks a key that English has, has one English
// does not (left behind by a rename), or holds a message that is not valid ICU syntax.
// Run before every build (`npm run build`) and by the unit tests.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { IntlMessageFormat } from 'intl-messageformat';

const here = path.dirname(fileURLToPath(import.meta.url));
export const MESSAGES_DIR = path.join(here, '..', 'messages');

/** Every message of a catalogue by its dotted key. */
export function flatten(tree, prefix = '') {
  return Object.entries(tree).flatMap(([key, value]) =>
    typeof value === 'string' ? [[`${prefix}${key}`, value]] : flatten(value, `${prefix}${key}.`),
  );
}

/** What is wrong with the catalogues in `dir`, one line each; none when all is well. */
export function checkMessages(dir = MESSAGES_DIR) {
  const load = (file) => new Map(flatten(JSON.parse(readFileSync(path.join(dir, file), 'utf8'))));
  const english = load('en.json');
  const problems = [];
  for (const file of readdirSync(dir).filter((f) => f.endsWith('.json'))) {
    const locale = file.replace(/\.json$/, '');
    const messages = load(file);
    for (const key of english.keys()) if (!messages.has(key)) problems.push(`${locale}: missing ${key}`);
    for (const key of messages.keys()) if (!english.has(key)) problems.push(`${locale}: ${key} is not in English`);
    for (const [key, text] of messages) {
      try {
        new IntlMessageFormat(text, locale);
      } catch (error) {
        problems.push(`${locale}: ${key} is not a valid message (${error.message})`);
      }
    }
  }
  return problems;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const problems = checkMessages();
  if (problems.length) {
    console.error(`Message catalogues are incomplete:\n  ${problems.join('\n  ')}`);
    process.exit(1);
  }
  console.log('Message catalogues: every language has every key.');
}

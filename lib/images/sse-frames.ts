/**
 * Splits a server-sent event byte stream into whole events ("frames") without decoding
 * their data: the relay forwards each frame's bytes untouched, so a 200 KB image event
 * costs one copy instead of a decode, a JSON parse and a re-serialisation.
 */
const LF = 0x0a;
const CR = 0x0d;

export class SseFramer {
  private chunks: Uint8Array[] = [];
  private size = 0;
  /** Bytes on the current line other than CR; an LF ending an empty line ends an event. */
  private lineLength = 0;

  /** Adds bytes; returns the events completed by them, each ending in its blank line. */
  push(chunk: Uint8Array): Uint8Array[] {
    const frames: Uint8Array[] = [];
    let start = 0;
    for (let i = 0; i < chunk.length; i++) {
      const byte = chunk[i];
      if (byte === LF) {
        if (this.lineLength === 0 && (this.size > 0 || i > start)) {
          this.append(chunk.subarray(start, i + 1));
          frames.push(this.take());
          start = i + 1;
        }
        this.lineLength = 0;
      } else if (byte !== CR) {
        this.lineLength++;
      }
    }
    if (start < chunk.length) this.append(chunk.subarray(start));
    return frames;
  }

  /** What is left when the stream ends (an event without its closing blank line). */
  flush(): Uint8Array | null {
    return this.size ? this.take() : null;
  }

  private append(part: Uint8Array) {
    this.chunks.push(part);
    this.size += part.length;
  }

  private take(): Uint8Array {
    const frame = this.chunks.length === 1 ? this.chunks[0]!.slice() : Buffer.concat(this.chunks, this.size);
    this.chunks = [];
    this.size = 0;
    return frame;
  }
}

const decoder = new TextDecoder();

/** The `event:` name of a frame, read from its first lines only. */
export function frameEventName(frame: Uint8Array): string | null {
  const head = decoder.decode(frame.subarray(0, Math.min(frame.length, 200)));
  const match = /^event:\s?(.*?)\r?$/m.exec(head);
  return match ? match[1]!.trim() : null;
}

/** The JSON data of a frame (for the rare frames the relay must read). */
export function frameData(frame: Uint8Array): unknown {
  const text = decoder.decode(frame);
  const data = text
    .split(/\r?\n/)
    .filter((line) => line.startsWith('data:'))
    .map((line) => line.slice(5).replace(/^ /, ''))
    .join('\n');
  if (!data || data === '[DONE]') return data === '[DONE]' ? '[DONE]' : null;
  try {
    return JSON.parse(data);
  } catch {
    return null;
  }
}

/** True for comment-only frames (heartbeats), which need no forwarding. */
export function isCommentFrame(frame: Uint8Array): boolean {
  const text = decoder.decode(frame.subarray(0, Math.min(frame.length, 64)));
  return /^(:[^\n]*\r?\n)+\r?\n?$/.test(text) || text.trim() === '';
}

/**
 * Splits a server-sent event byte stream into whole events ("frames") without decoding
 * or copying their data: a frame is a list of views into the chunks it arrived in, so
 * the relay forwards a 200 KB image event without allocating anything for it.
 */
export type Frame = Uint8Array[];
const LF = 0x0a;
const CR = 0x0d;

export class SseFramer {
  private chunks: Uint8Array[] = [];
  private size = 0;
  /** Bytes on the current line other than CR; an LF ending an empty line ends an event. */
  private lineLength = 0;

  /** Adds bytes; returns the events completed by them, each ending in its blank line. */
  push(chunk: Uint8Array): Frame[] {
    const frames: Frame[] = [];
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
  flush(): Frame | null {
    return this.size ? this.take() : null;
  }

  /** True between events, where the relay may insert its own (heartbeats, errors). */
  get atBoundary(): boolean {
    return this.size === 0;
  }

  private append(part: Uint8Array) {
    this.chunks.push(part);
    this.size += part.length;
  }

  private take(): Frame {
    const frame = this.chunks;
    this.chunks = [];
    this.size = 0;
    return frame;
  }
}

const decoder = new TextDecoder();

/** The first `length` bytes of a frame, decoded. */
function head(frame: Frame, length: number): string {
  const first = frame[0];
  if (first && first.length >= length) return decoder.decode(first.subarray(0, length));
  return decoder.decode(Buffer.concat(frame).subarray(0, length));
}

/** The `event:` name of a frame, read from its first lines only. */
export function frameEventName(frame: Frame): string | null {
  const text = head(frame, 200);
  const match = /^event:\s?(.*?)\r?$/m.exec(text);
  return match ? match[1]!.trim() : null;
}

/** The JSON data of a frame (for the rare frames the relay must read). */
export function frameData(frame: Frame): unknown {
  const text = decoder.decode(Buffer.concat(frame));
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
export function isCommentFrame(frame: Frame): boolean {
  const text = head(frame, 64);
  return /^(:[^\n]*\r?\n)+\r?\n?$/.test(text) || text.trim() === '';
}

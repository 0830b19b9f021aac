// The wire protocol's message shapes, in one place. docs/protocol.md describes the same.
export const VERSION = 1;

export const ping = (id) => ({ v: VERSION, type: 'ping', id });

/** Parses a server frame; returns null for anything that is not a versioned envelope. */
export function parse(text) {
  try {
    const msg = JSON.parse(text);
    return msg && msg.v === VERSION && typeof msg.type === 'string' ? msg : null;
  } catch {
    return null;
  }
}

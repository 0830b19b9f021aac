// One WebSocket to the server that reconnects with back-off and reports its state.
import * as protocol from './protocol.js';

const HEARTBEAT_MS = 20000;
const MAX_BACKOFF_MS = 15000;

/** Frames that belong to a board: dropped while a join is on its way, so nothing of another board is applied. */
const BOARD_FRAMES = new Set(['event', 'ack', 'reject', 'presence', 'cursors']);
/** Errors that answer a join instead of its welcome. */
const JOIN_REFUSALS = new Set(['forbidden', 'consent_required', 'unavailable', 'rate_limited']);

export class Connection extends EventTarget {
  constructor(url = defaultUrl()) {
    super();
    this.url = url;
    this.state = 'offline';
    this.attempt = 0;
    this.socket = null;
    this.heartbeat = null;
    // The board last joined on this socket, and whether its welcome is still to come.
    this.board = null;
    this.awaitingWelcome = false;
  }

  open() {
    this.closed = false;
    this.setState(this.attempt === 0 ? 'connecting' : 'reconnecting');
    const socket = new WebSocket(this.url);
    this.socket = socket;
    this.board = null;
    this.awaitingWelcome = false;
    socket.addEventListener('open', () => {
      this.attempt = 0;
      this.setState('connected');
      this.heartbeat = setInterval(() => this.send(protocol.ping(crypto.randomUUID())), HEARTBEAT_MS);
    });
    socket.addEventListener('message', (e) => {
      const msg = protocol.parse(e.data);
      if (msg && this.belongs(msg)) this.dispatchEvent(new CustomEvent('message', { detail: msg }));
    });
    socket.addEventListener('close', (e) => {
      clearInterval(this.heartbeat);
      // 4003: this browser's sign-in or its place in the community ended; the page should check which.
      if (e.code === protocol.CLOSE.ACCESS_REVOKED) this.dispatchEvent(new CustomEvent('revoked'));
      if (this.closed) return;
      this.attempt += 1;
      this.setState('offline');
      const delay = Math.min(MAX_BACKOFF_MS, 500 * 2 ** this.attempt) * (0.5 + Math.random() / 2);
      setTimeout(() => this.open(), delay);
    });
  }

  /**
   * Whether a frame is for the board this socket joined last. A welcome names its board: one for
   * another board answers a join this browser has since replaced. Until the right welcome arrives,
   * board frames still come from the board left behind; the welcome brings everything instead.
   */
  belongs(msg) {
    if (msg.type === 'welcome') {
      if (!msg.board || msg.board.id !== this.board) return false;
      this.awaitingWelcome = false;
      return true;
    }
    if (msg.type === 'error' && JOIN_REFUSALS.has(msg.code) && !msg.ref) this.awaitingWelcome = false;
    return !(this.awaitingWelcome && BOARD_FRAMES.has(msg.type));
  }

  close() {
    this.closed = true;
    this.socket?.close(1000, 'signed out');
  }

  send(message) {
    if (this.socket && this.socket.readyState === WebSocket.OPEN) {
      if (message.type === 'join') {
        this.board = message.board;
        this.awaitingWelcome = true;
      }
      this.socket.send(JSON.stringify(message));
      return true;
    }
    return false;
  }

  setState(state) {
    this.state = state;
    this.dispatchEvent(new CustomEvent('state', { detail: state }));
  }
}

function defaultUrl() {
  const scheme = location.protocol === 'https:' ? 'wss:' : 'ws:';
  return `${scheme}//${location.host}/ws`;
}

// One WebSocket to the server that reconnects with back-off and reports its state.
import * as protocol from './protocol.js';

// A socket whose network has gone away can stay "open" for a minute or more: nothing closes it.
// So the client pings about every PING_MS and says "offline" when the server has not answered
// (a pong, or anything else) within PONG_TIMEOUT_MS: at most about 4 s after the network goes.
// The deadline runs from the ping, not from the last message, so a background tab whose timers
// the browser slows down is not taken for offline.
const TICK_MS = 500;
const PING_MS = 1000;
const PONG_TIMEOUT_MS = 2500;
// A handshake that a dead network swallows never fails by itself: give up on it after this long.
const CONNECT_TIMEOUT_MS = 10000;
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
    this.retry = null;
    this.lastHeard = 0;
    this.onOffline = () => this.lost();
    this.onOnline = () => {
      if (this.state === 'offline' && !this.closed) this.reconnectNow();
    };
    // The board last joined on this socket, and whether its welcome is still to come.
    this.board = null;
    this.awaitingWelcome = false;
  }

  open() {
    this.closed = false;
    window.addEventListener('offline', this.onOffline);
    window.addEventListener('online', this.onOnline);
    this.connect();
  }

  connect() {
    clearTimeout(this.retry);
    // After a loss the state stays "offline" until a socket is open again: that is the truth.
    if (this.attempt === 0) this.setState('connecting');
    const socket = new WebSocket(this.url);
    this.socket = socket;
    this.board = null;
    this.awaitingWelcome = false;
    const giveUp = setTimeout(() => {
      if (this.socket === socket && socket.readyState === WebSocket.CONNECTING) this.lost();
    }, CONNECT_TIMEOUT_MS);
    socket.addEventListener('open', () => {
      clearTimeout(giveUp);
      if (this.socket !== socket) return;
      this.attempt = 0;
      this.lastHeard = Date.now();
      this.setState('connected');
      this.pingSentAt = 0;
      clearInterval(this.heartbeat);
      this.heartbeat = setInterval(() => this.beat(socket), TICK_MS);
    });
    socket.addEventListener('message', (e) => {
      if (this.socket !== socket) return;
      this.lastHeard = Date.now();
      const msg = protocol.parse(e.data);
      if (msg && msg.type !== 'pong' && this.belongs(msg)) this.dispatchEvent(new CustomEvent('message', { detail: msg }));
    });
    socket.addEventListener('close', (e) => {
      clearTimeout(giveUp);
      if (this.socket !== socket) return;
      // 4003: this browser's sign-in or its place in the community ended; the page should check which.
      if (e.code === protocol.CLOSE.ACCESS_REVOKED) this.dispatchEvent(new CustomEvent('revoked'));
      this.dropped();
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

  /** Gives the socket up when a ping goes unanswered too long; otherwise pings again when due. */
  beat(socket) {
    if (this.socket !== socket || socket.readyState !== WebSocket.OPEN) return;
    const now = Date.now();
    const waiting = this.pingSentAt > 0 && this.lastHeard < this.pingSentAt;
    if (waiting && now - this.pingSentAt > PONG_TIMEOUT_MS) {
      this.lost();
    } else if (!waiting && now - Math.max(this.pingSentAt, this.lastHeard) >= PING_MS) {
      this.pingSentAt = now;
      this.send(protocol.ping(crypto.randomUUID()));
    }
  }

  /** The network is gone (or the server silent): abandon the socket now, do not wait for it to close. */
  lost() {
    const socket = this.socket;
    if (!socket || this.closed) return;
    this.socket = null;
    try {
      socket.close(4000, 'no heartbeat');
    } catch {
      // already closing
    }
    this.dropped();
  }

  dropped() {
    clearInterval(this.heartbeat);
    this.socket = null;
    if (this.closed) return;
    this.attempt += 1;
    this.setState('offline');
    const delay = Math.min(MAX_BACKOFF_MS, 500 * 2 ** this.attempt) * (0.5 + Math.random() / 2);
    clearTimeout(this.retry);
    this.retry = setTimeout(() => this.connect(), delay);
  }

  reconnectNow() {
    clearTimeout(this.retry);
    this.connect();
  }

  close() {
    this.closed = true;
    clearInterval(this.heartbeat);
    clearTimeout(this.retry);
    window.removeEventListener('offline', this.onOffline);
    window.removeEventListener('online', this.onOnline);
    const socket = this.socket;
    this.socket = null;
    socket?.close(1000, 'signed out');
    this.setState('offline');
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
    if (this.state === state) return;
    this.state = state;
    this.dispatchEvent(new CustomEvent('state', { detail: state }));
  }
}

function defaultUrl() {
  const scheme = location.protocol === 'https:' ? 'wss:' : 'ws:';
  return `${scheme}//${location.host}/ws`;
}

// One WebSocket to the server that reconnects with back-off and reports its state.
import * as protocol from './protocol.js';

const HEARTBEAT_MS = 20000;
const MAX_BACKOFF_MS = 15000;

export class Connection extends EventTarget {
  constructor(url = defaultUrl()) {
    super();
    this.url = url;
    this.state = 'offline';
    this.attempt = 0;
    this.socket = null;
    this.heartbeat = null;
  }

  open() {
    this.closed = false;
    this.setState(this.attempt === 0 ? 'connecting' : 'reconnecting');
    const socket = new WebSocket(this.url);
    this.socket = socket;
    socket.addEventListener('open', () => {
      this.attempt = 0;
      this.setState('connected');
      this.heartbeat = setInterval(() => this.send(protocol.ping(crypto.randomUUID())), HEARTBEAT_MS);
    });
    socket.addEventListener('message', (e) => {
      const msg = protocol.parse(e.data);
      if (msg) this.dispatchEvent(new CustomEvent('message', { detail: msg }));
    });
    socket.addEventListener('close', () => {
      clearInterval(this.heartbeat);
      if (this.closed) return;
      this.attempt += 1;
      this.setState('offline');
      const delay = Math.min(MAX_BACKOFF_MS, 500 * 2 ** this.attempt) * (0.5 + Math.random() / 2);
      setTimeout(() => this.open(), delay);
    });
  }

  close() {
    this.closed = true;
    this.socket?.close(1000, 'signed out');
  }

  send(message) {
    if (this.socket && this.socket.readyState === WebSocket.OPEN) {
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

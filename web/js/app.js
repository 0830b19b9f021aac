// Entry point of the browser client.
import { Connection } from './connection.js';

const LABELS = {
  connecting: 'Connecting…',
  connected: 'Connected',
  reconnecting: 'Reconnecting…',
  offline: 'Offline',
};

const indicator = document.getElementById('connection');
const connection = new Connection();
connection.addEventListener('state', (e) => {
  indicator.dataset.state = e.detail;
  indicator.textContent = LABELS[e.detail] ?? e.detail;
});
connection.open();

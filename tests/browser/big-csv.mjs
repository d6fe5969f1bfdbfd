// A large Zendesk-style ticket export for the import tests, written once per size to out/
// (git-ignored): rows like www/data/sample-import.csv, each ticket its own id, customers
// cycling over a few thousand emails, one row in 997 with a date the engine rejects, and an
// emoji in some subjects (multi-byte text across the stream's chunk boundaries).
import fs from 'node:fs';

// 200 MB: the size issue 18 names (a support lead's export is 50-500 MB); RAPPORT_BIG_MB for another
export const BIG_MB = Number(process.env.RAPPORT_BIG_MB ?? 200);
const HEADER = 'Ticket ID,Requester email,Subject,Created at,Solved at,Channel,CSAT\n';
const SUBJECTS = ['Cannot log in', '"Still cannot log in, reset link expired"', 'Tracking not updating', 'Grinder noise ☕', 'Refund for order', 'Address change 🏠'];
const CHANNELS = ['email', 'chat', 'phone'];

/** The path of a ticket export of about `mb` MB (1 MB = 1e6 bytes), and how many rows it has. */
export function bigCsv(mb = BIG_MB) {
  const path = new URL(`../../out/big-tickets-${mb}mb.csv`, import.meta.url).pathname;
  const meta = `${path}.json`;
  if (fs.existsSync(meta)) return { path, ...JSON.parse(fs.readFileSync(meta, 'utf8')) };
  fs.mkdirSync(new URL('../../out/', import.meta.url), { recursive: true });
  const fd = fs.openSync(path, 'w');
  fs.writeSync(fd, HEADER);
  let bytes = Buffer.byteLength(HEADER), rows = 0, bad = 0, batch = [];
  while (bytes < mb * 1e6) {
    const i = rows++;
    const day = String(1 + (i % 28)).padStart(2, '0');
    const rejected = i % 997 === 500;
    bad += rejected;
    const created = rejected ? `${day}/11/2026` : `2026-11-${day}T12:00:00Z`;
    const row = `Z-${i},customer${i % 5000}@example.com,${SUBJECTS[i % SUBJECTS.length]},${created},2026-11-${day}T16:48:00Z,${CHANNELS[i % 3]},${1 + (i % 5)}\n`;
    batch.push(row);
    bytes += Buffer.byteLength(row);
    if (batch.length === 10000) { fs.writeSync(fd, batch.join('')); batch = []; }
  }
  fs.writeSync(fd, batch.join(''));
  fs.closeSync(fd);
  const info = { rows, bad, bytes };
  fs.writeFileSync(meta, JSON.stringify(info));
  return { path, ...info };
}

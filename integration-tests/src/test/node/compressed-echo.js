// Sends one binary message of random bytes to a WebSocket echo endpoint with permessage-deflate negotiated
// (RFC 7692), and checks that the echo is the same, byte for byte.
// Usage: node compressed-echo.js ws://127.0.0.1:PORT/echo BYTES
// Prints one line and exits 0 when the echo matches, 1 otherwise (closed, different, refused).
'use strict';
const crypto = require('crypto');
const WebSocket = require('ws');

const [url, bytes] = process.argv.slice(2);
const sent = crypto.randomBytes(Number(bytes));
const socket = new WebSocket(url, { perMessageDeflate: true });

function fail(line) {
  console.log(line);
  process.exit(1);
}

socket.on('open', () => {
  if (!socket.extensions.startsWith('permessage-deflate')) {
    fail(`permessage-deflate was not negotiated: "${socket.extensions}"`);
  }
  socket.send(sent, { binary: true, compress: true });
});
socket.on('message', (echo, isBinary) => {
  if (!isBinary || !sent.equals(echo)) {
    fail(`the echo differs: ${isBinary ? 'binary' : 'text'}, ${echo.length} bytes for ${sent.length} sent`);
  }
  console.log(`echoed ${echo.length} bytes with ${socket.extensions}`);
  socket.close(1000);
});
socket.on('close', (code, reason) => {
  if (code !== 1000) {
    fail(`closed with ${code} "${reason}" after sending ${sent.length} bytes`);
  }
});
socket.on('error', (error) => fail(`error: ${error.message}`));

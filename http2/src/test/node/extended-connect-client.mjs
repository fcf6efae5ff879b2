// A WebSocket client over HTTP/2 (RFC 8441) on Node's built-in http2 module, for NodeInteropTest.
// Usage: node extended-connect-client.mjs <port> <path> <webSockets>
// Opens <webSockets> WebSockets on ONE h2c connection with extended CONNECT, sends a masked text message on each,
// checks the echo, then closes each with the closing handshake and checks the server's Close and END_STREAM.
// Prints one line per WebSocket ("ws <i>: echo <text>, close <code>, end") and exits 0, or prints why and exits 1.
import http2 from 'node:http2';
import crypto from 'node:crypto';

const [port, path, count] = [Number(process.argv[2]), process.argv[3], Number(process.argv[4])];

function fail(reason) {
    console.log('FAIL ' + reason);
    process.exit(1);
}

setTimeout(() => fail('no answer within 50 s'), 50_000).unref();

// RFC 6455 §5.2: a final frame, masked as a client must (§5.3); payloads here stay under 126 bytes.
function maskedFrame(opcode, payload) {
    const mask = crypto.randomBytes(4);
    const header = Buffer.from([0x80 | opcode, 0x80 | payload.length]);
    const masked = Buffer.from(payload.map((byte, i) => byte ^ mask[i % 4]));
    return Buffer.concat([header, mask, masked]);
}

// The server's frames: unmasked, short payloads. Returns [frames, rest].
function parseFrames(bytes) {
    const frames = [];
    let i = 0;
    while (bytes.length - i >= 2) {
        const length = bytes[i + 1] & 0x7f;
        if (length > 125 || bytes[i + 1] & 0x80) fail('unexpected frame header ' + bytes.subarray(i, i + 2).toString('hex'));
        if (bytes.length - i < 2 + length) break;
        frames.push({opcode: bytes[i] & 0x0f, payload: bytes.subarray(i + 2, i + 2 + length)});
        i += 2 + length;
    }
    return [frames, bytes.subarray(i)];
}

function webSocket(session, index) {
    return new Promise((resolve) => {
        const stream = session.request({
            ':method': 'CONNECT',
            ':protocol': 'websocket',
            ':scheme': 'http',
            ':path': path,
            ':authority': `127.0.0.1:${port}`,
            'sec-websocket-version': '13',
        });
        const text = `hello from ${index}`;
        let pending = Buffer.alloc(0);
        let echo = null;
        let closeCode = null;
        stream.on('response', (headers) => {
            if (headers[':status'] !== 200) fail(`ws ${index}: status ${headers[':status']}`);
            stream.write(maskedFrame(0x1, Buffer.from(text)));
        });
        stream.on('data', (chunk) => {
            let frames;
            [frames, pending] = parseFrames(Buffer.concat([pending, chunk]));
            for (const frame of frames) {
                if (frame.opcode === 0x1) {
                    echo = frame.payload.toString();
                    const close = Buffer.alloc(2);
                    close.writeUInt16BE(1000);
                    stream.write(maskedFrame(0x8, close));
                } else if (frame.opcode === 0x8) {
                    closeCode = frame.payload.readUInt16BE(0);
                    stream.end(); // RFC 8441 §5: our side ends too once the closing handshake is done
                } else {
                    fail(`ws ${index}: unexpected opcode ${frame.opcode}`);
                }
            }
        });
        stream.on('end', () => {
            if (echo !== text) fail(`ws ${index}: echo ${echo}`);
            if (closeCode !== 1000) fail(`ws ${index}: close ${closeCode}`);
            resolve(`ws ${index}: echo ${echo}, close ${closeCode}, end`);
        });
        stream.on('error', (error) => fail(`ws ${index}: ${error}`));
        stream.on('close', () => {
            if (stream.rstCode) fail(`ws ${index}: reset with ${stream.rstCode}`);
        });
    });
}

const session = http2.connect(`http://127.0.0.1:${port}`);
session.on('error', (error) => fail('session: ' + error));
session.once('remoteSettings', async (settings) => {
    if (!settings.enableConnectProtocol) fail('the server did not send SETTINGS_ENABLE_CONNECT_PROTOCOL');
    const results = await Promise.all(Array.from({length: count}, (_, i) => webSocket(session, i)));
    results.forEach((line) => console.log(line));
    session.close(() => process.exit(0));
});

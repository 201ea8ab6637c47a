import { EventEmitter } from 'node:events';
import { describe, expect, it, vi } from 'vitest';
import { type EmulatorCliIo, parseEmulatorArgs, runEmulatorCli } from './cli.js';

function fakeIo() {
  const signals = new EventEmitter();
  const io: EmulatorCliIo & { lines: string[]; errors: string[] } = {
    lines: [],
    errors: [],
    log: (line) => io.lines.push(line),
    error: (line) => io.errors.push(line),
    signals,
    exit: vi.fn(),
  };
  return { io, signals };
}

describe('pal-emulator command line', () => {
  it('parses vendor, port, host and faults', () => {
    expect(parseEmulatorArgs(['--vendor', 'openai', '--port', '4010', '--faults', 'flaky'])).toEqual({
      vendor: 'openai',
      port: 4010,
      host: '127.0.0.1',
      faults: 'flaky',
    });
  });

  it.each([
    [['--port', '1'], /--vendor must be one of/],
    [['--vendor', 'mistral'], /got "mistral"/],
    [['--vendor', 'openai', '--port', 'abc'], /--port must be an integer/],
    [['--vendor', 'openai', '--faults', 'chaos'], /--faults must be one of none, flaky, slow, outage/],
    [['--vendor', 'openai', '--colour'], /Unknown option/],
  ])('rejects %j', (argv, message) => {
    expect(() => parseEmulatorArgs(argv)).toThrow(message);
  });

  it('starts the emulator, prints its URL, serves it, and closes then exits 0 on SIGTERM', async () => {
    const { io, signals } = fakeIo();
    const emulator = await runEmulatorCli(['--vendor', 'openai', '--faults', 'outage'], io);
    expect(io.lines[0]).toBe(`pal-emulator: openai emulator listening on ${emulator!.url} (faults: outage)`);
    const res = await fetch(`${emulator!.url}/v1/models`, {
      headers: { authorization: 'Bearer sk-cli-test-123' },
    });
    expect(res.status).toBe(503);
    signals.emit('SIGTERM');
    await vi.waitFor(() => expect(io.exit).toHaveBeenCalledWith(0));
    await expect(fetch(`${emulator!.url}/v1/models`)).rejects.toThrow();
  });

  it('prints the reason and the usage and exits 2 on bad flags', async () => {
    const { io } = fakeIo();
    expect(await runEmulatorCli(['--vendor', 'nope'], io)).toBeUndefined();
    expect(io.errors[0]).toContain('Usage: pal-emulator --vendor');
    expect(io.exit).toHaveBeenCalledWith(2);
  });
});

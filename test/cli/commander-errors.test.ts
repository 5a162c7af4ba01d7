import { CommanderError, InvalidArgumentError as CommanderInvalidArgument } from 'commander';
import { describe, expect, it, vi } from 'vitest';
import { isCommanderError, reportError } from '../../cli/exit.js';
import { InvalidArgumentError } from '../../cli/options.js';

/** Commander's error class as a bundler leaves it: an anonymous class whose name comes from the variable it is given. */
const bundled = (): (new (exitCode: number, code: string, message: string) => Error) => {
  const CommanderError2 = class extends Error {
    code: string;
    exitCode: number;
    nestedError: undefined;
    constructor(exitCode: number, code: string, message: string) {
      super(message);
      this.name = this.constructor.name;
      this.code = code;
      this.exitCode = exitCode;
      this.nestedError = undefined;
    }
  };
  return CommanderError2;
};

describe("commander's errors, known without loading commander", () => {
  it('are told by their shape, whatever the class is called (the single-file collector renames it)', () => {
    const Renamed = bundled();
    expect(new Renamed(0, 'commander.version', '0.1.0').name).toBe('CommanderError2');
    expect(isCommanderError(new Renamed(0, 'commander.version', '0.1.0'))).toBe(true);
    expect(isCommanderError(new CommanderError(1, 'commander.unknownOption', "error: unknown option '--x'"))).toBe(true);
    expect(isCommanderError(new CommanderInvalidArgument('bad'))).toBe(true);
  });

  it("are not fwsnap's own errors: options.ts's InvalidArgumentError (commander's code, no nestedError) and plain ones", () => {
    expect(isCommanderError(new InvalidArgumentError('--timeout must be a positive number of seconds'))).toBe(false);
    expect(isCommanderError(Object.assign(new Error('x'), { code: 'ENOENT', exitCode: 2, nestedError: undefined }))).toBe(false);
    expect(isCommanderError({ code: 'commander.version', exitCode: 0, nestedError: undefined })).toBe(false);
  });

  it('help and --version exit 0 and print nothing more; other commander errors exit 2; both after commander printed its own message', () => {
    const write = vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
    try {
      const Renamed = bundled();
      expect(reportError(new Renamed(0, 'commander.version', '0.1.0'))).toBe(0);
      expect(reportError(new Renamed(0, 'commander.helpDisplayed', '(outputHelp)'))).toBe(0);
      expect(reportError(new Renamed(1, 'commander.unknownOption', "error: unknown option '--x'"))).toBe(2);
      expect(write).not.toHaveBeenCalled();
      expect(reportError(new InvalidArgumentError('--timeout must be a positive number of seconds'))).toBe(2);
      expect(String(write.mock.calls[0]?.[0])).toMatch(/--timeout must be a positive number/);
    } finally {
      write.mockRestore();
    }
  });
});

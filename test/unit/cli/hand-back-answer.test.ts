// The offboard answer is read from the exit code: 0 yes, 1 no, anything else unproven.
import { describe, expect, it } from 'vitest';
import { ExitCode } from '../../../src/cli/exit-codes.js';
import { handBackAnswer } from '../../../src/cli/hand-back-answer.js';

describe('handBackAnswer', () => {
  it('says yes only for exit 0 and no only for exit 1', () => {
    expect(handBackAnswer(ExitCode.Compliant)).toBe('yes');
    expect(handBackAnswer(ExitCode.Violation)).toBe('no');
  });

  it('says unproven for every other code: an incomplete scan, bad config, a bug, an interruption', () => {
    for (const code of [ExitCode.Incomplete, ExitCode.Usage, ExitCode.Config, ExitCode.Internal, ExitCode.Interrupted, ExitCode.BrokenPipe]) {
      expect(handBackAnswer(code)).toBe('unproven');
    }
  });
});

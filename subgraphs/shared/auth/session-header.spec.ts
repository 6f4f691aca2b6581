import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { formatSessionInstruction, parseSessionInstruction } from './session-header';

describe('session header', () => {
  const token = 'abcDEF0123456789_-abcDEF0123456789_-abcDEF0';

  it('round-trips set and clear instructions', () => {
    const set = formatSessionInstruction({ action: 'set', token, maxAgeSeconds: 43_200 });
    assert.equal(set, `set ${token} 43200`);
    assert.deepEqual(parseSessionInstruction(set), { action: 'set', token, maxAgeSeconds: 43_200 });
    assert.deepEqual(parseSessionInstruction('clear'), { action: 'clear' });
  });

  it('ignores malformed values and refuses to format a malformed token', () => {
    for (const value of [undefined, '', 'set', `set ${token}`, `set short 10`, `set ${token} -1`])
      assert.equal(parseSessionInstruction(value), null);
    assert.throws(() =>
      formatSessionInstruction({ action: 'set', token: 'a b', maxAgeSeconds: 1 }),
    );
  });
});

import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { PasswordHasher, passwordProblems } from './password';

describe('passwordProblems', () => {
  it('refuses passwords shorter than 12 or longer than 128 characters', () => {
    assert.deepEqual(passwordProblems('short pass', 'a@example.test'), ['TOO_SHORT']);
    assert.deepEqual(passwordProblems('x'.repeat(129), 'a@example.test'), ['TOO_LONG']);
    assert.deepEqual(passwordProblems('twelve chars', 'a@example.test'), []);
  });

  it('refuses passwords from the bundled common list, whatever their case', () => {
    assert.deepEqual(passwordProblems('PASSWORD1234', 'a@example.test'), ['COMMON']);
    assert.deepEqual(passwordProblems('qwertyuiop123', 'a@example.test'), ['COMMON']);
  });

  it('refuses passwords equal to or containing the local part of the email', () => {
    assert.deepEqual(passwordProblems('my name is Johanna!', 'johanna@example.test'), [
      'CONTAINS_EMAIL',
    ]);
    assert.deepEqual(passwordProblems('johannasmith', 'JohannaSmith@example.test'), [
      'CONTAINS_EMAIL',
    ]);
  });

  it('asks for no composition rules', () => {
    assert.deepEqual(passwordProblems('all lower case words here', 'a@example.test'), []);
  });
});

describe('PasswordHasher', () => {
  it('stores argon2id with m=19456 KiB, t=2, p=1 and verifies only the right password', async () => {
    const hasher = new PasswordHasher();
    const stored = await hasher.hash('correct horse battery staple');
    assert.match(stored, /^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
    assert.equal(await hasher.verify(stored, 'correct horse battery staple'), true);
    assert.equal(await hasher.verify(stored, 'correct horse battery stapl'), false);
    assert.equal(await hasher.verify('not a hash', 'x'), false);
  });
});

import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { maskEmail, maskName, maskPhone, maskPostalAddress } from './masking';

describe('personal data masks', () => {
  it('keeps the first letter and the domain of an email', () => {
    assert.equal(maskEmail('dana@installa.test'), 'd***@installa.test');
    assert.equal(maskEmail('not-an-email'), '***');
  });

  it('keeps the first letter of every word of a name', () => {
    assert.equal(maskName('John Doe'), 'J*** D***');
    assert.equal(maskName('  Layla   Al-Sabah '), 'L*** A***');
    assert.equal(maskName('Émile'), 'É***');
    assert.equal(maskName(''), '***');
  });

  it('keeps only the last two digits of a phone number and nothing of an address', () => {
    assert.equal(maskPhone('+1 415 555 0123'), '***23');
    assert.equal(maskPhone('123'), '***');
    assert.equal(maskPostalAddress(), '***');
  });
});

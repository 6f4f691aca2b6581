import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { GraphQLError } from 'graphql';
import { formatError } from './format-error';
import { DomainError, badInput } from './domain-error';

const asResolverError = (cause: Error) =>
  new GraphQLError(cause.message, { originalError: cause, path: ['plan'] });

describe('formatError', () => {
  it('passes domain errors through with their code and details', () => {
    const error = asResolverError(
      badInput('input.amount', 'The amount must be greater than zero.'),
    );
    const formatted = formatError(error.toJSON(), error);
    assert.equal(formatted.message, 'The amount must be greater than zero.');
    assert.deepEqual(formatted.extensions, { field: 'input.amount', code: 'BAD_USER_INPUT' });
  });

  it('keeps which rule an input broke but never the input values (passwords, emails)', () => {
    const error = new GraphQLError('Argument Validation Error', {
      extensions: {
        code: 'BAD_USER_INPUT',
        validationErrors: [
          {
            target: { email: 'dana@example.test', password: 'hunter2-hunter2' },
            value: 'dana@example.test',
            property: 'email',
            constraints: { maxLength: 'email must be shorter than or equal to 320 characters' },
            children: [{ target: { secret: 's3cret' }, value: 's3cret', property: 'inner' }],
          },
        ],
      },
    });
    const formatted = formatError(error.toJSON(), error);
    assert.deepEqual(formatted.extensions?.validationErrors, [
      {
        property: 'email',
        constraints: { maxLength: 'email must be shorter than or equal to 320 characters' },
        children: [{ property: 'inner', constraints: undefined }],
      },
    ]);
    assert.doesNotMatch(JSON.stringify(formatted), /dana@|hunter2|s3cret/);
  });

  it('masks anything else as INTERNAL without leaking its message', () => {
    const error = asResolverError(
      new Error('connection to 10.0.0.5 refused: password authentication failed'),
    );
    const formatted = formatError(error.toJSON(), error);
    assert.deepEqual(formatted, {
      message: 'Internal server error',
      path: ['plan'],
      extensions: { code: 'INTERNAL' },
    });
  });

  it('keeps validation errors produced by graphql itself', () => {
    const error = new GraphQLError('Cannot query field "nope" on type "Query".', {
      extensions: { code: 'GRAPHQL_VALIDATION_FAILED' },
    });
    assert.equal(formatError(error.toJSON(), error).extensions?.code, 'GRAPHQL_VALIDATION_FAILED');
  });

  it('gives DomainError a stable code for every kind', () => {
    for (const code of [
      'BAD_USER_INPUT',
      'UNAUTHENTICATED',
      'FORBIDDEN',
      'NOT_FOUND',
      'CONFLICT',
      'INTERNAL',
    ] as const) {
      assert.equal(new DomainError(code, 'x').extensions.code, code);
    }
  });
});

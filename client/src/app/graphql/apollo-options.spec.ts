import { webSocketUrl } from './apollo-options';

describe('webSocketUrl', () => {
  it('uses wss on https pages, on the same host and the /graphql path', () => {
    expect(webSocketUrl({ protocol: 'https:', host: 'portal.installa.example' })).toBe(
      'wss://portal.installa.example/graphql',
    );
  });

  it('uses ws on http pages and keeps the port', () => {
    expect(webSocketUrl({ protocol: 'http:', host: 'localhost:4000' })).toBe(
      'ws://localhost:4000/graphql',
    );
  });
});

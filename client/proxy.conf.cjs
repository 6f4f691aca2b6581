// `ng serve` proxy: forwards HTTP and graphql-ws traffic on /graphql to the gateway, so the
// portal keeps using same-origin URLs in development exactly as in production.
const target = process.env.GATEWAY_URL || 'http://localhost:4000';

module.exports = {
  '/graphql': { target, ws: true, changeOrigin: true },
};

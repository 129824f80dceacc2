import Fastify from 'fastify';

/** The HTTP ceiling: a bare Fastify route, no plugins, in its own process like the app. */
const app = Fastify({ logger: false });
app.get('/', async () => ({ ok: true }));
app.post('/', async () => ({ ok: true }));
const address = await app.listen({ port: 0, host: '127.0.0.1' });
process.send!({ id: 0, ok: true, result: { url: address } });
process.on('message', () => {
  void app.close().then(() => process.exit(0));
});

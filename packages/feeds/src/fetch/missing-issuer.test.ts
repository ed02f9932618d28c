// @peculiar/x509's dependency injection needs the metadata API loaded first
import 'reflect-metadata';
import { webcrypto, X509Certificate } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import https from 'node:https';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as x509 from '@peculiar/x509';
import { afterAll, afterEach, beforeAll, expect, test } from 'vitest';
import { FetchError } from './fetch-error.ts';
import { issuerAddresses } from './missing-issuer.ts';
import { safeFetch, type SafeResponse } from './safe-fetch.ts';
import { listenLocally, startConnectProxy, startTestServer, type TestServer } from './test-server.ts';

x509.cryptoProvider.set(webcrypto as unknown as Crypto);
const algorithm = { name: 'ECDSA', namedCurve: 'P-256', hash: 'SHA-256' };
const CA_USAGE = x509.KeyUsageFlags.keyCertSign | x509.KeyUsageFlags.cRLSign;
/** An intermediate authority's extensions: a CA that signs only end certificates. */
const intermediateExtensions = () => [new x509.BasicConstraintsExtension(true, 0, true), new x509.KeyUsagesExtension(CA_USAGE, true)];

type Keys = CryptoKeyPair;
const newKeys = () => webcrypto.subtle.generateKey(algorithm, true, ['sign', 'verify']) as Promise<Keys>;

async function selfSignedCa(name: string, keys: Keys): Promise<x509.X509Certificate> {
  return x509.X509CertificateGenerator.createSelfSigned({
    name,
    keys,
    signingAlgorithm: algorithm,
    notBefore: new Date(Date.now() - 86_400_000),
    notAfter: new Date(Date.now() + 86_400_000),
    extensions: [new x509.BasicConstraintsExtension(true, undefined, true), new x509.KeyUsagesExtension(CA_USAGE, true)],
  });
}

async function issued(
  subject: string,
  issuer: x509.X509Certificate,
  issuerKeys: Keys,
  keys: Keys,
  extensions: x509.Extension[],
): Promise<x509.X509Certificate> {
  return x509.X509CertificateGenerator.create({
    subject,
    issuer: issuer.subject,
    publicKey: keys.publicKey,
    signingKey: issuerKeys.privateKey,
    signingAlgorithm: algorithm,
    notBefore: new Date(Date.now() - 86_400_000),
    notAfter: new Date(Date.now() + 86_400_000),
    extensions,
  });
}

const pemKey = async (keys: Keys) =>
  `-----BEGIN PRIVATE KEY-----\n${Buffer.from(await webcrypto.subtle.exportKey('pkcs8', keys.privateKey)).toString('base64')}\n-----END PRIVATE KEY-----\n`;

/**
 * A root, an intermediate it signed, and a publisher's certificate the intermediate signed,
 * naming where the intermediate is published. Publishers send that certificate alone, as a
 * misconfigured server does; each test starts its own, so each is an origin of its own.
 */
let rootPem: string;
let intermediate: x509.X509Certificate;
let stranger: x509.X509Certificate;
let leafPem: string;
let leafKeyPem: string;
/** The same site's name on a certificate the stranger signed, as an interceptor would present. */
let forgedPem: string;
/** The same name on a certificate an intermediate of the stranger's signed: an interceptor with a chain of its own. */
let forgedUnderIntermediatePem: string;
let strangerIntermediate: x509.X509Certificate;
let issuerServer: TestServer;
/** What the issuer address serves: the intermediate unless a test says otherwise. */
const issuerAnswer = { body: Buffer.alloc(0) as Buffer | string, status: 200 };
const cleanups: Array<() => Promise<void>> = [];

beforeAll(async () => {
  issuerServer = await startTestServer((_request, response) => response.writeHead(issuerAnswer.status).end(issuerAnswer.body));
  cleanups.push(issuerServer.close);
  const [rootKeys, intermediateKeys, leafKeys, strangerKeys] = await Promise.all([newKeys(), newKeys(), newKeys(), newKeys()]);
  const root = await selfSignedCa('CN=Radar Test Root', rootKeys);
  stranger = await selfSignedCa('CN=Radar Test Stranger', strangerKeys);
  intermediate = await issued('CN=Radar Test Intermediate', root, rootKeys, intermediateKeys, intermediateExtensions());
  const leaf = await issued('CN=feeds.example.test', intermediate, intermediateKeys, leafKeys, [
    new x509.BasicConstraintsExtension(false, undefined, true),
    new x509.KeyUsagesExtension(x509.KeyUsageFlags.digitalSignature, true),
    new x509.ExtendedKeyUsageExtension([x509.ExtendedKeyUsage.serverAuth]),
    new x509.SubjectAlternativeNameExtension([{ type: 'dns', value: 'feeds.example.test' }]),
    new x509.AuthorityInfoAccessExtension({ caIssuers: `${issuerServer.url}/intermediate.der` }),
  ]);
  const forged = await issued('CN=feeds.example.test', stranger, strangerKeys, leafKeys, [
    new x509.SubjectAlternativeNameExtension([{ type: 'dns', value: 'feeds.example.test' }]),
    new x509.AuthorityInfoAccessExtension({ caIssuers: `${issuerServer.url}/stranger.der` }),
  ]);
  forgedPem = forged.toString('pem');
  const strangerIntermediateKeys = await newKeys();
  strangerIntermediate = await issued('CN=Radar Test Stranger Intermediate', stranger, strangerKeys, strangerIntermediateKeys, intermediateExtensions());
  forgedUnderIntermediatePem = (
    await issued('CN=feeds.example.test', strangerIntermediate, strangerIntermediateKeys, leafKeys, [
      new x509.BasicConstraintsExtension(false, undefined, true),
      new x509.SubjectAlternativeNameExtension([{ type: 'dns', value: 'feeds.example.test' }]),
      new x509.AuthorityInfoAccessExtension({ caIssuers: `${issuerServer.url}/stranger-intermediate.der` }),
    ])
  ).toString('pem');
  rootPem = root.toString('pem');
  leafPem = leaf.toString('pem');
  leafKeyPem = await pemKey(leafKeys);
});

afterEach(() => {
  issuerAnswer.body = Buffer.from(intermediate.rawData);
  issuerAnswer.status = 200;
  issuerServer.requests.length = 0;
});

afterAll(async () => {
  await Promise.all(cleanups.map((cleanup) => cleanup()));
});

/** A publisher sending its certificate without the intermediate; its fetch trusts the test root. */
async function startPublisher(cert = leafPem, proxy?: string, ca: string | null = rootPem): Promise<(path: string, chaseIssuers?: boolean) => Promise<SafeResponse>> {
  const { port, close } = await listenLocally(https.createServer({ cert, key: leafKeyPem }, (_request, response) => response.end('<rss/>')));
  cleanups.push(close);
  return (path, chaseIssuers) =>
    safeFetch(`https://feeds.example.test:${port}${path}`, {
      resolveHost: async () => [{ address: '127.0.0.1', family: 4 }],
      allowPrivateAddresses: true,
      ca: ca ?? undefined,
      chaseIssuers,
      proxy: proxy ? { url: proxy } : null,
    });
}

const failureOf = (run: Promise<unknown>) =>
  run.then(
    () => null,
    (error: unknown) => error as FetchError,
  );

test("a certificate's issuer addresses are read from its Authority Information Access", () => {
  expect(issuerAddresses(new X509Certificate(leafPem))).toEqual([`${issuerServer.url}/intermediate.der`]);
  expect(issuerAddresses(new X509Certificate(rootPem))).toEqual([]);
});

test('without chasing, a site that leaves out its intermediate fails as Node alone would', async () => {
  const fetchPublisher = await startPublisher();
  const error = await failureOf(fetchPublisher('/rss', false));
  expect(error).toBeInstanceOf(FetchError);
  expect(error?.kind).toBe('tls');
  expect(error?.message).toMatch(/unable to verify the first certificate/);
  expect(issuerServer.requests).toHaveLength(0);
});

test('a site that leaves out its intermediate is read, the intermediate fetched once from the address its certificate names', async () => {
  const fetchPublisher = await startPublisher();
  issuerAnswer.body = Buffer.from(intermediate.toString('pem')); // PEM is taken as well as DER
  const first = await fetchPublisher('/rss');
  expect(first.status).toBe(200);
  expect(Buffer.from(first.body).toString()).toBe('<rss/>');
  expect(issuerServer.requests.map((request) => request.url)).toEqual(['/intermediate.der']);
  expect(issuerServer.requests[0]?.headers['user-agent']).toMatch(/^PolicyRadar\//);
  // learned for the origin: the next fetch trusts it from the start
  const second = await fetchPublisher('/rss?again');
  expect(Buffer.from(second.body).toString()).toBe('<rss/>');
  expect(issuerServer.requests).toHaveLength(1);
});

test.each([
  ["a certificate that did not issue the site's", () => Object.assign(issuerAnswer, { body: Buffer.from(stranger.rawData) })],
  ['a page that is no certificate', () => Object.assign(issuerAnswer, { body: '<html>moved</html>' })],
  ['a 404', () => Object.assign(issuerAnswer, { status: 404, body: Buffer.from(intermediate.rawData) })],
])('an issuer address serving %s leaves the original failure, and nothing learned', async (_name, answer) => {
  const fetchPublisher = await startPublisher();
  answer();
  const error = await failureOf(fetchPublisher('/rss'));
  expect(error?.kind).toBe('tls');
  expect(error?.message).toMatch(/unable to verify the first certificate/);
  expect(issuerServer.requests).toHaveLength(1);
  // nothing was kept: the next fetch asks again
  await failureOf(fetchPublisher('/rss'));
  expect(issuerServer.requests).toHaveLength(2);
});

test("a site under an organisation's own root, trusted through NODE_EXTRA_CA_CERTS, is read when it leaves out its intermediate too", async () => {
  const directory = mkdtempSync(join(tmpdir(), 'radar-ca-'));
  const before = process.env.NODE_EXTRA_CA_CERTS;
  try {
    writeFileSync(join(directory, 'extra.pem'), rootPem);
    process.env.NODE_EXTRA_CA_CERTS = join(directory, 'extra.pem');
    const fetchPublisher = await startPublisher(leafPem, undefined, null);
    // the intermediate names that root, which the connection trusting it must still trust
    expect(Buffer.from((await fetchPublisher('/rss')).body).toString()).toBe('<rss/>');
    expect(issuerServer.requests).toHaveLength(1);
  } finally {
    if (before === undefined) delete process.env.NODE_EXTRA_CA_CERTS;
    else process.env.NODE_EXTRA_CA_CERTS = before;
    rmSync(directory, { recursive: true, force: true });
  }
});

test("an interceptor's certificate whose issuer address serves its own root is refused: a self-issued certificate is never taken", async () => {
  const fetchPublisher = await startPublisher(forgedPem);
  Object.assign(issuerAnswer, { body: Buffer.from(stranger.rawData) });
  const error = await failureOf(fetchPublisher('/rss'));
  expect(issuerServer.requests.map((request) => request.url)).toEqual(['/stranger.der']);
  expect(error?.kind).toBe('tls');
  expect(error?.message).toMatch(/unable to verify the first certificate/);
});

test("an interceptor's certificate whose issuer address serves an intermediate of its own, under a root nobody trusts, is refused", async () => {
  const fetchPublisher = await startPublisher(forgedUnderIntermediatePem);
  issuerAnswer.body = Buffer.from(strangerIntermediate.rawData);
  const error = await failureOf(fetchPublisher('/rss'));
  expect(error?.kind).toBe('tls');
  // and nothing was learned: the next fetch fails the same way
  expect((await failureOf(fetchPublisher('/rss')))?.kind).toBe('tls');
});

test("behind an organisation's proxy, the certificate is read and its issuer fetched through the proxy too", async () => {
  const proxy = await startConnectProxy();
  cleanups.push(proxy.close);
  const fetchPublisher = await startPublisher(leafPem, `http://127.0.0.1:${proxy.port}`);
  const response = await fetchPublisher('/rss');
  expect(Buffer.from(response.body).toString()).toBe('<rss/>');
  const publisherTarget = proxy.tunnels[0]!.target;
  // the failed request, the handshake that read the certificate, the issuer, the request again
  expect(proxy.tunnels.map((tunnel) => tunnel.target)).toEqual([publisherTarget, publisherTarget, `127.0.0.1:${issuerServer.port}`, publisherTarget]);
  expect(issuerServer.requests).toHaveLength(1);
});

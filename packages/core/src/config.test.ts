import { expect, test } from 'vitest';
import { outboundProxyOf, readConfig } from './config.ts';

test('the outbound proxy and the hosts reached without it are read from the environment; a proxy that is no web address is refused', () => {
  expect(readConfig({})).toMatchObject({ proxyUrl: undefined, noProxy: [], proxyResolvesNames: false });
  const resolving = readConfig({ RADAR_PROXY_URL: 'http://proxy.corp.example:3128', RADAR_PROXY_RESOLVES_NAMES: 'true' });
  expect(outboundProxyOf(resolving)).toEqual({ url: 'http://proxy.corp.example:3128', noProxy: [], resolvesNames: true });
  expect(outboundProxyOf(readConfig({ RADAR_PROXY_RESOLVES_NAMES: 'true' }))).toBeNull();
  expect(readConfig({ RADAR_PROXY_URL: 'http://radar:pw@proxy.corp.example:3128', RADAR_NO_PROXY: ' intranet.corp.example, .gov.example ,' })).toMatchObject({
    proxyUrl: 'http://radar:pw@proxy.corp.example:3128',
    noProxy: ['intranet.corp.example', '.gov.example'],
  });
  expect(() => readConfig({ RADAR_PROXY_URL: 'socks5://proxy:1080' })).toThrow(/http:\/\/ or https:\/\//);
  expect(() => readConfig({ RADAR_PROXY_URL: 'proxy:3128' })).toThrow(/RADAR_PROXY_URL/);
});

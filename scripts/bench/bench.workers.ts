// A page's network emulation does not reach its service worker, which fetches on its own
// (the app shell, the form). Through the page's DevTools session this attaches to the workers
// the page starts or is served by, throttles them alike and counts what they download.
import type { CDPSession } from 'playwright-core';

type Message = { method?: string; params?: Record<string, any> };

export async function followServiceWorkers(cdp: CDPSession, conditions: Record<string, unknown>, files: Map<string, number>) {
  const urls = new Map<string, string>();
  let nextId = 1;
  let onAttached = () => {};
  const attached = new Promise<void>((resolve) => (onAttached = resolve));
  const send = (sessionId: string, method: string, params: Record<string, unknown> = {}) =>
    cdp.send('Target.sendMessageToTarget', { sessionId, message: JSON.stringify({ id: nextId++, method, params }) });

  cdp.on('Target.attachedToTarget', async ({ sessionId, targetInfo, waitingForDebugger }) => {
    if (targetInfo.type === 'service_worker') {
      await send(sessionId, 'Network.enable');
      await send(sessionId, 'Network.emulateNetworkConditions', conditions);
      onAttached();
    }
    // held before its first line, so that none of its fetches escapes the throttling
    if (waitingForDebugger) await send(sessionId, 'Runtime.runIfWaitingForDebugger');
  });
  cdp.on('Target.receivedMessageFromTarget', ({ message }) => {
    const m = JSON.parse(message) as Message;
    if (m.method === 'Network.responseReceived' && !m.params!.response.fromDiskCache) urls.set(m.params!.requestId, m.params!.response.url);
    if (m.method === 'Network.loadingFinished') {
      const url = urls.get(m.params!.requestId);
      if (url) files.set(`${url} (service worker)`, (files.get(`${url} (service worker)`) ?? 0) + m.params!.encodedDataLength);
    }
  });
  await cdp.send('Target.setAutoAttach', { autoAttach: true, waitForDebuggerOnStart: true, flatten: false });
  return { attached };
}

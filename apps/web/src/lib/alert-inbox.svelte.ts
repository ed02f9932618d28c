import { risingSentence, type AlertNotice, type ClientToServerEvents, type ServerToClientEvents } from '@radar/core';
import { io, type Socket } from 'socket.io-client';
import { alertsApi } from './alerts-api.ts';

/** How long a toast stays on screen. */
const TOAST_MS = 12_000;
const RECENT_LIMIT = 20;

export type BrowserPermission = NotificationPermission | 'unsupported';

/**
 * In-app alerts: listens for `alert` events on its own Socket.IO link, keeps the inbox's
 * unread count, shows a toast for each firing and, when the page is hidden and the user
 * allowed it, a browser notification.
 */
export class AlertInbox {
  unread = $state(0);
  /** The newest firings seen since the page opened, newest first. */
  recent = $state.raw<AlertNotice[]>([]);
  toasts = $state.raw<AlertNotice[]>([]);
  permission = $state<BrowserPermission>('unsupported');

  #socket: Socket<ServerToClientEvents, ClientToServerEvents> | null = null;
  #timers = new Map<string, ReturnType<typeof setTimeout>>();

  /** Connects (once) and loads the unread count. */
  start(): void {
    if (this.#socket || typeof window === 'undefined') return;
    this.permission = 'Notification' in window ? Notification.permission : 'unsupported';
    const socket: Socket<ServerToClientEvents, ClientToServerEvents> = io({ path: '/socket.io', transports: ['websocket', 'polling'] });
    this.#socket = socket;
    socket.on('alert', (notice) => this.receive(notice));
    // after a drop, firings may have been missed: the count comes from the server again
    socket.on('connect', () => void this.refresh());
  }

  async refresh(): Promise<void> {
    try {
      this.unread = (await alertsApi.inbox({ limit: 1 })).unread;
    } catch {
      // the count stays as it was; the next connect or firing updates it
    }
  }

  receive(notice: AlertNotice): void {
    if (this.recent.some((n) => n.id === notice.id)) return;
    this.unread += 1;
    this.recent = [notice, ...this.recent].slice(0, RECENT_LIMIT);
    this.toasts = [...this.toasts, notice];
    this.#timers.set(notice.id, setTimeout(() => this.dismiss(notice.id), TOAST_MS));
    this.#notifyBrowser(notice);
  }

  dismiss(id: string): void {
    clearTimeout(this.#timers.get(id));
    this.#timers.delete(id);
    this.toasts = this.toasts.filter((toast) => toast.id !== id);
  }

  /** Asks the browser for permission to show notifications (must follow a click). */
  async requestPermission(): Promise<void> {
    if (this.permission === 'unsupported') return;
    this.permission = await Notification.requestPermission();
  }

  /** Marks entries read on the server (admin token) and takes them off the count. */
  async markRead(ids: string[] | 'all', token: string): Promise<void> {
    const answer = await alertsApi.markRead(ids, token);
    this.unread = answer.unread;
  }

  #notifyBrowser(notice: AlertNotice): void {
    if (this.permission !== 'granted' || typeof document === 'undefined' || document.visibilityState === 'visible') return;
    const notification = new Notification(notice.alert.name, {
      body: noticeSentence(notice),
      tag: notice.id,
    });
    notification.onclick = () => {
      window.focus();
      notification.close();
    };
  }
}

/** A notice in one sentence, for the browser's notification: the story, what rose, or the feed paused. */
export function noticeSentence(notice: AlertNotice): string {
  if (notice.feed) return `Feed paused: ${notice.feed.title}. ${notice.feed.reason}`;
  const title = notice.story?.title ?? '';
  return notice.rising?.length ? `${risingSentence(notice.rising)}. The latest: ${title}` : title;
}

export const alertInbox = new AlertInbox();

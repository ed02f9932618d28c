// widget.js: defines <radar-stream>. Loaded twice on one page, it defines it once.
import { RadarStream } from './radar-stream.ts';

export { RadarStream };
export { readWidgetOptions, storiesQuery, type WidgetOptions, type WidgetTheme } from './widget-options.ts';

if (typeof customElements !== 'undefined' && !customElements.get('radar-stream')) {
  customElements.define('radar-stream', RadarStream);
}

/**
 * The widget's styles, inside its shadow root so the host page's rules cannot reach them.
 * `all: initial` also cuts what the page would pass down by inheritance (font, colour,
 * letter-spacing...); the public knobs are the --radar-* custom properties, which do inherit.
 */
export const WIDGET_CSS = /* css */ `
:host {
  all: initial;
  display: block;
  contain: content;
}
.radar {
  --_bg: #ffffff;
  --_fg: #161a21;
  --_muted: #5d6675;
  --_border: #e2e5ea;
  --_accent: #2f5bd3;
  --_chip-bg: #f0f2f5;
  --_chip-fg: #465061;
  --_live: #13795b;
  --_danger: #b42318;
  --_fresh: #e9effd;
  color-scheme: light;
}
.radar[data-theme='dark'] {
  --_bg: #151920;
  --_fg: #e7eaef;
  --_muted: #8a94a3;
  --_border: #252c36;
  --_accent: #7ea2ff;
  --_chip-bg: #1b2028;
  --_chip-fg: #b0b8c4;
  --_live: #4cc79a;
  --_danger: #ff8a80;
  --_fresh: #1b2540;
  color-scheme: dark;
}
@media (prefers-color-scheme: dark) {
  .radar[data-theme='auto'] {
    --_bg: #151920;
    --_fg: #e7eaef;
    --_muted: #8a94a3;
    --_border: #252c36;
    --_accent: #7ea2ff;
    --_chip-bg: #1b2028;
    --_chip-fg: #b0b8c4;
    --_live: #4cc79a;
    --_danger: #ff8a80;
    --_fresh: #1b2540;
    color-scheme: dark;
  }
}
:host([hidden]) { display: none; }
.radar {
  all: initial;
  display: block;
  box-sizing: border-box;
  font-family: var(--radar-font, system-ui, -apple-system, 'Segoe UI', Roboto, 'Helvetica Neue', Arial, sans-serif);
  font-size: var(--radar-font-size, 14px);
  line-height: 1.45;
  color: var(--radar-fg, var(--_fg));
  background: var(--radar-bg, var(--_bg));
  border: 1px solid var(--radar-border, var(--_border));
  border-radius: var(--radar-radius, 10px);
  overflow: hidden;
  -webkit-font-smoothing: antialiased;
  text-align: start;
}
.radar *, .radar *::before, .radar *::after { box-sizing: border-box; }
header {
  display: flex;
  align-items: center;
  gap: 8px;
  padding: 10px 14px;
  border-bottom: 1px solid var(--radar-border, var(--_border));
}
.heading {
  flex: 1;
  min-width: 0;
  margin: 0;
  font-size: 1em;
  font-weight: 650;
  white-space: nowrap;
  overflow: hidden;
  text-overflow: ellipsis;
}
.status {
  display: inline-flex;
  align-items: center;
  gap: 6px;
  font-size: 0.8em;
  color: var(--radar-muted, var(--_muted));
  white-space: nowrap;
}
.status::before {
  content: '';
  width: 7px;
  height: 7px;
  border-radius: 50%;
  background: var(--radar-muted, var(--_muted));
}
.status[data-state='live']::before { background: var(--_live); box-shadow: 0 0 0 3px color-mix(in srgb, var(--_live) 22%, transparent); }
.status[data-state='refused']::before { background: var(--_danger); }
.stories { margin: 0; padding: 0; }
article {
  display: block;
  padding: 12px 14px;
  border-bottom: 1px solid var(--radar-border, var(--_border));
  transition: background-color 1.2s ease;
}
article:last-child { border-bottom: 0; }
article.fresh { background: var(--radar-fresh, var(--_fresh)); transition: none; }
.headline {
  display: block;
  color: inherit;
  font-weight: 600;
  font-size: 1.03em;
  line-height: 1.35;
  text-decoration: none;
  overflow-wrap: anywhere;
}
a.headline[href]:hover { color: var(--radar-accent, var(--_accent)); text-decoration: underline; text-underline-offset: 2px; }
a.headline:focus-visible { outline: 2px solid var(--radar-accent, var(--_accent)); outline-offset: 2px; border-radius: 3px; }
.summary {
  margin: 4px 0 0;
  color: var(--radar-muted, var(--_muted));
  display: -webkit-box;
  -webkit-line-clamp: 2;
  -webkit-box-orient: vertical;
  overflow: hidden;
  overflow-wrap: anywhere;
}
.meta {
  display: flex;
  flex-wrap: wrap;
  align-items: center;
  gap: 4px 10px;
  margin-top: 6px;
  font-size: 0.86em;
  color: var(--radar-muted, var(--_muted));
}
.source { font-weight: 550; }
.source::after { content: '·'; margin-left: 10px; }
.chips { display: contents; list-style: none; margin: 0; padding: 0; }
.chip {
  display: inline-block;
  padding: 1px 8px;
  border-radius: 999px;
  background: var(--radar-chip-bg, var(--_chip-bg));
  color: var(--radar-chip-fg, var(--_chip-fg));
  font-size: 0.92em;
  line-height: 1.5;
  white-space: nowrap;
}
.notice {
  margin: 0;
  padding: 18px 14px;
  color: var(--radar-muted, var(--_muted));
  text-align: center;
}
.notice[data-kind='error'] { color: var(--_danger); }
footer {
  padding: 7px 14px;
  border-top: 1px solid var(--radar-border, var(--_border));
  font-size: 0.78em;
  color: var(--radar-muted, var(--_muted));
  text-align: end;
}
footer a { color: inherit; text-decoration: none; }
footer a:hover { text-decoration: underline; }
.radar[data-compact] header { padding: 7px 10px; }
.radar[data-compact] article { padding: 7px 10px; }
.radar[data-compact] .headline { font-size: 1em; font-weight: 550; }
.radar[data-compact] .summary, .radar[data-compact] .chips { display: none; }
.radar[data-compact] .meta { margin-top: 2px; }
.radar[data-compact] footer { display: none; }
@media (prefers-reduced-motion: reduce) { article { transition: none; } }
`;

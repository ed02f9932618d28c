#!/usr/bin/env node
/**
 * The `radar` command (`pnpm radar <command>`). Each command lives in commands/ and is
 * loaded only when used, so `radar detect` and `radar parse` start fast.
 */
export type Command = (args: string[]) => Promise<void>;

const commands: Record<string, { summary: string; load: () => Promise<Command> }> = {
  serve: {
    summary: 'serve [--demo]           run the API, dashboard and workers in one process',
    load: async () => (await import('./commands/serve.ts')).runServe,
  },
  api: {
    summary: 'api                      run the HTTP API and live stream only (scaled out)',
    load: async () => async (args) => (await import('./commands/serve.ts')).runServe(args, 'api'),
  },
  poller: {
    summary: 'poller                   run the feed poller only (scaled out)',
    load: async () => async (args) => (await import('./commands/serve.ts')).runServe(args, 'poller'),
  },
  notifier: {
    summary: 'notifier                 run alert matching and delivery only (scaled out)',
    load: async () => async (args) => (await import('./commands/serve.ts')).runServe(args, 'notifier'),
  },
  feeds: {
    summary: 'feeds add|list|import|export  manage watched feeds (OPML import and export)',
    load: async () => (await import('./commands/feeds.ts')).runFeeds,
  },
  parse: {
    summary: 'parse FILE|URL | --jsonl  parse feeds into the normalised model',
    load: async () => (await import('./commands/parse.ts')).runParse,
  },
  detect: {
    summary: 'detect                   tag JSON lines {id,title,text} from stdin',
    load: async () => (await import('./commands/detect.ts')).runDetect,
  },
  corrections: {
    summary: 'corrections [FILE]       stories editors corrected, as labelled lines to score the detector on',
    load: async () => (await import('./commands/corrections.ts')).runCorrections,
  },
  explain: {
    summary: 'explain --title T --text X  show the mentions and rules behind the tags',
    load: async () => (await import('./commands/explain.ts')).runExplain,
  },
};

function usage(): string {
  return `usage: radar <command>\n\n${Object.values(commands)
    .map((c) => `  ${c.summary}`)
    .join('\n')}\n`;
}

const [name, ...args] = process.argv.slice(2);
const command = name ? commands[name] : undefined;
if (!command) {
  process.stderr.write(name && name !== '--help' ? `radar: unknown command "${name}"\n\n${usage()}` : usage());
  process.exit(name && name !== '--help' ? 2 : 0);
}
try {
  await (await command.load())(args);
} catch (error) {
  process.stderr.write(`radar ${name}: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
}

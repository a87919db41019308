// The command-line conventions shared by every script: `--help`/`-h` prints the Japanese usage and
// exits 0; an unknown option or a missing value is one Japanese line on stderr and exit 2, never a
// Node stack trace.
import path from 'node:path';
import { parseArgs, type ParseArgsConfig } from 'node:util';

type Options = NonNullable<ParseArgsConfig['options']>;

export function parseCli<O extends Options>(usage: string, options: O, { positionals = false } = {}) {
  const argv = process.argv.slice(2).filter((a) => a !== '--');
  if (argv.includes('--help') || argv.includes('-h')) {
    console.log(usage.trim());
    process.exit(0);
  }
  try {
    return parseArgs({ args: argv, options, allowPositionals: positionals, strict: true });
  } catch (e) {
    const code = (e as { code?: string }).code;
    const arg = /'([^']+)'/.exec((e as Error).message)?.[1] ?? '';
    const what = code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION' ? `知らないオプション「${arg}」です`
      : code === 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE' ? `オプション「${arg.split(' ')[0]}」の値が足りないか、値を取らないオプションです`
      : code === 'ERR_PARSE_ARGS_UNEXPECTED_POSITIONAL' ? `余分な引数「${arg}」があります`
      : '引数を読めません';
    console.error(`${what}。使い方は --help で表示します`);
    process.exit(2);
  }
}

/** The folder npm was run in, when npm started this process in its project (npm runs a script in the
 * project root whatever folder it was started from, and says which in INIT_CWD). Read once: a child
 * this process starts (a shard, the aggregate step) is given paths from the project root already, and
 * inherits INIT_CWD, which it must not read again; nor must a child of npm test that runs elsewhere. */
const invokedIn = (() => {
  const from = process.env.INIT_CWD;
  const npmProject = process.env.npm_package_json && path.dirname(process.env.npm_package_json);
  return from && npmProject && path.resolve(npmProject) === process.cwd() ? path.resolve(from) : undefined;
})();
if (invokedIn) process.env.INIT_CWD = process.cwd();

/** A path the user typed, as a path from the project root (the scripts' working directory): a clerk in
 * content/reports/kumamoto-shi who types `npm run validate -- 13.yaml` means the file beside them. */
export function userPath(typed: string): string {
  if (!invokedIn || path.isAbsolute(typed)) return typed;
  return path.relative(process.cwd(), path.resolve(invokedIn, typed)) || '.';
}

/** A path from the project root as the user can type it where they ran npm (the inverse of userPath). */
export function shownPath(file: string): string {
  return invokedIn ? path.relative(invokedIn, path.resolve(file)) || '.' : file;
}

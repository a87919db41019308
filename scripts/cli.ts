// The command-line conventions shared by every script: `--help`/`-h` prints the Japanese usage and
// exits 0; an unknown option or a missing value is one Japanese line on stderr and exit 2, never a
// Node stack trace.
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

import { benchCommand } from './bench';
import { configCommand } from './config';
import { EXIT, reportError, UsageError } from './io';
import { triageCommand } from './triage';

const USAGE = `usage: switchboard <command> [options]

commands:
  triage [--config FILE] [--ticket FILE] [--state FILE] [--now ISO]
                         triage one ticket (JSON, stdin by default) and print the Decision as JSON
  config check FILE      validate a config (YAML or JSON) and run its example tickets
  config default         print the built-in config as YAML
  bench [--json]         pipeline throughput and duplicate recall@5 (see README)
`;

export async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  try {
    switch (command) {
      case 'triage':
        return await triageCommand(rest);
      case 'config':
        return await configCommand(rest);
      case 'bench':
        return await benchCommand(rest);
      case undefined:
      case '-h':
      case '--help':
      case 'help':
        process.stdout.write(USAGE);
        return command === undefined ? EXIT.badInput : EXIT.ok;
      default:
        throw new UsageError(`unknown command "${command}" (see switchboard --help)`);
    }
  } catch (e) {
    return reportError(e);
  }
}

import { backtestCommand } from './backtest';
import { benchCommand } from './bench';
import { configCommand } from './config';
import { exportCommand } from './export';
import { EXIT, reportError, UsageError } from './io';
import { trainCommand } from './train';
import { triageCommand } from './triage';

const USAGE = `usage: switchboard <command> [options]

commands:
  triage [--config FILE] [--ticket FILE] [--state FILE] [--now ISO] [--model MODEL]
                         triage one ticket (JSON, stdin by default) and print the Decision as JSON
  train --input FILE --label FIELD [--text FIELDS] --out MODEL [--seed N]
                         train the request-type classifier from a CSV (Jira export) or .jsonl file
  config check FILE      validate a config (YAML or JSON) and run its example tickets
  config default         print the built-in config as YAML
  backtest [--input FILE] [--config FILE] [--report FILE.html] [--json] [--label FIELD] [--train-fraction 0.7]
                         train on the older part of a Jira CSV export, triage the newer part, compare with
                         what people did (default input: the bundled Hadoop sample)
  export --site URL --jql QUERY --out FILE [--format csv|jsonl] [--fields NAMES]
                         page through Jira's search and write the CSV (or JSON lines) that train and
                         backtest read; credentials from JIRA_EMAIL + JIRA_API_TOKEN or JIRA_ACCESS_TOKEN
  bench [--json]         pipeline throughput and duplicate recall@5 (see README)
  bench nlbse --train FILE (--test FILE | --cv K) [--seed N] [--json]
                         NLBSE'24 issue classification: mean macro-F1 over 5 repos, speed, size
`;

export async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  try {
    switch (command) {
      case 'triage':
        return await triageCommand(rest);
      case 'config':
        return await configCommand(rest);
      case 'backtest':
        return await backtestCommand(rest);
      case 'train':
        return await trainCommand(rest);
      case 'export':
        return await exportCommand(rest);
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

// The engine's external-checking contract: `npm run -s schedule|apr|finance` reads one JSON
// document on stdin and writes one on stdout; failures exit non-zero with
// {"error": {"code", "message", "path"}}. Decimals are strings in and out.
import {
  aprFromCashflows,
  EngineError,
  evaluateFinanceCall,
  previewScheduleJson,
} from '../subgraphs/schedules/src/engine';

type Command = 'schedule' | 'apr' | 'finance';

function run(command: Command, input: unknown): unknown {
  switch (command) {
    case 'schedule':
      return previewScheduleJson(input);
    case 'apr':
      return aprFromCashflows(input);
    case 'finance':
      if (!Array.isArray(input)) throw new EngineError('', 'input must be a JSON array of calls');
      return input.map((call, index) => evaluateFinanceCall(call, index));
  }
}

function fail(code: string, message: string, path: string, exitCode: number): void {
  process.stdout.write(`${JSON.stringify({ error: { code, message, path } })}\n`);
  process.exitCode = exitCode;
}

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

async function main(): Promise<void> {
  const command = process.argv[2];
  if (command !== 'schedule' && command !== 'apr' && command !== 'finance') {
    return fail(
      'BAD_USER_INPUT',
      'usage: engine-cli.ts schedule|apr|finance < input.json',
      'command',
      2,
    );
  }
  let input: unknown;
  try {
    input = JSON.parse(await readStdin());
  } catch {
    // JSON.parse throws SyntaxError on malformed stdin; the caller sent bad input.
    return fail('BAD_USER_INPUT', 'stdin is not valid JSON', '', 1);
  }
  try {
    process.stdout.write(`${JSON.stringify(run(command, input))}\n`);
  } catch (error) {
    // EngineError is expected bad input; anything else is a bug, still reported as JSON.
    if (error instanceof EngineError) return fail(error.code, error.message, error.path, 1);
    process.stderr.write(
      `${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
    );
    return fail('INTERNAL_SERVER_ERROR', 'Internal error', '', 3);
  }
}

void main();

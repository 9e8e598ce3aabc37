import type { Command } from 'commander';
import { runCommand } from '../run.js';

/**
 * `lgsco organisations resolve NAME...`: one JSON line per name, from the same registry the archive
 * uses (registry/). Reads no archive and no configuration.
 */
export function registerOrganisations(program: Command): void {
  const org = program
    .command('organisations')
    .description('The organisation registry: councils with ONS codes, kinds, regions and populations.');
  org
    .command('resolve')
    .description(
      'Resolve organisation names as the archive does. Prints one JSON line per name:\n' +
        '{ name, code, kind, region, population, predecessors, successors } — code is the ONS GSS\n' +
        'code (E99… for the replica’s invented councils); population is the latest year with a figure,\n' +
        '{ year, residents }. A name that is no known council has code null and kind care_provider,\n' +
        'school, nhs or other from its words; a council-like name that matches nothing also lists\n' +
        'candidates, the closest councils. Exit 0 even when a name does not resolve.',
    )
    .argument('<name...>', 'organisation names as decisions give them (quote each)')
    .action(async (names: string[]) =>
      runCommand(async () => {
        const { defaultRegistry } = await import('../../registry/index.js');
        const registry = defaultRegistry();
        for (const name of names) {
          const r = registry.resolve(name);
          process.stdout.write(
            `${JSON.stringify({
              name: r.name,
              code: r.code,
              ...(r.registryName && r.registryName !== r.name ? { registryName: r.registryName } : {}),
              kind: r.kind,
              region: r.region,
              population: r.population,
              predecessors: r.predecessors,
              successors: r.successors,
              ...(r.candidates ? { candidates: r.candidates } : {}),
            })}\n`,
          );
        }
      }),
    );
}

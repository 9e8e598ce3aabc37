/**
 * What a command says when the archive it opened holds no decisions: an empty table alone reads
 * like a real zero, and a wrong DATA_DIR (the demo keeps its own under DATA_DIR/demo) is the
 * usual cause.
 * @module
 */
import { existsSync } from 'node:fs';
import path from 'node:path';

/** The note for an empty archive at `archiveFile` under `dataDir`, naming where to look instead. */
export function emptyArchiveNote(dataDir: string, archiveFile: string): string {
  const demoDir = path.join(path.resolve(dataDir), 'demo');
  const demoFile = path.join(demoDir, path.basename(archiveFile));
  const demo = existsSync(demoFile)
    ? `the demo's archive is in ${demoDir}: run with DATA_DIR=${demoDir} to read it`
    : `\`lgsco demo\` keeps its archive in ${demoDir}`;
  return (
    `lgsco: the archive holds no decisions — looked in ${archiveFile} (DATA_DIR=${path.resolve(dataDir)}). ` +
    `Fill it with \`lgsco crawl\`, or point DATA_DIR at an archive; ${demo}.\n`
  );
}

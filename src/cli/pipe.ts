/**
 * Ends the process quietly when whoever reads standard output stops reading (`lagesbild … | head`):
 * a list cut short is what was asked for, not an error with a stack trace.
 */
export function endQuietlyOnClosedPipe(): void {
  process.stdout.on('error', (e: NodeJS.ErrnoException) => {
    if (e.code === 'EPIPE') process.exit(0);
    throw e;
  });
}

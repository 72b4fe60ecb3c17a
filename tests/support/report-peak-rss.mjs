// Preloaded with `node --import` into a child process under test: prints the process's peak resident
// memory (all threads, from the kernel's own accounting) as the last line on stderr when it exits.
process.on('exit', () => {
  process.stderr.write(`\npeak-rss-kb ${process.resourceUsage().maxRSS}\n`);
});

/** One progress line: rewritten in place on a terminal, a line per tenth otherwise (CI logs). */
export function progress(label: string, total: number) {
  const started = performance.now();
  const tty = process.stdout.isTTY;
  let lastTenth = -1;
  const line = (count: number) => `  ${label}: ${count.toLocaleString('en')} / ${total.toLocaleString('en')}`;
  return {
    update(count: number) {
      if (tty) {
        process.stdout.write(`\r${line(count)}`);
        return;
      }
      const tenth = Math.floor((count / total) * 10);
      if (tenth === lastTenth) return;
      lastTenth = tenth;
      console.log(line(count));
    },
    done() {
      const seconds = ((performance.now() - started) / 1000).toFixed(1);
      if (tty) process.stdout.write(`\r${line(total)} (${seconds} s)\n`);
      else console.log(`  ${label}: done in ${seconds} s`);
    },
  };
}
